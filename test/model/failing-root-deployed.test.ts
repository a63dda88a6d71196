/**
 * A cluster root whose own build fails (two files of its folder define the same Kustomization) is
 * still in the cluster: `flux bootstrap` applied it, and it reports the failure. An outside review
 * found it called "not deployed" because of its own failure; what it would apply is what is blocked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a cluster root whose own build fails', () => {
  const repo = tempRepos(afterAll);

  it('is deployed itself; what it applies is not', async () => {
    const r = repo('failing-root');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/prod/monitoring.yaml', fluxKustomization('apps', './monitoring'));
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    r.put('monitoring/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mon\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE').map((f) => f.source.file)).toEqual(['clusters/prod/monitoring.yaml']);
    const notDeployed = model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file);
    expect(notDeployed).not.toContain('clusters/prod/flux-system/gotk-sync.yaml');
    expect(notDeployed).toContain('clusters/prod/apps.yaml');
    const root = model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/flux-system'));
    expect(root?.notDeployed ?? null).toBeNull();
  });

  it('is deployed itself whatever its name (a root `cluster` applying its own folder)', async () => {
    const r = repo('failing-root-named');
    r.put('kubernetes/flux/config/cluster.yaml', fluxKustomization('cluster', './kubernetes/flux', '  dependsOn:\n    - name: flux\n'));
    // What the root depends on and alone applies was created with it (Flux itself, from flux-manifests).
    r.put('kubernetes/flux/config/flux.yaml', fluxKustomization('flux', './manifests'));
    // kustomize refuses Flux's apiVersion in a kustomization.yaml: the root's build fails.
    r.put('kubernetes/flux/config/kustomization.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nresources:\n  - cluster.yaml\n  - flux.yaml\n  - apps.yaml\n');
    r.put('kubernetes/flux/kustomization.yaml', 'resources:\n  - config\n');
    r.put('kubernetes/flux/config/apps.yaml', fluxKustomization('apps', './kubernetes/apps'));
    r.put('kubernetes/apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const root = model.kustomizations.find((k) => k.name === 'cluster')!;
    expect(root.isRoot).toBe(true);
    expect(model.findings.map((f) => f.code)).toContain('KUSTOMIZE_WRONG_API_VERSION');
    expect(model.apps.find((a) => a.kustomizations.includes(root.id))?.notDeployed ?? null).toBeNull();
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/flux'))?.notDeployed ?? null).toBeNull();
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/apps'))?.notDeployed).toMatch(/cannot be built/);
  });
});
