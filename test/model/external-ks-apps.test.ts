/**
 * Kustomizations of other sources written beside a cluster's roots (`clusters/prod/infrastructure.yaml`:
 * an upstream CRDs repository without a path, a tenant's overlay) are apps of their own, named after
 * them: an outside review found "depends on flux-system" on a page whose Kustomization depends on
 * `traefik-crds`, which had been folded into the cluster's root app. A Kustomization of another source
 * takes the namespace its health checks agree on. Several of one source in an app's own folder stay
 * that app's parts (fixture external-app-source).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, spec: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  prune: true\n${spec}`;

describe('Kustomizations of other sources beside the cluster roots', () => {
  const repo = tempRepos(afterAll);

  it('are apps of their own, and what depends on them says so', async () => {
    const { root, put } = repo('external-ks-apps');
    put('clusters/prod/flux-system/gotk-sync.yaml', ks('flux-system', '  path: ./clusters/prod\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'));
    put(
      'clusters/prod/infrastructure.yaml',
      [
        ks('crds', '  sourceRef:\n    kind: GitRepository\n    name: upstream-crds\n'),
        ks('shop-landing', '  path: ./overlays/landing\n  sourceRef:\n    kind: GitRepository\n    name: shop\n  healthChecks:\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      name: shop\n      namespace: shop-landing\n'),
        ks('web', '  dependsOn:\n    - name: crds\n  path: ./apps/web\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'),
        'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: upstream-crds\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.com/crds.git\n  ref:\n    tag: v1.0.0\n',
        'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: shop\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.com/shop.git\n  ref:\n    branch: main\n',
      ].join('---\n'),
    );
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (name: string) => model.apps.find((a) => a.kustomizations.includes(`Kustomization/flux-system/${name}`))!;
    expect([appOf('crds').id, appOf('crds').namespace]).toEqual(['flux-system/crds', 'flux-system']);
    expect([appOf('shop-landing').id, appOf('shop-landing').namespace]).toEqual(['shop-landing/shop-landing', 'shop-landing']);
    expect(appOf('flux-system').kustomizations).toEqual(['Kustomization/flux-system/flux-system']);
    expect(appFacts(model, appOf('web').id)!.dependsOn.map((d) => d.appId)).toEqual(['flux-system/crds']);
  });
});

describe('Kustomizations of another source in an app folder', () => {
  const repo = tempRepos(afterAll);

  it("stay that app's parts (an upstream CRDs Kustomization in cilium's ks.yaml)", async () => {
    const { root, put } = repo('external-ks-app-folder');
    put('clusters/home/flux-system/gotk-sync.yaml', ks('flux-system', '  path: ./clusters/home\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'));
    put('clusters/home/apps.yaml', ks('cluster-apps', '  path: ./apps\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'));
    put('apps/kube-system/cilium/ks.yaml', [ks('cilium', '  path: ./apps/kube-system/cilium/app\n  targetNamespace: kube-system\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'), ks('gateway-api-crds', '  sourceRef:\n    kind: GitRepository\n    name: gateway-api\n')].join('---\n'));
    put('apps/kube-system/cilium/app/deploy.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cilium\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const app = model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/cilium'))!;
    expect(app.kustomizations).toEqual(['Kustomization/flux-system/cilium', 'Kustomization/flux-system/gateway-api-crds']);
  });

  it('are one app each where one file holds Kustomizations of two other sources (two branches), each with its own source', async () => {
    const { root, put } = repo('external-ks-two-sources');
    put('cluster/flux-system/gotk-sync.yaml', ks('flux-system', '  path: ./cluster\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n'));
    const env = (name: string, ns: string, branch: string) =>
      ks(name, `  path: ./${branch}\n  sourceRef:\n    kind: GitRepository\n    name: hello-${branch}\n`).replace('namespace: flux-system', `namespace: ${ns}`) +
      `---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: hello-${branch}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  url: https://example.com/hello.git\n  ref:\n    branch: ${branch}\n`;
    put('cluster/app/apps.yaml', [env('app-prod', 'prod-2', 'prod'), env('app-dev', 'dev-2', 'dev')].join('---\n'));
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (id: string) => model.apps.find((a) => a.kustomizations.includes(id))!;
    const prod = appOf('Kustomization/prod-2/app-prod');
    const dev = appOf('Kustomization/dev-2/app-dev');
    expect(prod.id).not.toBe(dev.id);
    expect([prod.kustomizations, dev.kustomizations]).toEqual([['Kustomization/prod-2/app-prod'], ['Kustomization/dev-2/app-dev']]);
    expect(JSON.stringify(appFacts(model, prod.id))).toContain('hello-prod');
    expect(JSON.stringify(appFacts(model, prod.id))).not.toContain('hello-dev');
  });
});
