import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AtlasSettings } from '../../src/integration/settings.ts';
import { invalidateAtlas } from '../../src/loaders/atlas-data.ts';
import { siteAtlas } from '../../src/integration/atlas-provider.ts';

// A copy, because one test edits a manifest as a save in dev mode would.
const dir = mkdtempSync(join(tmpdir(), 'atlas-registry-'));
const repo = join(dir, 'flat-layout');
cpSync(join(import.meta.dirname, '../fixtures/repos/flat-layout'), repo, { recursive: true });
const settings: AtlasSettings = { repo, overrides: {}, devCache: false };
const NOTES = '# Notes\n\nSee [radarr](../media/radarr.yaml).\n';
mkdirSync(join(repo, 'docs'));
writeFileSync(join(repo, 'docs/notes.md'), NOTES);
afterEach(() => invalidateAtlas());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the memoised Atlas, keyed on the settings', () => {
  it('one scan for equal settings, whichever object carries them (the CLI, the virtual module)', async () => {
    const a = siteAtlas(settings);
    expect(siteAtlas(JSON.parse(JSON.stringify(settings)) as AtlasSettings)).toBe(a);
    // The dev read cache changes how fast a scan is, not what it finds.
    expect(siteAtlas({ ...settings, devCache: true })).toBe(a);
    expect((await a).model.apps.map((x) => x.id)).toEqual(expect.arrayContaining([expect.stringContaining('radarr')]));
  });

  it('other overrides are another Atlas', async () => {
    const plain = await siteAtlas(settings);
    const titled = await siteAtlas({ ...settings, overrides: { title: 'Flat' } });
    expect(titled).not.toBe(plain);
    expect(titled.config.title).toBe('Flat');
    expect(plain.config.title).not.toBe('Flat');
  });

  it('invalidateAtlas(settings) forgets that scan only; the next call reads the repository again', async () => {
    const first = await siteAtlas(settings);
    const other = await siteAtlas({ ...settings, overrides: { title: 'Other' } });
    const file = join(repo, 'media/radarr.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/name: radarr\b/g, 'name: radarr4k'));
    try {
      expect(await siteAtlas(settings)).toBe(first);
      invalidateAtlas(settings);
      const second = await siteAtlas(settings);
      expect(second).not.toBe(first);
      expect(second.model.apps.map((x) => x.id).join(' ')).toContain('radarr4k');
      expect(await siteAtlas({ ...settings, overrides: { title: 'Other' } })).toBe(other);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a dev scan after a save sees the change through the kept read cache', async () => {
    const dev = { ...settings, overrides: { title: 'dev' }, devCache: true };
    const file = join(repo, 'media/sonarr.yaml');
    const original = readFileSync(file, 'utf8');
    const before = await siteAtlas(dev);
    writeFileSync(file, original.replace(/name: sonarr\b/g, 'name: sonarr-dev'));
    try {
      invalidateAtlas(dev);
      const after = await siteAtlas(dev);
      expect(after.model.apps.map((x) => x.id).join(' ')).toContain('sonarr-dev');
      expect(before.model.apps.map((x) => x.id).join(' ')).not.toContain('sonarr-dev');
      // The Markdown did not change: its parse is the earlier scan's, in a new store (memos afresh).
      expect(after.markdown).not.toBe(before.markdown);
      const parsed = before.markdown.parsed;
      expect(after.markdown.parse(NOTES)).toBe(before.markdown.parse(NOTES));
      expect(before.markdown.parsed).toBe(parsed);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('the reading side alone (no provider registered) refuses with a message that names the way out', () => {
    // A fresh process: in this one the tests above registered the pipeline.
    const script = `import('${join(import.meta.dirname, '../../src/loaders/atlas-data.ts')}').then((m) => m.atlasFor(${JSON.stringify(settings)})).then(() => console.log('computed'), (e) => console.log(e.message))`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toContain('no scan of the repository was started');
    expect(out).toContain('atlas build');
  });

  it('the integration registers the pipeline when Astro sets up its config (astro dev, npx astro build)', () => {
    const src = join(import.meta.dirname, '../../src');
    const script = [
      `const { atlasIntegration } = await import('${src}/integration/atlas-integration.ts');`,
      `const { atlasFor } = await import('${src}/loaders/atlas-data.ts');`,
      `atlasIntegration({ repo: ${JSON.stringify(repo)} }).hooks['astro:config:setup']({ command: 'dev', updateConfig: () => ({}) });`,
      `const atlas = await atlasFor(${JSON.stringify(settings)});`,
      `console.log('apps', atlas.model.apps.length);`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toMatch(/^apps [1-9]\d*$/m);
  });
});
