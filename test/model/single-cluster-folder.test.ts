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
 * are the cluster's roots, one app called flux-system, as where there are several clusters (outside
 * review: `clusters/fluxcd-platform/` with infrastructure.yaml and infrastructure-configs.yaml was app
 * "flux-system/fluxcd-platform").
 */
describe("a one-cluster repository whose roots' folder has no bootstrap", () => {
  const repo = tempRepos(afterAll);

  it('names the folder of roots flux-system, not after the cluster', async () => {
    const r = repo('single-cluster-roots');
    r.put('clusters/platform/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('clusters/platform/infrastructure-configs.yaml', fluxKustomization('infra-configs', './infrastructure/configs', '  dependsOn:\n    - name: infra-controllers\n'));
    r.put('infrastructure/controllers/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cert-manager\n');
    r.put('infrastructure/configs/issuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  selfSigned: {}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.map((a) => a.id)).not.toContain('flux-system/platform');
    expect(model.kustomizations.find((k) => k.name === 'infra-configs')?.appId).toBe('flux-system/flux-system');
  });
});
