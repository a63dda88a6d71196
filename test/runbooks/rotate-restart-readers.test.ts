/**
 * The rotate runbook's last step follows who reads the Secret (outside review: the Secret of a
 * CloudNativePG Cluster, kept beside the operator's HelmRelease, restarted the operator's Deployment).
 * Pods that read it are restarted; an operator's resource reads it again itself, and is said so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';

const externalSecret = (name: string, ns: string, labels: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: ${name}\n    template:\n${labels}      data:\n        username: "{{ .USER }}"\n        password: "{{ .PASS }}"\n  dataFrom:\n    - extract:\n        key: ${name}\n`;
const cluster = (name: string, secret: string) =>
  `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\n  namespace: db\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n  superuserSecret:\n    name: ${secret}\n`;

const restart = (r: Runbook) => r.sections.find((s) => s.slug === 'restart')!;

describe('the restart step of a rotate runbook', () => {
  const repo = tempRepos(afterAll);

  it('a Secret only CloudNativePG Clusters read: no restart of the operator, the operator reads it again', async () => {
    const r = repo('restart-cnpg');
    bootstrap(r);
    r.put('clusters/prod/cnpg.yaml', fluxKustomization('cloudnative-pg', './apps/cloudnative-pg'));
    r.put('apps/cloudnative-pg/release.yaml', helmRelease({ name: 'cloudnative-pg', namespace: 'db', values: '    crds:\n      create: true\n' }));
    r.put('apps/cloudnative-pg/labelled.yaml', externalSecret('pg-superuser', 'db', '      metadata:\n        labels:\n          cnpg.io/reload: "true"\n'));
    r.put('apps/cloudnative-pg/plain.yaml', externalSecret('pg-other', 'db', ''));
    r.put('apps/cloudnative-pg/cluster.yaml', `${cluster('pg', 'pg-superuser')}---\n${cluster('pg2', 'pg-other')}`);
    const { byId } = await load(r.root);
    const labelled = byId('rotate:externalsecret:db/pg-superuser');
    expect(code(labelled)).not.toContain('rollout restart');
    expect(restart(labelled).heading).toBe('Nothing to restart');
    const text = JSON.stringify(restart(labelled));
    expect(text).toContain('CloudNativePG Cluster ');
    expect(text).toContain('"pg"');
    expect(text).toContain('The Secret carries the label ');
    const plain = byId('rotate:externalsecret:db/pg-other');
    expect(code(plain)).not.toContain('rollout restart');
    expect(JSON.stringify(restart(plain))).toContain('kubectl cnpg reload pg2 -n db');
  });

  it('pods that read it are restarted, by name, not every release of the app', async () => {
    const r = repo('restart-pods');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/release.yaml', helmRelease({ name: 'web-cache', namespace: 'web', chart: 'redis' }));
    r.put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - secretRef:\n                name: web-secret\n');
    r.put('apps/web/externalsecret.yaml', externalSecret('web-secret', 'web', ''));
    const { byId } = await load(r.root);
    const rb = byId('rotate:externalsecret:web/web-secret');
    expect(restart(rb).heading).toBe('Restart what uses it');
    expect(code(rb)).toContain('kubectl rollout restart deployment/web -n web');
    expect(code(rb)).not.toContain('app.kubernetes.io/instance=web-cache');
  });
});
