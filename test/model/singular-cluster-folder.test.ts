/**
 * A fleet bootstrapped with `--path=./cluster/staging` and `--path=./cluster/production` (a singular
 * `cluster/` folder) is two clusters, as `clusters/<name>/` is: it was read as one, its two bootstraps'
 * apps collided (APP_ID_COLLISION) and objects took `#2` ids instead of their cluster (outside
 * review). A layout folder in one cluster's tree (`kubernetes/flux/cluster/`) names no cluster.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a singular cluster/ folder', () => {
  const repo = tempRepos(afterAll);

  it('holds one cluster per folder a bootstrap applies', async () => {
    const r = repo('singular-cluster');
    for (const env of ['staging', 'production']) {
      r.put(`cluster/${env}/flux-system/kustomization.yaml`, 'resources:\n  - gotk-sync.yaml\n');
      r.put(`cluster/${env}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./cluster/${env}`));
      r.put(`cluster/${env}/apps.yaml`, fluxKustomization('apps', `./apps/${env}`));
      r.put(`apps/${env}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: ${env}\n`);
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['production', 'staging']);
    expect(model.findings.map((f) => f.code)).not.toContain('APP_ID_COLLISION');
    expect(model.kustomizations.map((k) => k.id).sort()).toEqual([
      'Kustomization/flux-system/apps@production',
      'Kustomization/flux-system/apps@staging',
      'Kustomization/flux-system/flux-system@production',
      'Kustomization/flux-system/flux-system@staging',
    ]);
  });

  it('is no cluster name where it is a layout folder of one cluster', async () => {
    const r = repo('layout-cluster-folder');
    r.put('kubernetes/flux/cluster/ks.yaml', [fluxKustomization('cluster-meta', './kubernetes/flux/meta'), fluxKustomization('cluster-apps', './kubernetes/apps')].join('---\n'));
    r.put('kubernetes/flux/meta/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: meta\n  namespace: flux-system\n');
    r.put('kubernetes/apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual([]);
  });
});
