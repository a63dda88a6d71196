import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * home-ops shape: `kubernetes/apps/<ns>/kustomization.yaml` lists each app's ks.yaml and a shared
 * component; when that build fails (here: the component lists a folder without a kustomization.yaml),
 * Flux creates none of the apps' Kustomizations. An app whose folder also holds a file its
 * kustomization.yaml leaves out is as undeployed as its siblings.
 */
describe('an app under a build that fails', () => {
  const repo = tempRepos(afterAll);

  it('is not deployed, and not checked, even with a file its own kustomization.yaml leaves out', async () => {
    const r = repo('blocked');
    r.put('flux/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'namespace: demo\ncomponents:\n  - ../components/common\nresources:\n  - ./a/ks.yaml\n  - ./b/ks.yaml\n');
    r.put('components/common/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./alerts\n');
    r.put('components/common/alerts/provider.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\n');
    for (const app of ['a', 'b']) {
      r.put(`apps/${app}/ks.yaml`, fluxKustomization(app, `./apps/${app}/app`, '  targetNamespace: demo\n  dependsOn:\n    - name: not-here\n'));
      r.put(`apps/${app}/app/kustomization.yaml`, 'resources:\n  - ./cm.yaml\n');
      r.put(`apps/${app}/app/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\n`);
    }
    r.put('apps/b/app/unused.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unused\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(model.apps.filter((a) => a.id === 'demo/a' || a.id === 'demo/b').map((a) => [a.id, a.notDeployed?.slice(0, 40)])).toEqual([
      ['demo/a', 'Kustomization flux-system/apps cannot be'],
      ['demo/b', 'Kustomization flux-system/apps cannot be'],
    ]);
    expect(findings.filter((f) => f.code === 'DEPENDS_ON_MISSING')).toEqual([]);
  });
});
