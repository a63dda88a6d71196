/**
 * A Kustomization whose folder holds, beside what the app is made of, a Kustomization that installs
 * another repository's content (the Gateway API's CRDs from its repository), or whose folder holds only
 * such Kustomizations (external-snapshotter's CRDs and controller, a tenant's sync to the tenant's
 * repository), is the app of its folder, with its dependsOn: not plumbing left in the folder of
 * Kustomization files that lists it. An outside review found `gateway` and `external-snapshotter` in a
 * pseudo-app "infra-apps" (their pages said "No dependencies declared", dependents linked there) and three
 * tenants in a pseudo-app "tenants-2" holding the tenants' Secrets (an APP_ID_COLLISION beside it). A
 * folder of Kustomizations of this repository's own folders is still plumbing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, path: string, extra = '', source = 'flux-system') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n${extra}`;
const git = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/kubernetes-sigs/${name}\n  ref:\n    tag: v1.2.0\n`;

describe('a Kustomization whose children install other repositories', () => {
  const repo = tempRepos(afterAll);

  it('is the app of its folder, with its dependsOn and the children\'s namespace', async () => {
    const r = repo('ks-remote-installs');
    bootstrap(r, 'live');
    r.put('clusters/live/infra-apps.yaml', ks('infra-apps', './clusters/live/infra-apps'));
    r.put('clusters/live/infra-apps/traefik.yaml', ks('traefik', './infrastructure/traefik'));
    r.put('clusters/live/infra-apps/gateway.yaml', ks('gateway', './infrastructure/gateway', '  dependsOn:\n    - name: traefik\n'));
    r.put('clusters/live/infra-apps/snapshotter.yaml', ks('external-snapshotter', './infrastructure/external-snapshotter', '  dependsOn:\n    - name: traefik\n'));
    r.put('infrastructure/traefik/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: traefik\n  namespace: traefik\nspec:\n  selector: {matchLabels: {app: traefik}}\n  template:\n    metadata: {labels: {app: traefik}}\n    spec: {containers: [{name: t, image: "traefik:v3.1"}]}\n');
    r.put('infrastructure/gateway/kustomization.yaml', 'resources:\n  - gateway-api.yaml\n  - gateway.yaml\n');
    r.put('infrastructure/gateway/gateway-api.yaml', `${git('gateway-api')}---\n${ks('gateway-api-install', './config/crd', '  targetNamespace: kube-system\n', 'gateway-api')}`);
    r.put('infrastructure/gateway/gateway.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: web\n  namespace: traefik\nspec:\n  gatewayClassName: traefik\n  listeners:\n    - name: http\n      port: 80\n      protocol: HTTP\n');
    r.put('infrastructure/external-snapshotter/kustomization.yaml', 'resources:\n  - snapshotter.yaml\n');
    r.put('infrastructure/external-snapshotter/snapshotter.yaml', `${git('external-snapshotter')}---\n${ks('snapshot-crds', './client/config/crd', '  targetNamespace: kube-system\n', 'external-snapshotter')}---\n${ks('snapshot-controller', './deploy/kubernetes/snapshot-controller', '  targetNamespace: kube-system\n', 'external-snapshotter')}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.kustomizations.find((k) => k.name === name)!.appId;
    expect(appOf('gateway')).toBe(appOf('gateway-api-install'));
    expect(appOf('external-snapshotter')).toBe(appOf('snapshot-crds'));
    const snapshotter = model.apps.find((a) => a.id === appOf('external-snapshotter'))!;
    expect([snapshotter.dir, snapshotter.namespace]).toEqual(['infrastructure/external-snapshotter', 'kube-system']);
    // (Its own Gateway says where the gateway app runs, not the namespace its CRDs' Kustomization targets.)
    expect(model.apps.find((a) => a.id === appOf('gateway'))!.dir).toBe('infrastructure/gateway');
    expect(appOf('gateway')).not.toBe('kube-system/gateway');
    // The folder of Kustomization files keeps only its own Kustomization; the dependsOn shows on the app.
    expect(model.kustomizations.filter((k) => k.appId === appOf('infra-apps')).map((k) => k.name)).toEqual(['infra-apps']);
    const facts = appFacts(model, appOf('gateway')!)!;
    expect(facts.dependsOn.map((d) => d.name)).toContain('traefik');
  });
});
