/**
 * A cluster whose only Flux Kustomization is its root, whose kustomization.yaml lists folders of
 * plain manifests (`infrastructure/ingress-nginx`, `production/shop`, `../../apps/blog`): each such
 * kustomize folder is an app (a base and its overlays one app, of the folder above them), named by the folder, in its objects' namespace. Everything was one app,
 * flux-system (a public repository with two clusters applied this way). A cluster-scoped object
 * written in such a folder (its Namespace) joins that folder's app (an outside review found a
 * ClusterRoleBinding and a Namespace filed under the root beside their app's Deployment); one elsewhere
 * stays with the root, and a kustomize Component's folder is no app; where the root applies Kustomizations, its folders are
 * plumbing and stay too (the corpus snapshots hold that).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('sole-root');
afterAll(remove);

const deployment = (name: string, ns?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;

describe('a cluster applied as one kustomize tree by its root', () => {
  it('has an app per folder of manifests', async () => {
    put('clusters/delta/flux-system/gotk-sync.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://github.com/example/delta\n  ref:\n    branch: main\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./clusters/delta\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n');
    put('clusters/delta/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system\n  - infrastructure/ingress-nginx\n  - production\n  - ../../apps/blog\n  - ../../apps/store/overlays/delta\n');
    // A base and its overlay are one app, of the folder above them.
    put('apps/store/base/kustomization.yaml', 'namespace: store\nresources:\n  - store.yaml\n');
    put('apps/store/base/store.yaml', deployment('store'));
    put('apps/store/overlays/delta/kustomization.yaml', 'resources:\n  - ../../base\n  - config.yaml\n');
    put('apps/store/overlays/delta/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: store-config\n  namespace: store\ndata:\n  a: b\n');
    put('clusters/delta/infrastructure/ingress-nginx/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - controller.yaml\n');
    put('clusters/delta/infrastructure/ingress-nginx/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ingress-nginx\n');
    put('clusters/delta/infrastructure/ingress-nginx/controller.yaml', deployment('ingress-nginx-controller', 'ingress-nginx'));
    put('clusters/delta/production/kustomization.yaml', 'resources:\n  - shop\n');
    put('clusters/delta/production/shop/kustomization.yaml', 'namespace: production\nresources:\n  - shop.yaml\n  - pvc.yaml\ncomponents:\n  - ../../../../components/ha\n');
    put('components/ha/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - pdb.yaml\n');
    put('components/ha/pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: shop\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: shop}\n');
    put('clusters/delta/production/shop/shop.yaml', deployment('shop'));
    put('clusters/delta/production/shop/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: shop-data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    put('apps/blog/kustomization.yaml', 'namespace: blog\nresources:\n  - blog.yaml\n');
    put('apps/blog/blog.yaml', deployment('blog'));
    const { model } = await scanRepo(root, parseConfig({}));
    const apps = Object.fromEntries(model.apps.map((a) => [a.id, [a.dir, a.objects.filter((o) => !o.startsWith('PodDisruptionBudget/')).sort()]]));
    expect(model.objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.id)).toEqual(['PodDisruptionBudget/production/shop']);
    expect(apps).toEqual({
      'blog/blog': ['apps/blog', ['Deployment/blog/blog']],
      'flux-system/flux-system': ['clusters/delta/flux-system', ['GitRepository/flux-system/flux-system', 'Kustomization/flux-system/flux-system']],
      'ingress-nginx/ingress-nginx': ['clusters/delta/infrastructure/ingress-nginx', ['Deployment/ingress-nginx/ingress-nginx-controller', 'Namespace/_cluster/ingress-nginx']],
      'production/shop': ['clusters/delta/production/shop', ['Deployment/production/shop', 'PersistentVolumeClaim/production/shop-data']],
      'store/store': ['apps/store', ['ConfigMap/store/store-config', 'Deployment/store/store']],
    });
  });
});
