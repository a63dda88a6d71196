/**
 * A claim cloned from another claim (`dataSource`/`dataSourceRef` of kind PersistentVolumeClaim, CSI
 * volume cloning) is a copy of data whose original the repository still runs: BACKUP_MISSING is
 * judged on the original, the clone is "not applicable". An owner's disposable test copy of a game
 * server's data was reported as not backed up (xunholy's cmangos-ptr-data, findings ledger). A clone
 * whose original is gone from the repository (the end of a move to a new claim) holds the only copy
 * and is still judged, as are claims filled by a volume populator or from a VolumeSnapshot (restores).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, spec = '') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: games\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ceph-block\n  resources:\n    requests:\n      storage: 10Gi\n${spec}`;

describe('a claim cloned from another claim', () => {
  const repo = tempRepos(afterAll);
  const judge = async (files: Record<string, string>) => {
    const r = repo('backup-clone');
    bootstrap(r);
    r.put('clusters/prod/games.yaml', fluxKustomization('games', './apps/games'));
    r.put('apps/games/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    for (const [file, text] of Object.entries(files)) r.put(`apps/games/${file}`, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    return {
      notApplicable: Object.fromEntries(result.rows.map((row) => [row.name, row.notApplicable])),
      missing: findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId),
    };
  };

  it('is not applicable while its original is in the repository; the original is still judged', async () => {
    const out = await judge({
      'data.yaml': claim('server-data'),
      'ptr.yaml': claim('server-ptr-data', '  dataSource:\n    kind: PersistentVolumeClaim\n    name: server-data\n'),
    });
    expect(out.notApplicable['server-ptr-data']).toBe('clone of claim server-data (filled from it when created; that claim is the data\'s original)');
    expect(out.missing).toEqual(['PersistentVolumeClaim/games/server-data']);
  });

  it('reads dataSourceRef too', async () => {
    const out = await judge({
      'data.yaml': claim('server-data'),
      'ptr.yaml': claim('server-ptr-data', '  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: server-data\n'),
    });
    expect(out.missing).toEqual(['PersistentVolumeClaim/games/server-data']);
  });

  it('is judged when its original is gone: it holds the only copy', async () => {
    const out = await judge({ 'new.yaml': claim('server-data-v2', '  dataSource:\n    kind: PersistentVolumeClaim\n    name: server-data\n') });
    expect(out.notApplicable['server-data-v2']).toBeNull();
    expect(out.missing).toEqual(['PersistentVolumeClaim/games/server-data-v2']);
  });

  it('is no clone when filled from a VolumeSnapshot or a volume populator (a restore)', async () => {
    const out = await judge({
      'data.yaml': claim('server-data'),
      'snap.yaml': claim('from-snapshot', '  dataSource:\n    apiGroup: snapshot.storage.k8s.io\n    kind: VolumeSnapshot\n    name: server-data\n'),
      'pop.yaml': claim('from-populator', '  dataSourceRef:\n    apiGroup: volsync.backube\n    kind: ReplicationDestination\n    name: server-data\n'),
    });
    expect(out.missing.sort()).toEqual(['PersistentVolumeClaim/games/from-populator', 'PersistentVolumeClaim/games/from-snapshot', 'PersistentVolumeClaim/games/server-data']);
  });
});
