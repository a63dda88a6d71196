/**
 * Secrets an operator makes from another object are defined by the repository, not "not defined in
 * the repository" (outside review): CloudNativePG writes a Cluster's owner credentials to
 * `<cluster>-app` (a release's valuesFrom reads it), and cert-manager's ingress-shim issues a
 * certificate into each `tls[].secretName` of an Ingress annotated with an issuer, one a chart
 * renders from values too. Without the annotation nothing issues it; with a bootstrap `secret`
 * CloudNativePG uses the user's Secret and makes no `-app`, nor a `-superuser` with `superuserSecret`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('Secrets operators make', async () => {
  const repo = tempRepos(afterAll);
  const r = repo('operator-made-secrets');
  bootstrap(r);
  r.put('clusters/prod/apps.yaml', fluxKustomization('auth', './apps/auth'));
  r.put('apps/auth/kustomization.yaml', 'resources:\n  - database.yaml\n  - own-db.yaml\n  - restored-db.yaml\n  - release.yaml\n  - ingress.yaml\n');
  r.put('apps/auth/database.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: auth-db\n  namespace: auth\nspec:\n  instances: 1\n  storage: {size: 5Gi}\n');
  r.put('apps/auth/own-db.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: own-db\n  namespace: auth\nspec:\n  instances: 1\n  enableSuperuserAccess: true\n  superuserSecret: {name: own-db-superuser}\n  bootstrap:\n    initdb:\n      database: app\n      secret: {name: own-db-credentials}\n  storage: {size: 5Gi}\n');
  r.put('apps/auth/restored-db.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: restored-db\n  namespace: auth\nspec:\n  instances: 1\n  enableSuperuserAccess: true\n  bootstrap:\n    recovery:\n      source: old\n      secret: {name: restored-db-owner}\n  storage: {size: 5Gi}\n');
  r.put(
    'apps/auth/release.yaml',
    helmRelease({
      name: 'auth',
      namespace: 'auth',
      values:
        '    ingress:\n      enabled: true\n      annotations:\n        cert-manager.io/cluster-issuer: letsencrypt\n      hosts: [{host: auth.example.org}]\n      tls:\n        - secretName: auth-tls\n          hosts: [auth.example.org]\n    metrics:\n      ingress:\n        enabled: true\n        hosts: [{host: metrics.example.org}]\n        tls:\n          - secretName: metrics-tls\n    database:\n      existingSecret: own-db-app\n',
    }).replace('  values:\n', '  valuesFrom:\n    - kind: Secret\n      name: auth-db-app\n      valuesKey: uri\n      targetPath: database.uri\n  values:\n'),
  );
  r.put('apps/auth/ingress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  namespace: auth\n  annotations:\n    cert-manager.io/issuer: internal\nspec:\n  rules: [{host: admin.example.org}]\n  tls:\n    - secretName: admin-tls\n      hosts: [admin.example.org]\n');
  const { model } = await scanRepo(r.root, parseConfig({}));
  const facts = appFacts(model, model.helmReleases[0]!.appId!)!;
  const used = Object.fromEntries(facts.secrets.used.map((u) => [u.name, u]));

  it('a CloudNativePG Cluster makes its -app Secret, which a valuesFrom finds', () => {
    expect(model.helmReleases[0]!.valuesFrom.map((v) => [v.name, v.found])).toEqual([['auth-db-app', true]]);
    expect(used['auth-db-app']?.defined).toBe(true);
    expect(model.objects.find((o) => o.name === 'auth-db')?.makesSecrets).toEqual(['auth-db-app', 'auth-db-ca', 'auth-db-server', 'auth-db-replication']);
  });

  it('not the Secrets the spec names as the user’s own (bootstrap initdb or recovery secret, superuserSecret)', () => {
    expect(model.objects.find((o) => o.name === 'own-db')?.makesSecrets).toEqual(['own-db-ca', 'own-db-server', 'own-db-replication']);
    expect(model.objects.find((o) => o.name === 'restored-db')?.makesSecrets).toEqual(['restored-db-superuser', 'restored-db-ca', 'restored-db-server', 'restored-db-replication']);
    expect(used['own-db-app']?.defined).toBe(false);
  });

  it('cert-manager issues the tls Secrets of an issuer-annotated ingress (values or manifest), used as tls', () => {
    expect(used['auth-tls']).toMatchObject({ defined: true, usedBy: ['tls'] });
    expect(model.endpoints.find((e) => e.name === 'admin')?.makesSecrets).toEqual(['admin-tls']);
    // No issuer annotation on that block: nothing issues it.
    expect(used['metrics-tls']).toMatchObject({ defined: false, usedBy: ['tls'] });
  });
});
