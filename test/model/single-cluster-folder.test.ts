/**
 * The folder a bootstrap root builds (`clusters/staging/`) is the cluster's, also in a repository of
 * one cluster: a Kustomization written there that applies others (`infrastructure` -> the monitoring
 * stack's and config's Kustomizations) is named by its metadata.name, never after the cluster's folder.
 * Outside review (a one-cluster reference layout): the app was "flux-system/staging".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a one-cluster repository with clusters/<name>/', () => {
  const repo = tempRepos(afterAll);

  it('names the aggregating Kustomization of the cluster folder by its own name', async () => {
    const r = repo('single-cluster-folder');
    bootstrap(r, 'staging');
    r.put('clusters/staging/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('clusters/staging/apps.yaml', fluxKustomization('apps', './apps/staging', '  dependsOn:\n    - name: infrastructure\n'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - monitoring/kustomization-stack.yaml\n  - monitoring/kustomization-config.yaml\n');
    r.put('infrastructure/monitoring/kustomization-stack.yaml', fluxKustomization('monitoring-stack', './infrastructure/monitoring/stack'));
    r.put('infrastructure/monitoring/kustomization-config.yaml', fluxKustomization('monitoring-config', './infrastructure/monitoring/config', '  dependsOn:\n    - name: monitoring-stack\n'));
    r.put('infrastructure/monitoring/stack/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n');
    r.put('infrastructure/monitoring/config/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\n  namespace: monitoring\n');
    r.put('apps/staging/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ids = model.apps.map((a) => a.id);
    expect(ids).not.toContain('flux-system/staging');
    expect(model.kustomizations.find((k) => k.name === 'infrastructure')?.appId).toBe('flux-system/infrastructure');
  });
});

/**
 * The same where the bootstrap is not committed: the Kustomizations written in `clusters/<name>/`
 * are the cluster's roots, which Flux's bootstrap applies as it does where its gotk-sync.yaml is
 * committed. Each is an app at its path, named by its metadata.name, with its dependsOn, as a child of
 * a committed bootstrap is. Outside reviews: `clusters/fluxcd-platform/` was one app named after the
 * cluster ("flux-system/fluxcd-platform"), then one app "flux-system" holding both Kustomizations,
 * whose dependsOn the app page lost, where the cluster beside it, bootstrap committed, had two apps.
 */
describe("a cluster's folder of roots without a committed bootstrap", () => {
  const repo = tempRepos(afterAll);

  it('makes each root that builds a folder elsewhere an app of its own, not one named after the cluster', async () => {
    const r = repo('single-cluster-roots');
    r.put('clusters/platform/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('clusters/platform/infrastructure-configs.yaml', fluxKustomization('infra-configs', './infrastructure/configs', '  dependsOn:\n    - name: infra-controllers\n'));
    r.put('infrastructure/controllers/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cert-manager\n');
    r.put('infrastructure/configs/issuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  selfSigned: {}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ids = model.apps.map((a) => a.id);
    expect(ids).not.toContain('flux-system/platform');
    expect(ids).not.toContain('flux-system/flux-system');
    expect(model.kustomizations.find((k) => k.name === 'infra-configs')?.appId).toBe('flux-system/infra-configs');
    expect(model.kustomizations.find((k) => k.name === 'infra-controllers')?.appId).toBe('flux-system/infra-controllers');
    expect(model.apps.find((a) => a.id === 'flux-system/infra-configs')?.dir).toBe('infrastructure/configs');
  });

  it('gives two clusters of one layout the same apps, bootstrap committed in one of them only', async () => {
    const r = repo('clusters-one-bootstrap');
    bootstrap(r, 'dev');
    for (const c of ['dev', 'prod']) {
      r.put(`clusters/${c}/infrastructure.yaml`, fluxKustomization('infrastructure', './infrastructure'));
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`, '  dependsOn:\n    - name: infrastructure\n'));
      r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ../base\n');
    }
    r.put('apps/base/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('apps/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\n  namespace: default\n');
    r.put('infrastructure/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string, cluster: string) => model.apps.find((a) => a.id === model.kustomizations.find((k) => k.name === name && k.cluster === cluster)?.appId);
    for (const c of ['dev', 'prod']) {
      expect(appOf('apps', c)?.dir).toBe(`apps/${c}`);
      expect(appOf('infrastructure', c)?.dir).toBe('infrastructure');
      expect(appOf('apps', c)?.name).toBe('apps');
      expect(appOf('apps', c)).not.toBe(appOf('infrastructure', c));
    }
  });
});

/**
 * A folder of roots that is not named `clusters/<name>` (the sync path of a FluxInstance whose chart
 * values the model does not read, `gitops/flux/`), each root building one app's folder: an app per
 * root, at its path, with its own dependsOn. They were all one app `flux-system/flux` (outside review,
 * twenty-fourth round: thirteen Kustomizations, nine charts). Beside a root that applies other
 * Kustomizations, the folder's other roots stay that cluster's plumbing.
 */
describe('a folder of roots elsewhere than clusters/<name>', () => {
  const repo = tempRepos(afterAll);
  const scan = async (withAggregator: boolean) => {
    const r = repo('roots-folder');
    r.put('gitops/flux/infrastructure.yaml', `${fluxKustomization('cilium', './gitops/infrastructure/cilium')}---\n${fluxKustomization('longhorn', './gitops/infrastructure/longhorn')}`);
    r.put('gitops/flux/projects.yaml', fluxKustomization('immich', './gitops/projects/immich', '  dependsOn:\n    - name: longhorn\n'));
    for (const [dir, ns] of [['gitops/infrastructure/cilium', 'kube-system'], ['gitops/infrastructure/longhorn', 'longhorn-system'], ['gitops/projects/immich', 'immich']] as const) {
      r.put(`${dir}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${dir.split('/').pop()}\n  namespace: ${ns}\n`);
    }
    if (withAggregator) {
      r.put('gitops/flux/apps.yaml', fluxKustomization('apps', './gitops/apps'));
      r.put('gitops/apps/web.yaml', fluxKustomization('web', './gitops/web'));
      r.put('gitops/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.apps.map((a) => `${a.id} ${a.dir}`).sort();
  };

  it('is an app per root, at its path', async () => {
    expect(await scan(false)).toEqual([
      'immich/immich gitops/projects/immich',
      'kube-system/cilium gitops/infrastructure/cilium',
      'longhorn-system/longhorn gitops/infrastructure/longhorn',
    ]);
  });

  it('beside a root that applies other Kustomizations, the others are the folder\'s app as before', async () => {
    const apps = await scan(true);
    expect(apps).toContain('web/web gitops/web');
    expect(apps.filter((a) => a.endsWith(' gitops/infrastructure/cilium'))).toEqual([]);
  });
});
