import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * app-template renders `route.<name>.annotations` onto the HTTPRoute it makes, so the Gatus
 * annotation home-ops puts there (`gatus.home-operations.com/endpoint`) makes a Gatus check, as it
 * does on an HTTPRoute written as a manifest. The app page said "no gatus check".
 */
describe("an app-template route's annotations", () => {
  const repo = tempRepos(afterAll);

  it('carry the Gatus flag, as a manifest HTTPRoute does', async () => {
    const r = repo('route-gatus');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: downloads\n'));
    const release = (name: string, annotations: string) =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: app-template\n      version: 4.3.0\n      sourceRef:\n        kind: HelmRepository\n        name: bjw-s\n        namespace: flux-system\n  values:\n    route:\n      app:\n${annotations}        hostnames: ["{{ .Release.Name }}.example.com"]\n        parentRefs:\n          - name: envoy-internal\n            namespace: network\n`;
    r.put('apps/prowlarr.yaml', release('prowlarr', '        annotations:\n          gatus.home-operations.com/endpoint: |-\n            conditions: ["[STATUS] == 200"]\n'));
    r.put('apps/sonarr.yaml', release('sonarr', ''));
    // (One switched off by its `enabled` annotation has none: outside review.)
    r.put('apps/boardgames.yaml', release('boardgames', '        annotations:\n          gatus.home-operations.com/enabled: "false"\n'));
    r.put('apps/radarr.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: radarr\n  annotations:\n    gatus.home-operations.com/enabled: "false"\nspec:\n  hostnames: [radarr.example.com]\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const gatus = Object.fromEntries(model.endpoints.map((e) => [e.name, [e.hosts, e.gatus]]));
    expect(gatus).toEqual({
      'boardgames (route.app)': [['boardgames.example.com'], false],
      'prowlarr (route.app)': [['prowlarr.example.com'], true],
      radarr: [['radarr.example.com'], false],
      'sonarr (route.app)': [['sonarr.example.com'], false],
    });
  });
});

/**
 * Bitnami-style charts (and vaultwarden's) write one `ingress.hostname`, more in `extraHosts[].name`
 * or `additionalHostnames`, and the class as `class`: the app page listed no endpoint at all.
 */
describe("a chart's single ingress.hostname", () => {
  const repo = tempRepos(afterAll);

  it('is an endpoint with its extra hosts and class', async () => {
    const r = repo('ingress-hostname');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: vault\n'));
    const release = (name: string, ingress: string) => helmRelease({ name, values: `    ingress:\n${ingress}` });
    r.put('apps/vaultwarden.yaml', release('vaultwarden', '      enabled: true\n      class: nginx-internal\n      hostname: vault.example.com\n      additionalHostnames:\n        - vault.example.org\n'));
    r.put('apps/wordpress.yaml', release('wordpress', '      enabled: true\n      ingressClassName: public\n      hostname: blog.example.com\n      extraHosts:\n        - name: www.example.com\n          path: /\n'));
    r.put('apps/off.yaml', release('off', '      enabled: false\n      hostname: off.example.com\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.hosts, e.className, e.exposure])).toEqual([
      ['vaultwarden (ingress)', ['vault.example.com', 'vault.example.org'], 'nginx-internal', 'internal'],
      ['wordpress (ingress)', ['blog.example.com', 'www.example.com'], 'public', 'external'],
    ]);
  });
});

/**
 * A component's or subchart's own ingress switched on: kube-prometheus-stack's `grafana.ingress`,
 * authentik's `server.ingress`, immich's `server.ingress.main`, longhorn's singular `ingress.host`.
 * Off by default in those charts, so only `enabled: true` makes an endpoint.
 */
describe('nested ingress blocks', () => {
  const repo = tempRepos(afterAll);

  it('are endpoints when switched on', async () => {
    const r = repo('nested-ingress');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    const release = (name: string, values: string) => helmRelease({ name, namespace: name, values });
    r.put('apps/kps.yaml', release('kube-prometheus-stack', '    grafana:\n      ingress:\n        enabled: true\n        ingressClassName: internal\n        hosts:\n          - grafana.example.com\n    prometheus:\n      ingress:\n        enabled: false\n        hosts:\n          - prometheus.example.com\n    alertmanager:\n      enabled: false\n      ingress:\n        enabled: true\n        hosts:\n          - alertmanager.example.com\n'));
    r.put('apps/immich.yaml', release('immich', '    server:\n      ingress:\n        main:\n          enabled: true\n          hosts:\n            - host: photos.example.com\n'));
    r.put('apps/longhorn.yaml', release('longhorn', '    ingress:\n      enabled: true\n      host: longhorn.example.com\n'));
    // Not Ingresses: a single host of an ingress left off (the chart's default), a policy's `ingress`,
    // a host that is another template.
    r.put('apps/off.yaml', release('off', '    ingress:\n      host: off.example.com\n    networkPolicy:\n      ingress:\n        enabled: true\n        host: 10.0.0.0/8\n    dashboard:\n      ingress:\n        enabled: true\n        hosts:\n          - "{{ .Values.domain }}"\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.hosts, e.className])).toEqual([
      ['immich (server.ingress.main)', ['photos.example.com'], null],
      ['kube-prometheus-stack (grafana.ingress)', ['grafana.example.com'], 'internal'],
      ['longhorn (ingress)', ['longhorn.example.com'], null],
    ]);
  });
});

/**
 * A chart that gives its one host as an object under the ingress block (prefect-server's `ingress:
 * {enabled, className, host: {hostname, path}}`, ahgraber's homelab): the block's class, annotations and
 * tls are the Ingress's. It was read as an Ingress of its own, `prefect-server (ingress.host)`, with no
 * class and exposure unknown (outside review).
 */
describe("an ingress block's host object", () => {
  const repo = tempRepos(afterAll);

  it("takes the block's class, annotations and name; off, or under a component, the same rules as a host", async () => {
    const r = repo('ingress-host-object');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    const release = (name: string, values: string) => helmRelease({ name, namespace: 'datasci', values });
    const prefect = '      enabled: true\n      className: internal\n      host:\n        hostname: prefect.example.com\n        path: /\n        pathType: Prefix\n      annotations:\n        gatus.home-operations.com/endpoint: "{}"\n        cert-manager.io/cluster-issuer: letsencrypt\n      tls:\n        - secretName: prefect-tls\n';
    r.put('apps/prefect.yaml', release('prefect-server', `    ingress:\n${prefect}`));
    r.put('apps/worker.yaml', release('worker', `    server:\n      ingress:\n${prefect.replace(/^/gm, '  ').replace('prefect.example', 'worker.example').replace('internal', 'external')}`));
    // (Left off, as the chart's default: no Ingress.)
    r.put('apps/off.yaml', release('off', '    ingress:\n      className: internal\n      host:\n        hostname: off.example.com\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.hosts, e.className, e.exposure, e.gatus, e.makesSecrets ?? []])).toEqual([
      ['prefect-server (ingress)', ['prefect.example.com'], 'internal', 'internal', true, ['prefect-tls']],
      ['worker (server.ingress)', ['worker.example.com'], 'external', 'external', true, ['prefect-tls']],
    ]);
  });
});
