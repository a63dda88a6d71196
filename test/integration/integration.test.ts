import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atlasSettingsOf, siteSettingsFor } from '../../scripts/build-site.ts';
import { astroConfigFor } from '../../src/integration/astro-config.ts';
import { atlasIntegration, SETTINGS_MODULE } from '../../src/integration/atlas-integration.ts';
import { type AtlasSettings, atlasKey } from '../../src/integration/settings.ts';

type Hook = NonNullable<AstroIntegration['hooks']['astro:config:setup']>;
type VitePlugin = { name: string; resolveId: (id: string) => string | undefined; load: (id: string) => string | undefined };

/** Run the integration's config hook as Astro would, and read the settings module the site gets. */
async function settingsModule(integration: AstroIntegration, command: 'dev' | 'build'): Promise<AtlasSettings> {
  const updates: Array<{ vite?: { plugins?: VitePlugin[] } }> = [];
  const hook = integration.hooks['astro:config:setup'] as Hook;
  await hook({ command, updateConfig: (u: object) => (updates.push(u), {}) } as unknown as Parameters<Hook>[0]);
  const plugins = updates.flatMap((u) => u.vite?.plugins ?? []);
  expect(plugins.map((p) => p.name)).toEqual(['gitops-atlas:settings']);
  const plugin = plugins[0]!;
  const resolved = plugin.resolveId(SETTINGS_MODULE);
  expect(resolved).toBe(`\0${SETTINGS_MODULE}`);
  expect(plugin.resolveId('virtual:starlight/user-config')).toBeUndefined();
  const code = plugin.load(resolved!);
  // Evaluate the module's source as a page would import it.
  const mod = (await import(`data:text/javascript,${encodeURIComponent(code!)}`)) as { default: AtlasSettings };
  return mod.default;
}

const dir = mkdtempSync(join(tmpdir(), 'atlas-integration-'));
const repo = join(dir, 'home-ops');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the GitOps Atlas integration', () => {
  it('hands the repository and overrides to the site through virtual:gitops-atlas/settings', async () => {
    const settings = await settingsModule(atlasIntegration({ repo: '/srv/home-ops', overrides: { title: 'Home', repoUrl: undefined } }), 'build');
    expect(settings).toEqual({ repo: '/srv/home-ops', overrides: { title: 'Home' }, devCache: false });
  });

  it('keeps the dev read cache under astro dev only, unless told', async () => {
    expect((await settingsModule(atlasIntegration({ repo: '/r' }), 'dev')).devCache).toBe(true);
    expect((await settingsModule(atlasIntegration({ repo: '/r' }), 'build')).devCache).toBe(false);
    expect((await settingsModule(atlasIntegration({ repo: '/r', devCache: false }), 'dev')).devCache).toBe(false);
  });
});

describe('the Astro config of a build', () => {
  beforeAll(() => {
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'atlas.config.yaml'), 'title: Home Ops\nsite: https://example.org\nbase: /docs/\nnoindex: true\n');
  });

  it('comes from the settings and the repository config, flags first', () => {
    const settings = siteSettingsFor({ repo, out: join(dir, 'out') }, '/proj');
    const config = astroConfigFor(settings);
    expect(config).toMatchObject({ root: '/proj', site: 'https://example.org', base: '/docs', outDir: join(dir, 'out'), trailingSlash: 'ignore' });
    expect(config.integrations?.map((i) => (i && typeof i === 'object' && 'name' in i ? i.name : null))).toEqual(['gitops-atlas', '@astrojs/starlight']);
    const flagged = astroConfigFor(siteSettingsFor({ repo, site: 'https://me.github.io', base: '/home-ops/', cacheDir: 'cache' }, '/proj'));
    expect(flagged).toMatchObject({ site: 'https://me.github.io', base: '/home-ops', outDir: '/proj/dist', cacheDir: join(process.cwd(), 'cache') });
  });

  it('names the same Atlas the build reads back afterwards (one scan per build)', async () => {
    const settings = siteSettingsFor({ repo, config: { title: 'T', noindex: undefined } }, '/proj');
    const integration = astroConfigFor(settings).integrations?.find((i) => i && typeof i === 'object' && 'name' in i && i.name === 'gitops-atlas') as AstroIntegration;
    const handed = await settingsModule(integration, 'build');
    expect(handed).toEqual({ repo, overrides: { title: 'T' }, devCache: false });
    expect(atlasKey(handed)).toBe(atlasKey(atlasSettingsOf(settings)));
    expect(atlasKey({ ...handed, overrides: { title: 'U' } })).not.toBe(atlasKey(atlasSettingsOf(settings)));
  });
});
