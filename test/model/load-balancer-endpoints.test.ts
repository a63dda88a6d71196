/**
 * A Service of type LoadBalancer is how an app without an Ingress is reached (a DNS server, an MQTT
 * broker, a media server, the ingress controller itself): outside reviews of three rounds found such
 * apps' pages without an endpoint. Written as a manifest or in a chart's values (app-template's named
 * services, ingress-nginx's `controller.service`, pi-hole's `serviceDns`), its hosts are the names
 * external-dns publishes and the addresses it asks for; ClusterIP and NodePort Services are no endpoint.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const service = (name: string, type: string, extra = '', annotations = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: net\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  type: ${type}\n${extra}  ports:\n    - port: 53\n`;

describe('LoadBalancer Services as endpoints', () => {
  const repo = tempRepos(afterAll);

  it('lists manifests and values-made LoadBalancer Services with their names and addresses', async () => {
    const r = repo('lb-endpoints');
    bootstrap(r, 'prod');
    r.put('clusters/prod/net.yaml', fluxKustomization('net', './apps/net'));
    r.put('apps/net/kustomization.yaml', 'resources:\n  - services.yaml\n  - releases.yaml\n');
    r.put('apps/net/services.yaml', [
      service('blocky', 'LoadBalancer', '  loadBalancerIP: 10.0.10.53\n', '    external-dns.alpha.kubernetes.io/hostname: dns.home.example\n'),
      service('mqtt', 'LoadBalancer', '', '    lbipam.cilium.io/ips: "10.0.10.60, 10.0.10.61"\n'),
      service('tailnet', 'LoadBalancer', '  loadBalancerClass: tailscale\n'),
      service('internal', 'ClusterIP'),
      service('nodes', 'NodePort'),
    ].join('---\n'));
    r.put('apps/net/releases.yaml', [
      helmRelease({ name: 'plex', namespace: 'net', chart: 'app-template', values: '    service:\n      app:\n        controller: plex\n        type: LoadBalancer\n        annotations:\n          io.cilium/lb-ipam-ips: 10.0.10.70\n        ports:\n          http:\n            port: 32400\n      metrics:\n        controller: plex\n        ports:\n          metrics:\n            port: 9000\n' }),
      helmRelease({ name: 'ingress-nginx', namespace: 'net', values: '    controller:\n      service:\n        type: LoadBalancer\n        loadBalancerIP: 10.0.10.80\n      serviceMonitor:\n        enabled: true\n' }),
      helmRelease({ name: 'pihole', namespace: 'net', values: '    serviceDns:\n      type: LoadBalancer\n      annotations:\n        metallb.universe.tf/loadBalancerIPs: 10.0.10.90\n    serviceWeb:\n      type: ClusterIP\n' }),
      helmRelease({ name: 'off', namespace: 'net', chart: 'app-template', values: '    service:\n      app:\n        enabled: false\n        type: LoadBalancer\n' }),
      // A Service the chart renders as written (extraObjects) is that object, listed once; a host of the release's name.
      helmRelease({ name: 'dup', namespace: 'net', values: '    extraObjects:\n      dns-service:\n        apiVersion: v1\n        kind: Service\n        metadata:\n          name: dns\n        spec:\n          type: LoadBalancer\n          loadBalancerIP: 10.0.10.99\n' }),
      helmRelease({ name: 'tmpl', namespace: 'net', chart: 'app-template', values: '    service:\n      app:\n        type: LoadBalancer\n        annotations:\n          external-dns.alpha.kubernetes.io/hostname: "{{ .Release.Name }}.home.example"\n' }),
      '---\n',
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const shown = model.endpoints.map((e) => `${e.kind} ${e.name}: ${e.hosts.join(' ')} [${e.className} ${e.exposure}]`).sort();
    expect(shown).toEqual([
      'Service blocky: 10.0.10.53 dns.home.example [LoadBalancer unknown]',
      'Service dns: 10.0.10.99 [LoadBalancer unknown]',
      'Service ingress-nginx (controller.service): 10.0.10.80 [LoadBalancer unknown]',
      'Service mqtt: 10.0.10.60 10.0.10.61 [LoadBalancer unknown]',
      'Service pihole (serviceDns): 10.0.10.90 [LoadBalancer unknown]',
      'Service plex (service.app): 10.0.10.70 [LoadBalancer unknown]',
      'Service tailnet:  [tailscale internal]',
      'Service tmpl (service.app): tmpl.home.example [LoadBalancer unknown]',
    ]);
    // The values-made one points at its block in the release's values.
    const plex = model.endpoints.find((e) => e.name === 'plex (service.app)')!;
    expect(plex.source.file).toBe('apps/net/releases.yaml');
    expect(plex.source.line).toBeGreaterThan(1);
  });
});

describe('the endpoints table of an app with a LoadBalancer address', () => {
  const repo = tempRepos(afterAll);

  it('heads the column "Hosts and addresses" on the exported README', async () => {
    const r = repo('lb-heading');
    bootstrap(r, 'prod');
    r.put('clusters/prod/net.yaml', `${fluxKustomization('blocky', './apps/blocky')}---\n${fluxKustomization('web', './apps/web')}`);
    r.put('apps/blocky/kustomization.yaml', 'resources:\n  - service.yaml\n');
    r.put('apps/blocky/service.yaml', service('blocky', 'LoadBalancer', '  loadBalancerIP: 10.0.10.53\n'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ingress.yaml\n');
    r.put('apps/web/ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: web\nspec:\n  rules:\n    - host: web.home.example\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const readme = (dir: string) => renderAppReadme(appFacts(model, model.apps.find((a) => a.dir === dir)!.id)!);
    expect(readme('apps/blocky')).toMatch(/\| Hosts and addresses \| Kind \|/);
    expect(readme('apps/web')).toMatch(/\| Hosts \| Kind \|/);
  });
});
