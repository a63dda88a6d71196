/**
 * The claim a VolSync mover keeps its restic repository on is where backups go, not a volume that
 * needs one; the app page judges its backup as the health matrix does. Cases in
 * test/fixtures/repos/volsync-repository-claim/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { loadConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/volsync-repository-claim');

describe('a restic repository on a claim of the namespace (VolSync moverVolumes)', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
  const { model } = atlas;

  it('reads the claims a mover mounts', () => {
    expect(model.backupObjects.map((b) => [b.kind, b.sourcePvc, b.repositoryClaims])).toEqual([['ReplicationSource', 'gatus-data', ['volsync-repo']]]);
  });

  it('covers the data claim and leaves the repository claim out, with the reason', () => {
    const rows = Object.fromEntries(backupMatrix(model).result.rows.map((r) => [r.name, [r.coveredBy, r.notApplicable]]));
    expect(rows).toEqual({ 'gatus-data': [['volsync'], null], 'volsync-repo': [[], 'backup repository (ReplicationSource gatus keeps its backups there)'] });
    expect(atlas.analysis.findings.filter((f) => f.code.startsWith('BACKUP_'))).toEqual([]);
  });

  it('says the app is backed up', () => {
    expect(appFacts(model, 'default/gatus')!.backup).toMatchObject({ status: 'covered', uncovered: [] });
  });
});
