/**
 * The Kustomization `flux bootstrap` writes (flux-system, in clusters/<name>/flux-system/) belongs to
 * the flux-system app, also where its path holds a single HelmRelease in a sub-folder: it was moved
 * into that release's app (a public repository whose cluster folder has no kustomization.yaml showed
 * its bootstrap as part of cloudnative-pg). A plumbing Kustomization that is not the bootstrap
 * (Flux's example `apps` -> one release) still joins its release's app (corpus snapshot).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('bootstrap-root');
afterAll(remove);

describe('the bootstrap Kustomization', () => {
  it('stays in flux-system when its path holds one release', async () => {
    put('clusters/lab/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://github.com/example/lab\n  ref:\n    branch: main\n---\n${fluxKustomization('flux-system', './clusters/lab')}`);
    put('clusters/lab/cloudnative-pg/helm.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: cnpg\n  namespace: flux-system\nspec:\n  interval: 24h\n  url: https://cloudnative-pg.github.io/charts\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cloudnative-pg\n  namespace: flux-system\nspec:\n  interval: 1h\n  targetNamespace: cnpg-system\n  chart:\n    spec:\n      chart: cloudnative-pg\n      version: 0.22.1\n      sourceRef:\n        kind: HelmRepository\n        name: cnpg\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;
    expect(appOf('Kustomization/flux-system/flux-system')).toBe('flux-system/flux-system');
    expect(appOf('HelmRelease/flux-system/cloudnative-pg')).toBe('cnpg-system/cloudnative-pg');
    expect(model.apps.find((a) => a.id === 'cnpg-system/cloudnative-pg')?.kustomizations).toEqual([]);
  });
});
