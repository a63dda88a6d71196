/**
 * A Gateway API route attaches to every gateway its parentRefs name. An outside review found routes
 * on an internal and an external gateway reported "internal" (only the first parentRef was read): the
 * README understated that the app is on the internet. The same for app-template's `route` values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const route = (name: string, gateways: string[]) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  hostnames: [${name}.example.com]\n  parentRefs:\n${gateways.map((g) => `    - name: ${g}\n      namespace: network\n`).join('')}`;

describe('a route on several gateways', () => {
  const repo = tempRepos(afterAll);

  it('is exposed as its most exposed gateway, and names them all', async () => {
    const r = repo('route-gateways');
    bootstrap(r, 'prod');
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - routes.yaml\n  - release.yaml\n');
    r.put('apps/web/routes.yaml', `${route('both', ['internal', 'external'])}---\n${route('inside', ['internal'])}`);
    r.put('apps/web/release.yaml', helmRelease({ name: 'docs', namespace: 'web', chart: 'app-template', values: '    route:\n      app:\n        hostnames: [docs.example.com]\n        parentRefs:\n          - name: envoy-internal\n          - name: envoy-external\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => `${e.name} [${e.className}] ${e.exposure}`).sort()).toEqual([
      'both [internal, external] external',
      'docs (route.app) [envoy-internal, envoy-external] external',
      'inside [internal] internal',
    ]);
  });
});

/**
 * `httpRoute:` in a chart's values (what `helm create` scaffolds since Helm 3.18, and a component's own
 * `server.httpRoute`) switched on is the chart's HTTPRoute: an endpoint of the app. It was read only
 * under `route:` (outside review, twenty-fourth round: goalert exposed on a public gateway showed none).
 */
describe('an httpRoute block of chart values', () => {
  const repo = tempRepos(afterAll);
  it('is an HTTPRoute endpoint where switched on, at the top or under a component', async () => {
    const r = repo('values-httproute');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('goalert', './apps/goalert'), fluxKustomization('other', './apps/other'), fluxKustomization('off', './apps/off')].join('---\n'));
    r.put('apps/goalert/release.yaml', helmRelease({ name: 'goalert', namespace: 'goalert', values: '    httpRoute:\n      enabled: true\n      parentRefs:\n        - name: eg-public\n          namespace: envoy-gateway-system\n      hostnames: [goalert.example.org]\n' }));
    r.put('apps/other/release.yaml', helmRelease({ name: 'other', namespace: 'other', values: '    server:\n      httpRoute:\n        enabled: true\n        hostnames: [other.example.org]\n' }));
    // (Not switched on: `helm create`'s httpRoute defaults to enabled: false.)
    r.put('apps/off/release.yaml', helmRelease({ name: 'off', namespace: 'off', values: '    httpRoute:\n      hostnames: [top.example.org]\n    server:\n      httpRoute:\n        enabled: false\n        hostnames: [off.example.org]\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.kind, e.hosts]).sort()).toEqual([
      ['goalert (httpRoute)', 'HTTPRoute', ['goalert.example.org']],
      ['other (server.httpRoute)', 'HTTPRoute', ['other.example.org']],
    ]);
  });
});
