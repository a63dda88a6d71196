/**
 * The Secrets an Ingress's ingress-nginx annotations name are read by the controller for that Ingress:
 * `auth-secret` (basic auth's users: `name` or `namespace/name`), `auth-tls-secret` (the CA client
 * certificates are checked against) and `proxy-ssl-secret` (the certificate it shows the backend), both
 * `namespace/name`. A home-ops basic-auth Secret kept in SOPS beside the Ingress was shown used by
 * nothing, and one nothing makes was not said to be missing.
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const sopsSecret = (name: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  auth: ENC[AES256_GCM,data:abc=,iv:aaaa,tag:bbbb,type:str]\nsops:\n  age:\n    - recipient: age1examplerecipientxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n      enc: |\n        -----BEGIN AGE ENCRYPTED FILE-----\n        placeholder\n        -----END AGE ENCRYPTED FILE-----\n  lastmodified: "2024-05-01T10:00:00Z"\n  mac: ENC[AES256_GCM,data:m,iv:aaaa,tag:bbbb,type:str]\n  encrypted_regex: ^(data|stringData)$\n  version: 3.8.1\n`;

const ingress = (annotations: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: whoami\n  annotations:\n${annotations}spec:\n  ingressClassName: internal\n  rules:\n    - host: whoami.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: whoami\n                port:\n                  number: 80\n`;

describe("Secrets an Ingress's ingress-nginx annotations name", () => {
  const repo = tempRepos(afterAll);

  it('are used by the Ingress and its app, each in the namespace the value names (else the Ingress\'s); one nothing makes is missing', async () => {
    const r = repo('ingress-annotation-secrets');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('whoami', './apps/whoami', '  targetNamespace: tools\n  decryption:\n    provider: sops\n'), fluxKustomization('ingress-nginx', './apps/ingress-nginx', '  targetNamespace: network\n  decryption:\n    provider: sops\n')].join('---\n'));
    r.put('apps/whoami/kustomization.yaml', 'resources:\n  - secret.sops.yaml\n  - ingress.yaml\n');
    r.put('apps/whoami/secret.sops.yaml', sopsSecret('whoami-basic-auth'));
    r.put(
      'apps/whoami/ingress.yaml',
      ingress('    nginx.ingress.kubernetes.io/auth-type: basic\n    nginx.ingress.kubernetes.io/auth-secret: whoami-basic-auth\n    nginx.ingress.kubernetes.io/auth-tls-secret: network/client-ca\n    nginx.ingress.kubernetes.io/proxy-ssl-secret: tools/backend-client-cert\n'),
    );
    r.put('apps/ingress-nginx/kustomization.yaml', 'resources:\n  - secret.sops.yaml\n');
    r.put('apps/ingress-nginx/secret.sops.yaml', sopsSecret('client-ca'));
    const { model } = await computeAtlas(r.root, parseConfig({}));

    const endpoint = model.endpoints.find((e) => e.kind === 'Ingress')!;
    expect(endpoint.secretUses).toEqual([
      { name: 'whoami-basic-auth', via: ['annotation'], namespace: 'tools' },
      { name: 'client-ca', via: ['annotation'], namespace: 'network' },
      { name: 'backend-client-cert', via: ['annotation'], namespace: 'tools' },
    ]);
    const whoami = appFacts(model, endpoint.appId!)!.secrets;
    // The basic-auth Secret is used; the client CA is ingress-nginx's, in network; the backend certificate is made nowhere.
    expect(whoami.sops[0]!.objects.map((o) => [o.name, o.usedBy])).toEqual([['whoami-basic-auth', ['annotation']]]);
    expect(whoami.used).toEqual([
      { name: 'backend-client-cert', usedBy: ['annotation'], defined: false },
      { name: 'client-ca', usedBy: ['annotation'], defined: true },
      { name: 'whoami-basic-auth', usedBy: ['annotation'], defined: true },
    ]);
    const nginx = appFacts(model, model.secrets.find((s) => s.name === 'client-ca')!.appId!)!.secrets;
    expect(nginx.sops[0]!.objects.map((o) => [o.name, o.usedBy])).toEqual([['client-ca', ['annotation of tools/whoami']]]);
  });

  it('rendered by a chart from its values are used where the release installs', async () => {
    const r = repo('ingress-annotation-values');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('whoami', './apps/whoami', '  decryption:\n    provider: sops\n'));
    r.put('apps/whoami/kustomization.yaml', 'namespace: tools\nresources:\n  - secret.sops.yaml\n  - helmrelease.yaml\n');
    r.put('apps/whoami/secret.sops.yaml', sopsSecret('whoami-basic-auth'));
    r.put(
      'apps/whoami/helmrelease.yaml',
      helmRelease({
        name: 'whoami',
        chart: 'app-template',
        values: '    ingress:\n      app:\n        className: internal\n        annotations:\n          nginx.ingress.kubernetes.io/auth-type: basic\n          nginx.ingress.kubernetes.io/auth-secret: whoami-basic-auth\n        hosts:\n          - host: whoami.example.com\n            paths:\n              - path: /\n                service: {identifier: app, port: http}\n',
      }),
    );
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const whoami = appFacts(model, model.helmReleases[0]!.appId!)!.secrets;
    expect(whoami.sops[0]!.objects.map((o) => [o.name, o.usedBy])).toEqual([['whoami-basic-auth', ['annotation']]]);
    expect(whoami.used).toEqual([{ name: 'whoami-basic-auth', usedBy: ['annotation'], defined: true }]);
  });
});
