/**
 * The storage rules of the implicit dependencies, on two shapes an outside review found
 * (wcygan/homelab, superquinquin-sur-deule/gitops):
 * - a claim without a class counts on the cluster's default; where the repository marks two classes
 *   default (rook-ceph-cluster's values, and a kustomization.yaml patch on the local-path-provisioner
 *   manifest it takes by URL), the default is not known and no claim is said to need Rook-Ceph;
 * - the dependsOn the warning advises names the Kustomization that makes the claim's StorageClass
 *   (rook-ceph-cluster), not the operator's (rook-ceph) that shares its app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, cls: string | null) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n${cls ? `  storageClassName: ${cls}\n` : ''}  resources:\n    requests:\n      storage: 1Gi\n`;
const rookValues = '    cephBlockPools:\n      - name: ceph-blockpool\n        storageClass:\n          enabled: true\n          name: ceph-block\n          isDefault: true\n';
const localPathPatch =
  'resources:\n  - https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.30/deploy/local-path-storage.yaml\npatches:\n  - target:\n      kind: StorageClass\n      name: local-path\n    patch: |\n      - op: add\n        path: /metadata/annotations\n        value:\n          storageclass.kubernetes.io/is-default-class: "true"\n';

describe('implicit storage dependencies', () => {
  const repo = tempRepos(afterAll);
  const implicit = async (withLocalPath: boolean, cls: string | null) => {
    const r = repo(`implicit-storage-${withLocalPath}-${cls}`);
    bootstrap(r);
    // One ks.yaml with the operator's and the cluster's Kustomizations: one app, as home-ops lay them out.
    r.put('clusters/prod/rook.yaml', `${fluxKustomization('rook-ceph', './storage/rook/operator', '  targetNamespace: rook-ceph\n')}---\n${fluxKustomization('rook-ceph-cluster', './storage/rook/cluster', '  targetNamespace: rook-ceph\n  dependsOn:\n    - name: rook-ceph\n')}`);
    r.put('storage/rook/operator/helmrelease.yaml', helmRelease({ name: 'rook-ceph' }));
    r.put('storage/rook/cluster/helmrelease.yaml', helmRelease({ name: 'rook-ceph-cluster', values: rookValues }));
    if (withLocalPath) {
      r.put('clusters/prod/local-path.yaml', fluxKustomization('local-path', './storage/local-path'));
      r.put('storage/local-path/kustomization.yaml', localPathPatch);
    }
    r.put('clusters/prod/db.yaml', fluxKustomization('db', './apps/db', '  targetNamespace: db\n'));
    r.put('apps/db/pvc.yaml', claim('data', cls));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { defaultClass: model.defaultStorageClass?.name ?? null, findings: analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_') && f.message.includes('storage-rook-ceph')).map((f) => f.message) };
  };

  it('a classless claim needs Rook-Ceph where its class is the one default', async () => {
    const { defaultClass, findings } = await implicit(false, null);
    expect(defaultClass).toBe('ceph-block');
    expect(findings).toHaveLength(1);
  });

  it('no default is known where a patch marks another class default too, so the classless claim needs nothing named', async () => {
    const { defaultClass, findings } = await implicit(true, null);
    expect(defaultClass).toBeNull();
    expect(findings).toEqual([]);
  });

  it('advises the Kustomization that makes the StorageClass, not the operator', async () => {
    const { findings } = await implicit(true, 'ceph-block');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain('Add dependsOn: [{ name: rook-ceph-cluster, namespace: flux-system }].');
  });
});
