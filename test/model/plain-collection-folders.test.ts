/**
 * Flux's getting-started shape with plain manifests: `clusters/home/apps.yaml` is a Kustomization of
 * `./apps`, whose kustomization.yaml lists `home/mosquitto` and `web/organizr`, each a kustomize
 * folder with its own Deployment, claim and namespace. On a public repository of this shape every
 * image and claim was one app, `flux-system/apps` in namespace flux-system (where only the
 * Kustomization object lives), and the apps' namespaces had no NetworkPolicy note. Each such folder
 * is an app now; a folder of plain objects without a workload stays the Kustomization's, and a
 * Kustomization of one workload folder stays one app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: example/${name}:1.0\n`;
const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const bootstrap = fluxKustomization('flux-system', './clusters/home');

describe('a Kustomization of plain-manifest app folders', () => {
  const repo = tempRepos(afterAll);

  it('makes an app of each kustomize folder that runs a workload, in that folder\'s namespace', async () => {
    const { root, put } = repo('plain-collection');
    put('clusters/home/flux-system/gotk-sync.yaml', bootstrap);
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - home/mosquitto\n  - web/organizr\n  - policies\n');
    put('apps/home/mosquitto/kustomization.yaml', 'namespace: home\nresources:\n  - deployment.yaml\n  - pvc.yaml\n');
    put('apps/home/mosquitto/deployment.yaml', deployment('mosquitto'));
    put('apps/home/mosquitto/pvc.yaml', claim('mosquitto-data'));
    put('apps/web/organizr/kustomization.yaml', 'namespace: web\nresources:\n  - deployment.yaml\n  - pvc.yaml\n');
    put('apps/web/organizr/deployment.yaml', deployment('organizr'));
    put('apps/web/organizr/pvc.yaml', claim('organizr-data'));
    put('apps/policies/kustomization.yaml', 'resources:\n  - quota.yaml\n');
    put('apps/policies/quota.yaml', 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n  namespace: web\nspec:\n  hard:\n    pods: "10"\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const app = (id: string) => model.apps.find((a) => a.id === id);
    expect(model.apps.map((a) => a.id).sort()).toEqual(['flux-system/flux-system', 'home/mosquitto', 'web/apps', 'web/organizr']);
    expect([app('home/mosquitto')?.dir, app('home/mosquitto')?.objects.sort()]).toEqual(['apps/home/mosquitto', ['Deployment/home/mosquitto', 'PersistentVolumeClaim/home/mosquitto-data']]);
    expect(app('web/organizr')?.objects.sort()).toEqual(['Deployment/web/organizr', 'PersistentVolumeClaim/web/organizr-data']);
    // A folder of plain objects without a workload stays with the Kustomization (whose app is then in
    // the one namespace its objects are in, as for any Kustomization without targetNamespace).
    expect([app('web/apps')?.kustomizations, app('web/apps')?.objects]).toEqual([['Kustomization/flux-system/apps'], ['Kustomization/flux-system/apps', 'ResourceQuota/web/quota']]);
    expect(model.pvcs.find((p) => p.name === 'organizr-data')?.appId).toBe('web/organizr');
  });

  it("gives a base outside the path to the overlay folder that lists it (`apps/prod/mealie` -> `../../base/mealie`)", async () => {
    const { root, put } = repo('plain-collection-base');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    put('apps/prod/kustomization.yaml', 'resources:\n  - mealie\n  - blog\n');
    put('apps/prod/mealie/kustomization.yaml', 'namespace: mealie\nresources:\n  - ../../base/mealie/\n  - tunnel.yaml\n');
    put('apps/prod/mealie/tunnel.yaml', deployment('cloudflared'));
    put('apps/base/mealie/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - pvc.yaml\n');
    put('apps/base/mealie/deployment.yaml', deployment('mealie'));
    put('apps/base/mealie/pvc.yaml', claim('mealie-data'));
    put('apps/prod/blog/kustomization.yaml', 'namespace: blog\nresources:\n  - deployment.yaml\n');
    put('apps/prod/blog/deployment.yaml', deployment('blog'));
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (kind: string, name: string) => model.objects.find((o) => o.kind === kind && o.name === name)?.appId;
    // Before: the base's Deployment and claim were the Kustomization's app, and mealie's page showed only the tunnel.
    expect([appOf('Deployment', 'mealie'), appOf('PersistentVolumeClaim', 'mealie-data'), appOf('Deployment', 'cloudflared')]).toEqual(['mealie/mealie', 'mealie/mealie', 'mealie/mealie']);
    expect(model.apps.map((a) => a.id).sort()).toEqual(['blog/blog', 'flux-system/apps', 'flux-system/flux-system', 'mealie/mealie']);
  });

  it('gives each copy of a base two overlays list to the overlay of its namespace', async () => {
    const { root, put } = repo('plain-collection-two-overlays');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    put('apps/prod/kustomization.yaml', 'resources:\n  - web-a\n  - web-b\n');
    for (const x of ['a', 'b']) put(`apps/prod/web-${x}/kustomization.yaml`, `namespace: web-${x}\nresources:\n  - ../../base/web\n`);
    put('apps/base/web/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    put('apps/base/web/deployment.yaml', deployment('web'));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.namespace, o.appId]).sort()).toEqual([
      ['web-a', 'web-a/web-a'],
      ['web-b', 'web-b/web-b'],
    ]);
  });

  it('keeps a Kustomization of one workload folder as one app', async () => {
    const { root, put } = repo('plain-collection-one');
    put('clusters/home/flux-system/gotk-sync.yaml', bootstrap);
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - home/mosquitto\n');
    put('apps/home/mosquitto/kustomization.yaml', 'namespace: home\nresources:\n  - deployment.yaml\n');
    put('apps/home/mosquitto/deployment.yaml', deployment('mosquitto'));
    const { model } = await scanRepo(root, parseConfig({}));
    const owner = model.apps.find((a) => a.objects.includes('Deployment/home/mosquitto'));
    expect(owner?.kustomizations).toEqual(['Kustomization/flux-system/apps']);
  });

  it('keeps one app whose parts are folders in one namespace (shop: frontend, backend, redis)', async () => {
    const { root, put } = repo('plain-collection-shop');
    put('clusters/home/flux-system/gotk-sync.yaml', bootstrap);
    put('clusters/home/shop.yaml', fluxKustomization('shop', './apps/shop'));
    put('apps/shop/kustomization.yaml', 'namespace: shop\nresources:\n  - frontend\n  - backend\n  - redis\n');
    for (const part of ['frontend', 'backend', 'redis']) {
      put(`apps/shop/${part}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
      put(`apps/shop/${part}/deployment.yaml`, deployment(part));
    }
    const { model } = await scanRepo(root, parseConfig({}));
    const owners = new Set(model.objects.filter((o) => o.kind === 'Deployment').map((o) => o.appId));
    expect([...owners]).toEqual(['shop/shop']);
  });
});
