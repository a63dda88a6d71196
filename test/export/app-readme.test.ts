import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleReadmes, GOLDEN_APPS, goldenFile } from '../../scripts/readme-goldens.ts';

/**
 * Golden files for the README export, named after the app. They were reviewed by reading them
 * against the manifests. This test only reads them: a missing golden fails; rewrite them on
 * purpose with `node scripts/readme-goldens.ts --update` and review the diff before committing.
 */
describe('README.md export of examples/homelab', async () => {
  // The export's own pipeline (computeAtlas): the model carries every analysis' findings, as on the site.
  const { model, targets, readmeOf } = await exampleReadmes();

  for (const app of GOLDEN_APPS) {
    it(`matches the reviewed golden file for ${app}`, () => {
      const golden = goldenFile(app);
      if (!existsSync(golden)) expect.fail(`golden file ${golden} is missing: run node scripts/readme-goldens.ts --update and review it`);
      expect(readmeOf(app)).toBe(readFileSync(golden, 'utf8'));
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
