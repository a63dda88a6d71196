/**
 * A Gateway API Gateway is a way in: its app's page listed only the routes beside it (an outside
 * review: the envoy-gateway page showed one redirect route, not the two Gateways). A Gateway is an
 * endpoint of its app with its listeners' host names, the addresses it asks for (`spec.addresses`, a
 * load balancer's IPAM annotations under `spec.infrastructure`), what external-dns publishes for it
 * (its hostname and CNAME target annotations), its class, and its exposure by its own name
 * (`envoy-external`) before its class. Its listeners' certificates are Secrets it uses, and ones
 * cert-manager's gateway-shim issues where it carries an issuer annotation.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const gateway = (name: string, extra: { annotations?: string; listeners: string; spec?: string }) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: network\n${extra.annotations ? `  annotations:\n${extra.annotations}` : ''}spec:\n  gatewayClassName: envoy\n${extra.spec ?? ''}  listeners:\n${extra.listeners}`;

describe('Gateways', () => {
  const repo = tempRepos(afterAll);

  it('are endpoints of their app, with host names, addresses, class, exposure and certificates', async () => {
    const r = repo('gateway-endpoints');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', fluxKustomization('envoy-gateway', './apps/envoy-gateway'));
    r.put('apps/envoy-gateway/kustomization.yaml', 'resources:\n  - gateways.yaml\n');
    r.put(
      'apps/envoy-gateway/gateways.yaml',
      [
        gateway('envoy-external', {
          annotations: '    external-dns.alpha.kubernetes.io/target: external.example.org\n',
          spec: '  infrastructure:\n    annotations:\n      lbipam.cilium.io/ips: 192.168.69.126\n',
          listeners: '    - name: https\n      protocol: HTTPS\n      port: 443\n      allowedRoutes: {namespaces: {from: All}}\n      tls:\n        certificateRefs:\n          - kind: Secret\n            name: example-org-tls\n',
        }),
        gateway('main', {
          annotations: '    cert-manager.io/cluster-issuer: letsencrypt\n',
          listeners: '    - name: https\n      hostname: "*.example.org"\n      protocol: HTTPS\n      port: 443\n      tls:\n        certificateRefs:\n          - name: wildcard-tls\n          - kind: ConfigMap\n            name: not-a-secret\n',
        }),
      ].join('---\n'),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const gateways = model.endpoints.filter((e) => e.kind === 'Gateway');
    expect(gateways.map((e) => [e.name, e.hosts, e.className, e.exposure, e.makesSecrets ?? [], (e.secretUses ?? []).map((u) => u.name)])).toEqual([
      ['envoy-external', ['192.168.69.126', 'external.example.org'], 'envoy', 'external', [], ['example-org-tls']],
      // (By its class alone: neither external nor internal.)
      ['main', ['*.example.org'], 'envoy', 'unknown', ['wildcard-tls'], ['wildcard-tls']],
    ]);
    const facts = appFacts(model, model.apps.find((a) => a.name === 'envoy-gateway')!.id)!;
    expect(facts.endpoints.map((e) => `${e.kind} ${e.name}`)).toEqual(['Gateway envoy-external', 'Gateway main']);
    expect(facts.secrets.used.map((u) => u.name)).toEqual(expect.arrayContaining(['example-org-tls', 'wildcard-tls']));
  });
});
