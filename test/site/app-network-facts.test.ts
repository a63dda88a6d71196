/**
 * What an app page says about NetworkPolicies and images, from an outside review of a Flux Operator
 * fleet and its infrastructure repository: a chart's own NetworkPolicies switched on in the values
 * (`controller.networkPolicy.enabled: true`) were "No NetworkPolicy selects this app"; the flux-system
 * app of a cluster a FluxInstance installs got "no netpol" (the operator installs Flux's policies);
 * ingress-nginx's `{registry, image, tag}` image was "default of chart ingress-nginx".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const instance = 'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n  distribution:\n    version: 2.7.x\n  cluster:\n    networkPolicy: true\n  sync:\n    kind: GitRepository\n    url: https://example.com/fleet.git\n    ref: refs/heads/main\n    path: clusters/prod\n';
const release = (values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ingress-nginx\n  namespace: ingress-nginx\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ingress-nginx\n      version: 4.13.0\n      sourceRef:\n        kind: HelmRepository\n        name: ingress-nginx\n        namespace: flux-system\n  values:\n${values}`;

describe('app page: NetworkPolicies and images', () => {
  const repo = tempRepos(afterAll);

  async function scanned(values: string) {
    const { root, put } = repo('app-network-facts');
    put('clusters/prod/flux-system/flux-instance.yaml', instance);
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/ingress-nginx/release.yaml', release(values));
    put('apps/ingress-nginx/repo.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ingress-nginx\n  namespace: flux-system\nspec:\n  url: https://kubernetes.github.io/ingress-nginx\n');
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return { model, analysis: analyse(model, config) };
  }

  it("counts the chart's own NetworkPolicies switched on in the values, for the app and its namespace", async () => {
    const { model, analysis } = await scanned('    controller:\n      networkPolicy:\n        enabled: true\n    defaultBackend:\n      networkPolicy:\n        enabled: false\n');
    const app = model.apps.find((a) => a.name === 'ingress-nginx')!;
    const f = appFacts(model, app.id)!;
    expect(f.monitoring.networkPolicies.map((p) => [p.kind, p.name])).toEqual([['values', 'ingress-nginx (controller.networkPolicy)']]);
    expect(f.badges.missingNetworkPolicy).toBe(false);
    expect(analysis.findings.filter((x) => x.code === 'NETWORK_POLICY_MISSING').map((x) => x.message)).toEqual([]);
  });

  it('without them, the app and its namespace are still reported', async () => {
    const { model, analysis } = await scanned('    controller:\n      replicaCount: 2\n');
    const f = appFacts(model, model.apps.find((a) => a.name === 'ingress-nginx')!.id)!;
    expect(f.badges.missingNetworkPolicy).toBe(true);
    expect(analysis.findings.filter((x) => x.code === 'NETWORK_POLICY_MISSING').map((x) => x.message)).toEqual([
      'Namespace ingress-nginx has no NetworkPolicy or CiliumNetworkPolicy: every pod in it accepts traffic from anywhere.',
    ]);
  });

  it('does not judge flux-system where a FluxInstance installs Flux, nor an app that only applies Flux objects', async () => {
    const { model } = await scanned('    controller:\n      replicaCount: 2\n');
    const sync = model.apps.find((a) => a.namespace === 'flux-system')!;
    const f = appFacts(model, sync.id)!;
    expect([f.badges.missingNetworkPolicy, f.badges.missingMonitoring]).toEqual([false, false]);
    // The FluxInstance is in the repository: its spec.cluster.networkPolicy says what the operator applies
    // (outside review: "Flux's install is not in the repository" beside the FluxInstance).
    expect(f.monitoring.networkUnknown).toBe(
      "Flux is installed by the FluxInstance flux (clusters/prod/flux-system/flux-instance.yaml:1), whose spec.cluster.networkPolicy is true (the default where unset): the operator applies the NetworkPolicies of Flux's install in flux-system (allow-egress, allow-scraping, allow-webhooks), which are not manifests of the repository.",
    );
  });

  it("says where a FluxInstance's networkPolicy: false leaves Flux's controllers without policies, and falls back where no instance is deployed", async () => {
    const { root, put } = repo('app-network-facts-off');
    put('clusters/prod/flux-system/flux-instance.yaml', instance.replace('networkPolicy: true', 'networkPolicy: false'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources: []\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const f = appFacts(model, model.apps.find((a) => a.namespace === 'flux-system')!.id)!;
    expect(f.monitoring.networkUnknown).toMatch(/^Flux is installed by the FluxInstance flux \(clusters\/prod\/flux-system\/flux-instance.yaml:1\) with spec.cluster.networkPolicy: false: the operator applies none/);
    // An instance commented out installs nothing: the page says the install is elsewhere.
    put('clusters/prod/flux-system/flux-instance.yaml', instance.split('\n').map((l) => (l ? `# ${l}` : l)).join('\n'));
    put('clusters/prod/flux-system/sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    const again = (await scanRepo(root, parseConfig({}))).model;
    const g = appFacts(again, again.apps.find((a) => a.namespace === 'flux-system')!.id)!;
    expect(g.monitoring.networkUnknown).toMatch(/^Flux's install is not in the repository/);
  });

  it("reads ingress-nginx's {registry, image, tag} as the image it names, not the chart's default", async () => {
    const { model } = await scanned('    defaultBackend:\n      enabled: true\n      image:\n        registry: ghcr.io\n        image: tarampampam/error-pages\n        tag: v3.3.2\n');
    expect(model.helmReleases[0]!.images.map((i) => [i.repository, i.tag, i.chartDefault ?? false])).toEqual([['ghcr.io/tarampampam/error-pages', 'v3.3.2', false]]);
  });
});

describe('app page: what is not judged, and values policies that are not rendered', () => {
  const repo = tempRepos(afterAll);

  it("a subchart switched off renders no NetworkPolicy; a release's targetNamespace is where its policies are", async () => {
    const { root, put } = repo('app-network-values-edge');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/wiki/release.yaml', release('    redis:\n      enabled: false\n      networkPolicy:\n        enabled: true\n').replace('namespace: ingress-nginx', 'namespace: wiki'));
    put('apps/media/release.yaml', release('    networkPolicy:\n      enabled: true\n').replace('name: ingress-nginx\n  namespace: ingress-nginx', 'name: jellyfin\n  namespace: flux-system').replace('  interval: 1h\n', '  interval: 1h\n  targetNamespace: media\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const findings = analyse(model, config).findings.filter((x) => x.code === 'NETWORK_POLICY_MISSING').map((x) => x.message);
    expect(findings).toEqual(['Namespace wiki has no NetworkPolicy or CiliumNetworkPolicy: every pod in it accepts traffic from anywhere.']);
  });

  it('an app of which the repository holds nothing (a remote resource) gets no badges, and says why', async () => {
    const { root, put } = repo('app-network-remote');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    put('clusters/prod/cert-manager.yaml', fluxKustomization('cert-manager', './apps/cert-manager', '  targetNamespace: cert-manager\n'));
    put('apps/cert-manager/kustomization.yaml', 'resources:\n  - https://github.com/cert-manager/cert-manager/releases/download/v1.16.2/cert-manager.yaml\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const f = appFacts(model, model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/cert-manager'))!.id)!;
    expect([f.badges.missingNetworkPolicy, f.badges.missingMonitoring]).toEqual([false, false]);
    expect(f.monitoring.networkUnknown).toMatch(/^No workload of it is in the repository/);
  });
});

/**
 * An app of cluster-wide objects alone (ClusterIssuers, Kyverno ClusterPolicies) written without
 * targetNamespace: its app is in its Kustomization's namespace, flux-system, where it runs nothing.
 * No "no monitoring" or "no netpol" badge, and not flux-system's note: it runs no pod (outside review).
 */
describe('an app of cluster-wide objects only', () => {
  const repo = tempRepos(afterAll);
  it('has no monitoring or network badge, and says it runs no pod', async () => {
    const r = repo('cluster-wide-only-app');
    bootstrap(r, 'prod');
    r.put('clusters/prod/issuers.yaml', fluxKustomization('cert-manager-issuers', './issuers'));
    r.put('issuers/issuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  selfSigned: {}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.objects.includes('ClusterIssuer/_cluster/letsencrypt'))!;
    const f = appFacts(model, app.id)!;
    expect([f.badges.missingMonitoring, f.badges.missingNetworkPolicy]).toEqual([false, false]);
    expect(f.monitoring.networkUnknown).toBe('The app runs no pod of its own: it applies cluster-wide objects only.');
  });
});
