import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * An overlay folder (`apps/prod`: `../base/web` and its patches) with a leftover file its
 * kustomization.yaml no longer names (a ConfigMap; a leftover HelmRelease patch is no object at all). The Kustomization goes to its one release's app; the leftover
 * made an app of the Kustomization's name, and NOT_DEPLOYED said "flux-system/apps is not deployed"
 * at the Kustomization's line, of a Kustomization that is deployed.
 */
describe('a stray file beside an overlay', () => {
  const repo = tempRepos(afterAll);

  it('is not deployed under its own name, at its own file; the Kustomization is deployed', async () => {
    const r = repo('stray-patch');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    r.put('apps/base/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/base/web/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: default\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef:\n        kind: HelmRepository\n        name: podinfo\n');
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base/web\npatches:\n  - path: web-patch.yaml\n');
    r.put('apps/prod/web-patch.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: default\nspec:\n  values:\n    replicaCount: 2\n');
    r.put('apps/prod/old-patch.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: oldapp\n  namespace: default\nspec:\n  values:\n    replicaCount: 2\n');
    r.put('apps/prod/old-config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: oldapp\n  namespace: default\ndata:\n  replicas: "2"\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const notes = analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED');
    // (The leftover patch, a HelmRelease without a chart that no build applies, is a fragment: no app, no note.)
    expect(notes.map((f) => [f.source.file, f.message.split(' is not deployed')[0]])).toEqual([['apps/prod/old-config.yaml', 'default/old-config']]);
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/apps'))?.notDeployed ?? null).toBeNull();
  });
});
