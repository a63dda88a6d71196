/**
 * A Secret an app's workload uses that the repository does not make (made by hand, or by an operator
 * outside it) was named nowhere on the app page or its README block, though the facts knew it
 * (`secrets.referenced`): whoever rebuilds the cluster from the repository must make it first. Each
 * Secret the app uses is listed in `secrets.used`; one no Secret, SOPS file, ExternalSecret,
 * SealedSecret, generator or operator object the model reads makes is marked "not defined in the
 * repository". Names only: no value is ever read or shown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = (uses: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n      labels: {app: shop}\n    spec:\n      containers:\n        - name: shop\n          image: ghcr.io/example/shop:1.0.0\n${uses}`;

describe('a Secret the app uses that the repository does not make', () => {
  const repo = tempRepos(afterAll);
  const facts = async (files: Record<string, string>, ks = '') => {
    const r = repo('undefined-secret');
    bootstrap(r);
    r.put('clusters/prod/shop.yaml', fluxKustomization('shop', './apps/shop', `  targetNamespace: shop\n${ks}`));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return appFacts(model, model.apps.find((a) => a.name === 'shop')!.id)!;
  };

  it('is listed as not defined, for the HelmRelease values and for a Deployment alike, and the README says so', async () => {
    const f = await facts({
      'apps/shop/helmrelease.yaml': helmRelease({ name: 'shop', values: '    envFrom:\n      - secretRef:\n          name: shop-env\n    existingSecret: shop-db\n' }),
      'apps/shop/deployment.yaml': deployment('          env:\n            - name: TOKEN\n              valueFrom:\n                secretKeyRef: {name: shop-token, key: token}\n      volumes:\n        - name: tls\n          secret: {secretName: shop-tls}\n'),
      // The ExternalSecret makes shop-db; a cert-manager Certificate makes shop-tls.
      'apps/shop/externalsecret.yaml': 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: shop-db\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: shop-db}\n  dataFrom:\n    - extract: {key: shop}\n',
      'apps/shop/certificate.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: shop\nspec:\n  secretName: shop-tls\n  dnsNames: [shop.example.com]\n  issuerRef: {kind: ClusterIssuer, name: letsencrypt}\n',
    });
    expect(f.secrets.used).toEqual([
      { name: 'shop-db', usedBy: ['existingSecret'], defined: true },
      { name: 'shop-env', usedBy: ['envFrom'], defined: false },
      { name: 'shop-tls', usedBy: ['volume'], defined: true },
      { name: 'shop-token', usedBy: ['secretKeyRef'], defined: false },
    ]);
    const md = renderAppReadme(f);
    expect(md).toContain('| Secret | shop-env | – | **not defined in the repository** (used via envFrom) |');
    expect(md).toContain('| Secret | shop-token | – | **not defined in the repository** (used via secretKeyRef) |');
    // The ExternalSecret's row is as before; defined Secrets get no "not defined" row.
    expect(md).toContain('| ExternalSecret | shop-db |');
    expect(md.match(/not defined in the repository/g)).toHaveLength(2);
  });

  it('is defined where a SOPS Secret, a SealedSecret or a secretGenerator makes it, elsewhere in the repository too', async () => {
    const f = await facts({
      'apps/shop/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - sealed.yaml\nsecretGenerator:\n  - name: shop-gen\n    literals: [A=b]\n',
      'apps/shop/deployment.yaml': deployment('          envFrom:\n            - secretRef: {name: shop-gen}\n            - secretRef: {name: shop-sealed}\n            - secretRef: {name: shop-shared}\n'),
      'apps/shop/sealed.yaml': 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: shop-sealed\nspec:\n  encryptedData:\n    A: AgBy3i4OJSWK\n',
      'infra/shared/secret.sops.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-shared\n  namespace: shop\nstringData:\n  A: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]\nsops:\n  age:\n    - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n      enc: x\n  lastmodified: "2024-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:m=,iv:i=,tag:t=,type:str]\n  version: 3.8.1\n',
    });
    expect(f.secrets.used.map((u) => [u.name, u.defined])).toEqual([['shop-gen', true], ['shop-sealed', true], ['shop-shared', true]]);
    expect(renderAppReadme(f)).not.toContain('not defined in the repository');
  });

  it('is defined where an overlay\'s namePrefix renames a secretGenerator\'s Secret and the reference with it', async () => {
    // kustomize renames the generated Secret (prod-shop-gen-<hash>) and rewrites the envFrom to it; the
    // name as written (shop-gen) is no Secret of the cluster. kubectl kustomize agrees (outside review).
    const f = await facts({
      'apps/shop/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\nnameSuffix: -eu\n',
      'apps/base/kustomization.yaml': 'resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: shop-gen\n    literals: [A=b]\n',
      'apps/base/deployment.yaml': deployment('          envFrom:\n            - secretRef: {name: shop-gen}\n            - secretRef: {name: shop-other}\n'),
    });
    expect(f.secrets.used).toEqual([
      { name: 'prod-shop-gen-eu', usedBy: ['envFrom'], defined: true },
      { name: 'shop-other', usedBy: ['envFrom'], defined: false },
    ]);
  });

  it('is not judged where its name is a template, nor listed as used where substituteFrom marks it optional', async () => {
    const f = await facts(
      { 'apps/shop/deployment.yaml': deployment('          envFrom:\n            - secretRef: {name: "${APP}-env"}\n') },
      '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n        optional: true\n',
    );
    expect(f.secrets.used).toEqual([{ name: '${APP}-env', usedBy: ['envFrom'], defined: null }]);
  });

  it('is not listed as used where a HelmRelease valuesFrom marks it optional (helm-controller goes on without it)', async () => {
    // (Outside review, thirty-second round: an optional valuesFrom Secret was shown "not defined".)
    const release = helmRelease({ name: 'shop', namespace: 'shop' }).replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: Secret\n      name: shop-extra-values\n      optional: true\n    - kind: Secret\n      name: shop-values\n');
    const f = await facts({ 'apps/shop/release.yaml': release });
    expect(f.secrets.used.map((u) => [u.name, u.usedBy, u.defined])).toEqual([['shop-values', ['valuesFrom'], false]]);
  });
});
