import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appReadmeTargets } from '../../src/lib/export/plan.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const GOLDEN = join(import.meta.dirname, '../golden/readme');
const EXAMPLE = join(import.meta.dirname, '../../examples/homelab');

/**
 * Golden files for the README export, named after the app. They were reviewed by reading them
 * against the manifests; regenerate with UPDATE_GOLDEN=1 and review the diff before committing.
 */
describe('README.md export of examples/homelab', async () => {
  // The export's own pipeline (computeAtlas): the model carries every analysis' findings, as on the site.
  const { model } = await computeAtlas(EXAMPLE, parseConfig({}));
  const targets = appReadmeTargets(model, { repoUrl: 'https://github.com/example/homelab/blob/main/' });

  for (const app of ['productivity/paperless', 'media/jellyfin', 'observability/grafana', 'ai/librechat']) {
    it(`matches the reviewed golden file for ${app}`, () => {
      const dir = model.apps.find((a) => a.id === app)!.dir;
      const target = targets.find((t) => t.file.startsWith(dir + '/'))!;
      const golden = join(GOLDEN, `${app.replace('/', '__')}.md`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, target.generated);
      expect(target.generated).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('writes one README per app folder, in the folder, and none for shared folders', () => {
    expect(targets.map((t) => t.file)).toContain('kubernetes/apps/productivity/paperless/README.md');
    expect(new Set(targets.map((t) => t.file)).size).toBe(targets.length);
    for (const t of targets) expect(model.apps.some((a) => t.file.startsWith(a.dir + '/'))).toBe(true);
  });

  it('never prints a secret value, and says plainly where data is not backed up', () => {
    const all = targets.map((t) => t.generated).join('\n');
    expect(all).not.toContain('Gr4fana-demo-only');
    expect(all).not.toContain('ENC[');
    const n8n = targets.find((t) => t.file.includes('/productivity/n8n/'))!.generated;
    expect(n8n).toContain('**not backed up**');
  });
});
