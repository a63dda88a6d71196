/**
 * Routes written with one app (a platform folder's IngressRoutes, a cluster folder's HTTPRoutes) that
 * send traffic to another app's Services are ways in to that app too: an outside review found
 * grafana's and prometheus's pages with no host, their routes all on the platform folder's app. The
 * backend's Service is the app's where a Service manifest of that name is the app's, or where a release
 * of the app in the backend's namespace makes it (the release's name, or a name it begins; the longest
 * release name wins). The route stays on its own app as well; a TraefikService, a route's own app and a
 * name two apps' releases could make are left alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const ingressRoute = (name: string, ns: string, host: string, services: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  entryPoints: [websecure]\n  routes:\n    - match: Host(\`${host}\`)\n      kind: Rule\n      services:\n${services}`;

describe('routes that send traffic to another app', () => {
  const repo = tempRepos(afterAll);

  it('are endpoints of the app whose Service they name, marked as written elsewhere', async () => {
    const r = repo('routes-to-other-apps');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['grafana', 'prometheus', 'whoami', 'platform'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/grafana/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/grafana/helmrelease.yaml', helmRelease({ name: 'grafana', namespace: 'monitoring' }));
    r.put('apps/prometheus/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/prometheus/helmrelease.yaml', `${helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' })}---\n${helmRelease({ name: 'kube-prometheus-stack-extras', namespace: 'monitoring' })}`);
    r.put('apps/whoami/kustomization.yaml', 'resources:\n  - app.yaml\n');
    r.put(
      'apps/whoami/app.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: whoami\n  namespace: web\nspec:\n  selector: {matchLabels: {app: whoami}}\n  template:\n    metadata: {labels: {app: whoami}}\n    spec: {containers: [{name: c, image: "traefik/whoami:v1.10"}]}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: echo\n  namespace: web\nspec:\n  selector: {app: whoami}\n  ports: [{port: 80}]\n',
    );
    // A release whose values rename its objects (`fullnameOverride`) beside one whose name a backend begins with (code review).
    r.put('clusters/main/home.yaml', ['hass', 'homepage'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/hass/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/hass/helmrelease.yaml', helmRelease({ name: 'hass', namespace: 'home', values: '    fullnameOverride: home-assistant\n' }));
    r.put('apps/homepage/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/homepage/helmrelease.yaml', `${helmRelease({ name: 'home', namespace: 'home' })}---\n${helmRelease({ name: 'homepage', namespace: 'home', values: '    nameOverride: web\n' })}`);
    r.put('apps/platform/kustomization.yaml', 'resources:\n  - routes.yaml\n  - own.yaml\n  - home.yaml\n');
    r.put('apps/platform/home.yaml', ['hass:home-assistant', 'dash:homepage-web'].map((x) => x.split(':')).map(([name, svc]) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n  rules:\n    - host: ${name}.example.org\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: ${svc}, port: {number: 80}}\n`).join('---\n'));
    r.put(
      'apps/platform/routes.yaml',
      [
        ingressRoute('grafana', 'monitoring', 'grafana.example.org', '        - name: grafana\n          port: 80\n'),
        ingressRoute('prometheus', 'monitoring', 'prometheus.example.org', '        - name: kube-prometheus-stack-prometheus\n          port: 9090\n'),
        ingressRoute('weighted', 'monitoring', 'w.example.org', '        - name: grafana-weighted\n          kind: TraefikService\n'),
        'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: whoami\n  namespace: platform\nspec:\n  parentRefs: [{name: internal, namespace: kube-system}]\n  hostnames: [whoami.example.org]\n  rules:\n    - backendRefs:\n        - name: echo\n          namespace: web\n          port: 80\n',
      ].join('---\n'),
    );
    r.put('apps/platform/own.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: status\n  namespace: platform\nspec:\n  rules:\n    - host: status.example.org\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: status, port: {number: 80}}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    const shown = (name: string) => facts(name).endpoints.map((e) => `${e.kind} ${e.name} ${e.hosts.join(',')}${e.definedIn ? ` <- ${e.definedIn}` : ''}`);
    const platform = model.apps.find((a) => a.name === 'platform')!.id;
    expect(shown('grafana')).toEqual([`IngressRoute grafana grafana.example.org <- ${platform}`]);
    // (The longest release name a backend begins: kube-prometheus-stack's, not -extras'.)
    expect(shown('prometheus')).toEqual([`IngressRoute prometheus prometheus.example.org <- ${platform}`]);
    expect(shown('whoami')).toEqual([`HTTPRoute whoami whoami.example.org <- ${platform}`]);
    // The routes stay on the app they are written with, unmarked.
    expect(shown('platform')).toEqual(['HTTPRoute whoami whoami.example.org', 'Ingress dash dash.example.org', 'Ingress hass hass.example.org', 'Ingress status status.example.org', 'IngressRoute grafana grafana.example.org', 'IngressRoute prometheus prometheus.example.org', 'IngressRoute weighted w.example.org']);
    expect(renderAppReadme(facts('grafana'))).toContain(`IngressRoute grafana (written with ${platform})`);
    expect(shown('hass')).toEqual([`Ingress hass hass.example.org <- ${platform}`]);
    // (`nameOverride` alone keeps `<release>-<name>`: `homepage-web` is homepage's; re-review.)
    expect(shown('homepage')).toEqual([`Ingress dash dash.example.org <- ${platform}`]);
  });
});
