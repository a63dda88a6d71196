/**
 * Secrets read by objects that are no workload: a cert-manager ClusterIssuer's DNS-01 solver token
 * (`apiTokenSecretRef`, read in cert-manager's namespace) and a Flux Receiver's `secretRef`. Both were
 * shown used by nothing (outside review). An ACME account's `privateKeySecretRef` is a Secret
 * cert-manager writes, not one the repository must provide: not a use.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const externalSecret = (name: string, ns: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: doppler}\n  target:\n    name: ${name}\n  dataFrom:\n    - extract: {key: ${name}}\n`;

describe('Secrets an object other than a workload reads by a secretRef', () => {
  const repo = tempRepos(afterAll);

  it('are used by that object, in the namespace it reads them from', async () => {
    const r = repo('secret-ref-consumers');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('cert-manager', './apps/cert-manager'), fluxKustomization('webhooks', './apps/webhooks')].join('---\n'));
    r.put('apps/cert-manager/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - clusterissuer.yaml\n');
    r.put('apps/cert-manager/externalsecret.yaml', externalSecret('cloudflare', 'cert-manager'));
    r.put('apps/cert-manager/clusterissuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n    privateKeySecretRef:\n      name: letsencrypt-account\n    solvers:\n      - dns01:\n          cloudflare:\n            apiTokenSecretRef:\n              name: cloudflare\n              key: api-token\n');
    r.put('apps/webhooks/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - receiver.yaml\n');
    r.put('apps/webhooks/externalsecret.yaml', externalSecret('github-webhook-token', 'flux-system'));
    r.put('apps/webhooks/receiver.yaml', 'apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: github\n  namespace: flux-system\nspec:\n  type: github\n  events: [ping, push]\n  secretRef:\n    name: github-webhook-token\n  resources:\n    - kind: GitRepository\n      name: flux-system\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const issuer = model.objects.find((o) => o.kind === 'ClusterIssuer')!;
    expect(issuer.secretUses).toEqual([{ name: 'cloudflare', via: ['secretRef'] }]);
    const certManager = appFacts(model, model.objects.find((o) => o.kind === 'ExternalSecret' && o.name === 'cloudflare')!.appId!)!.secrets;
    expect(certManager.externalSecrets.map((e) => [e.target, e.usedBy])).toEqual([['cloudflare', ['secretRef']]]);
    expect(certManager.used.map((u) => u.name)).toEqual(['cloudflare']);
    const webhooks = appFacts(model, model.objects.find((o) => o.kind === 'Receiver')!.appId!)!.secrets;
    expect(webhooks.externalSecrets.map((e) => [e.target, e.usedBy])).toEqual([['github-webhook-token', ['secretRef']]]);
  });

  it("are a CloudNativePG Cluster's superuser, initdb, role and S3 credential Secrets", async () => {
    const r = repo('secret-ref-cnpg');
    bootstrap(r);
    r.put('clusters/prod/db.yaml', fluxKustomization('postgres', './apps/postgres'));
    r.put('apps/postgres/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\n  namespace: db\nspec:\n  instances: 1\n  superuserSecret:\n    name: pg-superuser\n  bootstrap:\n    initdb:\n      secret:\n        name: pg-app\n  managed:\n    roles:\n      - name: grafana\n        passwordSecret:\n          name: pg-grafana\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://backups/pg\n      s3Credentials:\n        accessKeyId:\n          name: pg-s3\n          key: ACCESS_KEY_ID\n        secretAccessKey:\n          name: pg-s3\n          key: SECRET_ACCESS_KEY\n  storage:\n    size: 5Gi\n  certificates:\n    serverTLSSecret: pg-server-tls\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    // (And the user's own server certificate, `certificates.serverTLSSecret`, a plain name the operator reads.)
    expect(model.objects.find((o) => o.kind === 'Cluster')!.secretUses?.map((u) => u.name)).toEqual(['pg-app', 'pg-grafana', 'pg-s3', 'pg-server-tls', 'pg-superuser']);
  });

  it("are used by another app's release whose values name them, in the namespace it installs to", async () => {
    // (Outside review: `first` holds the ExternalSecret `mariadb-admin`, `second`'s release reads it as
    // `mariadb.auth.existingSecret`; the ExternalSecret was shown used by nothing.)
    const r = repo('secret-ref-values');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('first', './apps/first'), fluxKustomization('second', './apps/second', '  dependsOn:\n    - name: first\n')].join('---\n'));
    r.put('apps/first/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n');
    r.put('apps/first/externalsecret.yaml', externalSecret('mariadb-admin', 'cloud'));
    r.put('apps/second/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/second/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: nextcloud\n  namespace: flux-system\nspec:\n  interval: 1h\n  targetNamespace: cloud\n  chart:\n    spec:\n      chart: nextcloud\n      version: 6.0.0\n      sourceRef: {kind: HelmRepository, name: nextcloud}\n  values:\n    mariadb:\n      auth:\n        existingSecret: mariadb-admin\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const first = appFacts(model, model.objects.find((o) => o.kind === 'ExternalSecret')!.appId!)!.secrets;
    const second = model.helmReleases[0]!.appId!;
    expect(first.externalSecrets.map((e) => [e.target, e.usedBy])).toEqual([['mariadb-admin', [`existingSecret of ${second}`]]]);
  });

  it("are a plain secretName of a custom resource (a TLSStore's default certificate), not the one a Certificate writes", async () => {
    const r = repo('secret-ref-secretname');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('traefik', './apps/traefik'));
    r.put('apps/traefik/kustomization.yaml', 'resources:\n  - tls.yaml\n  - keycloak.yaml\n');
    r.put('apps/traefik/keycloak.yaml', 'apiVersion: k8s.keycloak.org/v2alpha1\nkind: Keycloak\nmetadata:\n  name: keycloak\n  namespace: traefik\nspec:\n  bootstrapAdmin:\n    user:\n      secret: keycloak-credentials\n  db:\n    usernameSecret: {name: keycloak-db, key: username}\n  http:\n    tlsSecret: keycloak-tls\n');
    r.put(
      'apps/traefik/tls.yaml',
      'apiVersion: traefik.io/v1alpha1\nkind: TLSStore\nmetadata:\n  name: default\n  namespace: traefik\nspec:\n  defaultCertificate:\n    secretName: wildcard-tls\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: wildcard\n  namespace: traefik\nspec:\n  secretName: wildcard-tls\n  dnsNames: ["*.example.org"]\n  issuerRef: {kind: ClusterIssuer, name: letsencrypt}\n',
    );
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.objects.find((o) => o.kind === 'TLSStore')!.secretUses).toEqual([{ name: 'wildcard-tls', via: ['secretRef'] }]);
    expect(model.objects.find((o) => o.kind === 'Certificate')!.secretUses).toBeUndefined();
    // (`secret: keycloak-credentials` reads as a credential and is wiped at read time: no name to use.)
    expect(model.objects.find((o) => o.kind === 'Keycloak')!.secretUses).toEqual([
      { name: 'keycloak-db', via: ['secretRef'] },
      { name: 'keycloak-tls', via: ['secretRef'] },
    ]);
    const facts = appFacts(model, model.objects.find((o) => o.kind === 'TLSStore')!.appId!)!.secrets;
    expect(facts.used.map((u) => [u.name, u.defined])).toEqual([['keycloak-db', false], ['keycloak-tls', false], ['wildcard-tls', true]]);
  });
});

describe("Secrets a Flux source authenticates with and a Traefik Middleware's users", () => {
  const repo = tempRepos(afterAll);

  // Outside review: a GitRepository's `git-auth` and a Middleware's `basicAuth.secret` were used by nothing.
  it('are used by the source and by the Middleware', async () => {
    const r = repo('secret-ref-sources');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('sources', './apps/sources'), fluxKustomization('dashboard', './apps/dashboard')].join('---\n'));
    r.put('apps/sources/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - source.yaml\n');
    r.put('apps/sources/externalsecret.yaml', `${externalSecret('git-auth', 'flux-system')}---\n${externalSecret('registry-ca', 'flux-system')}`);
    r.put('apps/sources/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: private-charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: ssh://git@example.org/charts.git\n  ref: {branch: main}\n  secretRef:\n    name: git-auth\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: internal\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.example.org\n  certSecretRef:\n    name: registry-ca\n');
    r.put('apps/dashboard/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - middleware.yaml\n');
    r.put('apps/dashboard/externalsecret.yaml', externalSecret('dashboard-users', 'dashboard'));
    r.put('apps/dashboard/middleware.yaml', 'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: basic-auth\n  namespace: dashboard\nspec:\n  basicAuth:\n    secret: dashboard-users\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.sources.map((s) => [s.name, s.secretUses?.map((u) => u.name)])).toEqual([['private-charts', ['git-auth']], ['internal', ['registry-ca']]]);
    const usedBy = (kind: string, name: string) => {
      const app = appFacts(model, model.objects.find((o) => o.kind === kind && o.name === name)!.appId!)!.secrets;
      return app.externalSecrets.map((e) => [e.target, e.usedBy]);
    };
    expect(usedBy('GitRepository', 'private-charts')).toEqual([['git-auth', ['secretRef']], ['registry-ca', ['secretRef']]]);
    expect(usedBy('Middleware', 'basic-auth')).toEqual([['dashboard-users', ['secretRef']]]);
  });

  // Code review: the bootstrap's GitRepository names the Secret `flux bootstrap` makes; not "not defined".
  it("counts the bootstrap source's own Secret as made", async () => {
    const r = repo('secret-ref-bootstrap');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@github.com/example/fleet\n  ref: {branch: main}\n  secretRef:\n    name: flux-system\n---\n${fluxKustomization('flux-system', './clusters/prod')}`);
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const facts = appFacts(model, model.sources.find((s) => s.name === 'flux-system')!.appId!)!.secrets;
    expect(facts.used.map((u) => [u.name, u.defined])).toEqual([['flux-system', true]]);
  });
});

describe('a basicAuth secret under a chart\'s values', () => {
  const repo = tempRepos(afterAll);

  // Code review: the rule that keeps a Middleware's Secret name kept a password written under a chart's
  // `ingress.basicAuth.secret` too.
  it('is wiped, as any credential-like value', async () => {
    const r = repo('basic-auth-values');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: web\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: web\n      sourceRef: {kind: HelmRepository, name: charts}\n  values:\n    ingress:\n      basicAuth:\n        secret: letmein-hunter2\n');
    const { model, docs } = await computeAtlas(r.root, parseConfig({})).then((a) => ({ model: a.model, docs: JSON.stringify(a.model) }));
    expect(docs).not.toContain('letmein-hunter2');
    expect(model.helmReleases).toHaveLength(1);
  });
});
