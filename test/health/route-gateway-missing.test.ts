/**
 * ROUTE_GATEWAY_MISSING: a route attaches to a Gateway the cluster's builds do not define, where they
 * define others (an outside review: pihole's HTTPRoute on `envoy-protected` beside the repository's
 * `envoy-external` and `envoy-internal`): the route is never accepted. For manifests and for routes a
 * chart renders from its values (app-template's `route`). Silent where the Gateways are not known: none
 * defined at all, a chart with a `gateway` block, a remote resource; and for a parentRef of another kind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const gateway = (name: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: network\nspec:\n  gatewayClassName: envoy\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n`;
const route = (name: string, parent: string, extra = '') =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  parentRefs:\n    - name: ${parent}\n      namespace: network\n${extra}  hostnames: [${name}.example.org]\n  rules:\n    - backendRefs:\n        - name: ${name}\n          port: 80\n`;

async function findings(files: Record<string, string>) {
  const r = repo('route-gateway');
  r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
  r.put('clusters/main/apps.yaml', ['network', 'apps'].map((a) => fluxKustomization(a, `./${a}`)).join('---\n'));
  r.put('network/kustomization.yaml', 'resources:\n  - gateways.yaml\n');
  r.put('network/gateways.yaml', `${gateway('envoy-external')}---\n${gateway('envoy-internal')}`);
  for (const [path, text] of Object.entries(files)) r.put(path, text);
  const config = parseConfig({});
  const { model } = await scanRepo(r.root, config);
  return analyse(model, config).findings.filter((f) => f.code === 'ROUTE_GATEWAY_MISSING').map((f) => `${f.severity} ${f.source.file}:${f.source.line} ${f.message}`);
}
const repo = tempRepos(afterAll);

describe('a route on a Gateway the repository does not define', () => {
  it('is a warning, for a manifest and for a chart-rendered route; a route on a defined Gateway is not', async () => {
    const got = await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - release.yaml\n',
      'apps/routes.yaml': `${route('pihole', 'envoy-protected')}---\n${route('echo', 'envoy-internal')}---\n${route('mesh', 'echo', '      kind: Service\n      group: ""\n')}`,
      'apps/release.yaml': helmRelease({ name: 'web', namespace: 'apps', chart: 'app-template', values: '    route:\n      app:\n        hostnames: [web.example.org]\n        parentRefs:\n          - name: envoy-public\n            namespace: network\n' }),
    });
    expect(got).toHaveLength(2);
    expect(got[0]).toMatch(/^warning apps\/release.yaml:\d+ HTTPRoute apps\/web \(route.app\) attaches to Gateway network\/envoy-public, which the builds do not define \(they define network\/envoy-external, network\/envoy-internal\)/);
    expect(got[1]).toMatch(/^warning apps\/routes.yaml:1 HTTPRoute apps\/pihole attaches to Gateway network\/envoy-protected/);
  });

  it('is not said where the Gateways are not known', async () => {
    // A chart that renders a Gateway from its values (Traefik's `gateway` block).
    expect(await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - traefik.yaml\n',
      'apps/routes.yaml': route('pihole', 'traefik-gateway'),
      'apps/traefik.yaml': helmRelease({ name: 'traefik', namespace: 'apps', values: '    gateway:\n      enabled: true\n' }),
    })).toEqual([]);
    // A chart kept in the repository, whose templates may render one (code review).
    expect(await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - platform.yaml\n',
      'apps/routes.yaml': route('pihole', 'main-gw'),
      'apps/platform.yaml': helmRelease({ name: 'platform', namespace: 'apps' }).replace('kind: HelmRepository\n        name: charts', 'kind: GitRepository\n        name: flux-system'),
    })).toEqual([]);
    // A chart whose values name the Gateway, whatever the key (re-review: a chart of Gateways from an OCI repository).
    expect(await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - gateways.yaml\n',
      'apps/routes.yaml': route('pihole', 'envoy-lan'),
      'apps/gateways.yaml': helmRelease({ name: 'gateways', namespace: 'apps', values: '    lan:\n      name: envoy-lan\n' }),
    })).toEqual([]);
    // A Gateway document no Flux build applies (a bootstrap script applies it; code review).
    expect(await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n',
      'apps/routes.yaml': route('pihole', 'envoy-protected'),
      'bootstrap/gateway.yaml': gateway('envoy-protected'),
    })).toEqual([]);
    // A remote resource, which may hold Gateways.
    expect(await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - https://example.org/gateways.yaml\n',
      'apps/routes.yaml': route('pihole', 'envoy-protected'),
    })).toEqual([]);
  });

  // Outside review: a remote file of CRDs silenced the checks of what it cannot make.
  it('is said beside a remote resource that holds CRDs only, or whose build puts its Gateways in another namespace', async () => {
    const beside = async (remote: string) => (await findings({
      'apps/kustomization.yaml': 'resources:\n  - routes.yaml\n  - ./remote\n',
      'apps/remote/kustomization.yaml': remote,
      'apps/routes.yaml': route('pihole', 'envoy-protected'),
    })).map((f) => f.split(' ').slice(0, 2).join(' '));
    expect(await beside('resources:\n  - github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.2.0\n')).toEqual(['warning apps/routes.yaml:1']);
    expect(await beside('namespace: edge\nresources:\n  - https://example.org/gateways.yaml\n')).toEqual(['warning apps/routes.yaml:1']);
    // The same under `namespace: network`, where the route looks: it may make the Gateway.
    expect(await beside('namespace: network\nresources:\n  - https://example.org/gateways.yaml\n')).toEqual([]);
  });
});
