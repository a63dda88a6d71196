/**
 * ext-postgres-operator (db.movetokube.com) writes a PostgresUser's credentials to a Secret named
 * `<spec.secretName>-<metadata.name>`: that Secret is defined (the app that reads it finds it), and
 * `spec.secretName` is the prefix of it, not a Secret the object reads (outside review, thirty-second
 * round: an app page listed "database" as used and not defined).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { secretDefined } from '../../src/model/defined-names.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('postgres-user-secret');
afterAll(remove);

describe('ext-postgres-operator users', () => {
  it('make <secretName>-<name>, and read no Secret named secretName', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('agentsview', './apps/agentsview', '  targetNamespace: datasci\n'));
    put('apps/agentsview/kustomization.yaml', 'resources:\n  - postgres.yaml\n  - deployment.yaml\n');
    put(
      'apps/agentsview/postgres.yaml',
      'apiVersion: db.movetokube.com/v1alpha1\nkind: Postgres\nmetadata:\n  name: &app agentsview\nspec:\n  database: *app\n---\napiVersion: db.movetokube.com/v1alpha1\nkind: PostgresUser\nmetadata:\n  name: &app agentsview\nspec:\n  role: *app\n  database: *app\n  secretName: database\n  privileges: OWNER\n',
    );
    put(
      'apps/agentsview/deployment.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agentsview\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/agentsview:1.0.0\n          envFrom:\n            - secretRef:\n                name: database-agentsview\n',
    );
    const { model } = await scanRepo(root, parseConfig({}));
    expect(secretDefined(model, 'database-agentsview')).toBe(true);
    const app = model.objects.find((o) => o.kind === 'PostgresUser')!.appId!;
    const used = appFacts(model, app)!.secrets.used.map((u) => [u.name, u.defined]);
    expect(used).toEqual([['database-agentsview', true]]);
  });
});

describe("Infisical's v1beta1 InfisicalStaticSecret", () => {
  it('defines the Secrets its targets name, with the template keys, from its sources', async () => {
    const r = tempRepo('infisical-static-secret');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('actual', './apps/actual'));
      r.put('apps/actual/kustomization.yaml', 'namespace: actual\nresources:\n  - infisicalsecret.yaml\n  - deployment.yaml\n');
      r.put(
        'apps/actual/infisicalsecret.yaml',
        'apiVersion: secrets.infisical.com/v1beta1\nkind: InfisicalStaticSecret\nmetadata:\n  name: actual\nspec:\n  infisicalAuthRef:\n    name: infisical\n    namespace: infisical\n  sources:\n    - projectSlug: futharkd\n      environmentSlug: prod\n      secretPath: /actual\n  targets:\n    - kind: Secret\n      name: actual-secrets\n      creationPolicy: Owner\n      template:\n        data:\n          OIDC_SECRET: "{{ .OIDC_CLIENT_SECRET.Value }}"\n',
      );
      r.put(
        'apps/actual/deployment.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: actual\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/actual:1.0.0\n          envFrom:\n            - secretRef:\n                name: actual-secrets\n',
      );
      const { model } = await scanRepo(r.root, parseConfig({}));
      expect(secretDefined(model, 'actual-secrets')).toBe(true);
      const synced = model.syncedSecrets.map((s) => [s.kind, s.operator, s.from, s.makes.map((m) => `${m.namespace}/${m.name} ${m.keys.join(',')}`)]);
      expect(synced).toEqual([['InfisicalStaticSecret', 'Infisical', 'futharkd/prod/actual', ['actual/actual-secrets OIDC_SECRET']]]);
      const app = model.objects.find((o) => o.kind === 'Deployment')!.appId!;
      expect(appFacts(model, app)!.secrets.used.map((u) => [u.name, u.defined])).toEqual([['actual-secrets', true]]);
    } finally {
      r.remove();
    }
  });
});
