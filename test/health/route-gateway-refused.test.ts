/**
 * ROUTE_GATEWAY_REFUSED, and routes on the app page by the Gateways that accept them. An outside
 * review listed as served (exposure external or internal) HTTPRoutes that their Gateway refuses: one
 * in another namespace on a listener that admits `from: Same`, one whose `sectionName` names no
 * listener, one whose host is outside the listener's `*.example.com`, and one whose parentRef has no
 * namespace (the route's own, where no Gateway is: ROUTE_GATEWAY_MISSING already said so). Each refusal
 * is a warning at the parentRef; a route no parent accepts is shown as not attached, and one that some
 * parent accepts with the class and exposure of those parents only. Nothing is claimed where a template,
 * a `${VAR}` or a Namespace's unknown labels could make the route attach, nor for a Gateway a chart makes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

// The review's two Gateways: `external` admits routes of all namespaces on `*.example.com`; `internal`
// admits its own namespace's only.
const GATEWAYS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: external
  namespace: network
spec:
  gatewayClassName: cilium
  listeners:
    - name: https
      protocol: HTTPS
      port: 443
      hostname: "*.example.com"
      allowedRoutes:
        namespaces:
          from: All
      tls:
        certificateRefs:
          - name: example-com-tls
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: internal
  namespace: network
spec:
  gatewayClassName: cilium
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      hostname: "*.home.arpa"
      allowedRoutes:
        namespaces:
          from: Same
`;

/** An HTTPRoute of namespace web; `parents` are the parentRefs' YAML lines (indented by four spaces). */
const route = (name: string, parents: string, hosts: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\nspec:\n  parentRefs:\n${parents}  hostnames: [${hosts}]\n  rules:\n    - backendRefs:\n        - name: web\n          port: 80\n`;

const repo = tempRepos(afterAll);

/** Scans a repository with the network folder's Gateways and the web folder's files (namespace web). */
async function scan(web: Record<string, string>, network: Record<string, string> = {}) {
  const r = repo('route-refused');
  r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
  r.put('clusters/main/apps.yaml', ['network', 'web'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
  r.put('apps/network/kustomization.yaml', `resources:\n${['namespace.yaml', 'gateways.yaml', ...Object.keys(network)].map((f) => `  - ${f}\n`).join('')}`);
  r.put('apps/network/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: network\n');
  r.put('apps/network/gateways.yaml', GATEWAYS);
  for (const [f, text] of Object.entries(network)) r.put(`apps/network/${f}`, text);
  r.put('apps/web/kustomization.yaml', `namespace: web\nresources:\n${Object.keys(web).map((f) => `  - ${f}\n`).join('')}`);
  for (const [f, text] of Object.entries(web)) r.put(`apps/web/${f}`, text);
  const config = parseConfig({});
  const { model } = await scanRepo(r.root, config);
  const findings = analyse(model, config).findings.filter((f) => f.code.startsWith('ROUTE_GATEWAY')).map((f) => `${f.code} ${f.source.file}:${f.source.line} ${f.message}`);
  const facts = appFacts(model, model.apps.find((a) => a.name === 'web')!.id)!;
  const shown = facts.endpoints.map((e) => `${e.name}: ${e.className} ${e.notAttached ? `not attached (${e.notAttached})` : e.exposure}`);
  return { findings, shown, readme: renderAppReadme(facts) };
}

describe('a route a Gateway of the repository refuses', () => {
  it('is a warning at its parentRef, and the app page shows it not attached (the review\'s four routes)', async () => {
    const got = await scan({
      'routes.yaml': [
        route('web', '    - name: external\n      namespace: network\n      sectionName: https\n', 'web.example.com'),
        route('web-internal', '    - name: internal\n      namespace: network\n', 'web.home.arpa'),
        route('web-admin', '    - name: external\n      namespace: network\n      sectionName: admin\n', 'admin.example.com'),
        route('web-nons', '    - name: external\n', 'nons.example.com'),
        route('web-otherdomain', '    - name: external\n      namespace: network\n      sectionName: https\n', 'web.other.org'),
      ].join('---\n'),
    });
    expect(got.findings).toEqual([
      'ROUTE_GATEWAY_REFUSED apps/web/routes.yaml:22 HTTPRoute web/web-internal is not accepted by Gateway network/internal: listener http admits routes of namespace network only, not of web, so its hosts are not served. Correct the parentRef or the route, or the Gateway\'s listener.',
      expect.stringMatching(/^ROUTE_GATEWAY_REFUSED apps\/web\/routes.yaml:36 HTTPRoute web\/web-admin is not accepted by Gateway network\/external: it names listener admin, which the Gateway does not have \(it has https\), so its hosts are not served/),
      expect.stringMatching(/^ROUTE_GATEWAY_MISSING apps\/web\/routes.yaml:45 HTTPRoute web\/web-nons attaches to Gateway web\/external, which the builds do not define/),
      expect.stringMatching(/^ROUTE_GATEWAY_REFUSED apps\/web\/routes.yaml:64 HTTPRoute web\/web-otherdomain is not accepted by Gateway network\/external: its hostnames \(web.other.org\) are outside listener https's hostname \*.example.com/),
    ]);
    expect(got.shown).toEqual([
      'web: external external',
      'web-admin: external not attached (Gateway network/external: it names listener admin, which the Gateway does not have (it has https))',
      'web-internal: internal not attached (Gateway network/internal: listener http admits routes of namespace network only, not of web)',
      'web-nons: external not attached (no build defines Gateway web/external)',
      'web-otherdomain: external not attached (Gateway network/external: its hostnames (web.other.org) are outside listener https\'s hostname *.example.com)',
    ]);
    expect(got.readme).toContain('| HTTPRoute web-internal | internal | not attached (Gateway network/internal: listener http admits routes of namespace network only, not of web) |');
  });

  it('is shown through the parents that accept it; port, kinds and protocol refuse as the spec says', async () => {
    const got = await scan(
      {
        'routes.yaml': [
          // On both Gateways: served through external only.
          route('both', '    - name: external\n      namespace: network\n    - name: internal\n      namespace: network\n', 'both.example.com, both.home.arpa'),
          route('port', '    - name: external\n      namespace: network\n      port: 8443\n', 'port.example.com'),
          route('tcp', '    - name: lan\n      namespace: network\n', 'tcp.example.com'),
          route('grpc-only', '    - name: lan\n      namespace: network\n      sectionName: grpc\n', 'g.example.com'),
        ].join('---\n'),
      },
      {
        'lan.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: lan\n  namespace: network\nspec:\n  gatewayClassName: envoy\n  listeners:\n    - name: tcp\n      protocol: TCP\n      port: 5432\n      allowedRoutes: {namespaces: {from: All}}\n    - name: grpc\n      protocol: HTTPS\n      port: 443\n      allowedRoutes:\n        namespaces: {from: All}\n        kinds: [{kind: GRPCRoute}]\n',
      },
    );
    expect(got.findings).toEqual([
      expect.stringMatching(/^ROUTE_GATEWAY_REFUSED apps\/web\/routes.yaml:9 HTTPRoute web\/both is not accepted by Gateway network\/internal: listener http admits routes of namespace network only, not of web, so its hosts are not served through that parent\./),
      expect.stringMatching(/HTTPRoute web\/port is not accepted by Gateway network\/external: it names port 8443, on which no listener listens/),
      expect.stringMatching(/HTTPRoute web\/tcp is not accepted by Gateway network\/lan: listener tcp is a TCP listener, which takes no HTTPRoute; listener grpc admits GRPCRoute only/),
      expect.stringMatching(/HTTPRoute web\/grpc-only is not accepted by Gateway network\/lan: listener grpc admits GRPCRoute only/),
    ]);
    expect(got.shown[0]).toBe('both: external external');
  });

  it('is not said where the route may attach', async () => {
    const got = await scan(
      {
        'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n  labels:\n    gateway-access: "true"\n',
        'routes.yaml': [
          // Wildcards: one label or more in front; a route's wildcard inside the listener's; no route hostnames.
          route('deep', '    - name: external\n      namespace: network\n', 'a.b.example.com'),
          route('wild', '    - name: external\n      namespace: network\n', '"*.example.com"'),
          route('nohosts', '    - name: external\n      namespace: network\n', ''),
          // A host a substitution fills in; a listener its Namespace's labels admit.
          route('subst', '    - name: external\n      namespace: network\n', '"web.${SECRET_DOMAIN}"'),
          route('selected', '    - name: labelled\n      namespace: network\n', 'sel.example.com'),
          // A Gateway a chart makes (its values name it): nothing new.
          route('chart-made', '    - name: traefik-gateway\n      namespace: network\n      sectionName: websecure\n', 'c.example.com'),
        ].join('---\n'),
      },
      {
        'labelled.yaml':
          'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: labelled\n  namespace: network\nspec:\n  gatewayClassName: envoy\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector:\n            matchLabels:\n              gateway-access: "true"\n',
        'traefik.yaml': helmRelease({ name: 'traefik', namespace: 'network', values: '    gateway:\n      name: traefik-gateway\n' }),
      },
    );
    expect(got.findings).toEqual([]);
    expect(got.shown.filter((s) => s.includes('not attached'))).toEqual([]);
  });

  it('judges a Selector only where the Namespace\'s labels are known', async () => {
    const selector = (name: string) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: network\nspec:\n  gatewayClassName: envoy\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector:\n            matchLabels:\n              gateway-access: "true"\n`;
    // No Namespace manifest for web: its labels are not known.
    const unknown = await scan({ 'routes.yaml': route('sel', '    - name: labelled\n      namespace: network\n', 'sel.example.com') }, { 'labelled.yaml': selector('labelled') });
    expect(unknown.findings).toEqual([]);
    // A Namespace manifest without the label.
    const known = await scan(
      { 'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n', 'routes.yaml': route('sel', '    - name: labelled\n      namespace: network\n', 'sel.example.com') },
      { 'labelled.yaml': selector('labelled') },
    );
    expect(known.findings).toEqual([expect.stringMatching(/HTTPRoute web\/sel is not accepted by Gateway network\/labelled: listener http admits routes of the namespaces its selector \(gateway-access=true\) picks, and namespace web's labels do not match it/)]);
  });

  it('is said for a route a chart renders from its values, by its parentRefs and namespace', async () => {
    const got = await scan({
      'release.yaml': helmRelease({
        name: 'web',
        chart: 'app-template',
        values: '    route:\n      app:\n        hostnames: ["{{ .Release.Name }}.other.org"]\n        parentRefs:\n          - name: internal\n            namespace: network\n',
      }),
    });
    expect(got.findings).toEqual([expect.stringMatching(/^ROUTE_GATEWAY_REFUSED apps\/web\/release.yaml:2\d HTTPRoute web\/web \(route.app\) is not accepted by Gateway network\/internal: listener http admits routes of namespace network only, not of web/)]);
    expect(got.shown).toEqual(['web (route.app): internal not attached (Gateway network/internal: listener http admits routes of namespace network only, not of web)']);
  });
});
