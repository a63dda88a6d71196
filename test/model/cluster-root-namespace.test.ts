/**
 * A cluster's folder of root Kustomizations without a committed bootstrap (`clusters/dev/infra.yaml`,
 * `apps.yaml`, listed by its kustomization.yaml): each root is an app at its path, as a child of a
 * committed bootstrap is. A leftover patch file beside them (an ingress-nginx values patch nothing
 * lists) gave the cluster folder's app its namespace: "dev/ingress-nginx/flux-system" (seventh round
 * of outside-corpus.md). A leftover release there is a switched-off app of its own, and names no
 * other; the patch, a HelmRelease fragment no build applies, is no app at all (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('cluster-root-namespace');
afterAll(remove);

describe("a cluster folder's app", async () => {
  for (const env of ['dev', 'prod']) {
    put(`clusters/${env}/kustomization.yaml`, 'resources:\n  - infra.yaml\n  - apps.yaml\n');
    put(`clusters/${env}/infra.yaml`, fluxKustomization('infra', './infra'));
    put(`clusters/${env}/apps.yaml`, fluxKustomization('apps', `./apps/${env}`));
    put(`apps/${env}/kustomization.yaml`, 'resources:\n  - cm.yaml\n');
    put(`apps/${env}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n`);
  }
  put('clusters/dev/ingress-nginx-patch.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ingress-nginx\n  namespace: ingress-nginx\nspec:\n  values:\n    controller:\n      replicaCount: 1\n');
  // A leftover release beside it, with its chart: an object, though nothing applies it.
  put('clusters/dev/ingress-nginx.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ingress-nginx\n  namespace: ingress-nginx\nspec:\n  chart:\n    spec:\n      chart: ingress-nginx\n      sourceRef:\n        kind: HelmRepository\n        name: ingress-nginx\n');
  put('infra/kustomization.yaml', 'resources:\n  - ns.yaml\n');
  put('infra/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
  const { model } = await scanRepo(root, parseConfig({}));

  it('makes each root an app at its path, in each cluster, whatever a leftover file beside them says', () => {
    for (const env of ['dev', 'prod']) {
      const appOf = (name: string) => model.apps.find((a) => a.id === model.kustomizations.find((k) => k.name === name && k.cluster === env)?.appId);
      expect(appOf('infra')?.id).toBe(`${env}/flux-system/infra`);
      expect(appOf('apps')?.id).toBe(`${env}/web/apps`);
    }
    // The leftover release is no part of what the cluster's bootstrap applies (its folder's
    // kustomization.yaml does not list it): an app of its own, which nothing deploys. The values patch,
    // a HelmRelease without a chart that no build applies, is a fragment: no app at all.
    const leftover = model.apps.filter((a) => a.dir.startsWith('clusters/'));
    expect(leftover.map((a) => [a.id, a.unreferenced])).toEqual([['dev/ingress-nginx/ingress-nginx', true]]);
  });
});
