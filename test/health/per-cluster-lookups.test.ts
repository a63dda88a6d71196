/**
 * Health checks that look one object up from another match within the object's cluster, where the
 * repository has several (a review of a two-cluster repository found lookups by namespace and name only):
 * - the claim a VolSync mover keeps its restic repository on is "backup repository" (no backup needed)
 *   in the mover's cluster only: the other cluster's claim of that name holds data of its own;
 * - a suspended HelmRelease's FLUX_SUSPENDED names the releases that wait for it in its own cluster,
 *   where helm-controller resolves their dependsOn, not another cluster's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const source = 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: web\n  namespace: web\nspec:\n  sourcePVC: web-data\n  trigger:\n    schedule: "0 2 * * *"\n  restic:\n    repository: web-restic\n    copyMethod: Snapshot\n    moverVolumes:\n      - mountPath: repo\n        volumeSource:\n          persistentVolumeClaim:\n            claimName: volsync-repo\n';
const suspended = helmRelease({ name: 'db', namespace: 'web' }).replace('spec:\n', 'spec:\n  suspend: true\n');
const dependent = helmRelease({ name: 'api', namespace: 'web' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: db\n');

describe('health lookups in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("match the object's own cluster", async () => {
    const r = repo('per-cluster-lookups');
    for (const cluster of ['alpha', 'beta']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/web.yaml`, fluxKustomization('web', `./apps/web/${cluster}`));
    }
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - claims.yaml\n  - db.yaml\n');
    r.put('apps/web/base/claims.yaml', `${claim('web-data')}---\n${claim('volsync-repo')}`);
    r.put('apps/web/base/db.yaml', suspended);
    // Alpha backs web-data up to a repository on its volsync-repo claim, and runs the release that waits for db.
    r.put('apps/web/alpha/kustomization.yaml', 'resources:\n  - ../base\n  - backup.yaml\n  - api.yaml\n');
    r.put('apps/web/alpha/backup.yaml', source);
    r.put('apps/web/alpha/api.yaml', dependent);
    r.put('apps/web/beta/kustomization.yaml', 'resources:\n  - ../base\n');
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['alpha', 'beta']);
    const rows = backupMatrix(model).result.rows.filter((row) => row.name === 'volsync-repo');
    expect(rows.map((row) => [row.pvcId, row.notApplicable])).toEqual([
      ['PersistentVolumeClaim/web/volsync-repo@alpha', 'backup repository (ReplicationSource web keeps its backups there)'],
      ['PersistentVolumeClaim/web/volsync-repo@beta', null],
    ]);
    const waits = analysis.findings.filter((f) => f.code === 'FLUX_SUSPENDED' && f.objectId?.startsWith('HelmRelease/web/db')).map((f) => [f.objectId, / depends on it /.test(f.message)]).sort();
    expect(waits).toEqual([
      ['HelmRelease/web/db@alpha', true],
      ['HelmRelease/web/db@beta', false],
    ]);
  });
});
