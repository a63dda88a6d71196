/**
 * Runbooks are read and generated once, by the pipeline (computeAtlas), and carried on the atlas:
 * their findings reach `atlas check` with every other finding, and `atlas export` reads them from
 * the atlas without reading a file again.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { CANARY_REPO } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-runbooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runbooks on the atlas', async () => {
  cpSync(CANARY_REPO, dir, { recursive: true });
  // A typo in the generated runbook's id: the app is shop/store.
  writeFileSync(join(dir, 'docs/runbooks/store-typo.md'), '---\ntitle: Store, again\natlas: restore shop/stor\n---\n\n# Store, again\n\n<!-- BEGIN ATLAS -->\n<!-- END ATLAS -->\n');
  const atlas = await computeAtlas(dir, parseConfig({}));
  const { runbooks, findings } = atlas.analysis;

  it('an `atlas:` id that names no generated runbook is one of the atlas findings, with its file', () => {
    const unknown = findings.filter((f) => f.code === 'RUNBOOK_ATLAS_ID_UNKNOWN');
    expect(unknown.map((f) => [f.severity, f.source.file, f.source.line])).toEqual([['warning', 'docs/runbooks/store-typo.md', 1]]);
    expect(unknown[0]!.message).toContain('restore:shop/stor');
    // The pages read findings from the model: the same list.
    expect(atlas.model.findings.filter((f) => f.code === 'RUNBOOK_ATLAS_ID_UNKNOWN')).toEqual(unknown);
  });

  it('generated, hand-written and export targets are computed with the atlas', () => {
    expect(runbooks.generated.map((r) => r.id)).toContain('restore:shop/store');
    expect(runbooks.handWritten.map((h) => [h.file, h.atlas])).toEqual([
      ['docs/runbooks/store-outage.md', 'restore:shop/store'],
      ['docs/runbooks/store-typo.md', 'restore:shop/stor'],
    ]);
    expect(runbooks.exportTargets.map((t) => [t.file, t.runbookId])).toEqual([['docs/runbooks/store-outage.md', 'restore:shop/store']]);
  });

  it('atlas export reads the runbooks from the atlas, not from the files again', () => {
    rmSync(join(dir, 'docs'), { recursive: true, force: true });
    const target = exportTargets(atlas).find((t) => t.file === 'docs/runbooks/store-outage.md');
    expect(target?.generated).toBe(runbooks.exportTargets[0]!.generated);
    expect(target?.generated).toContain('flux suspend kustomization store -n flux-system');
  });
});
