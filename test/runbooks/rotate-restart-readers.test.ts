/**
 * The rotate runbook's last step follows who reads the Secret (outside review: the Secret of a
 * CloudNativePG Cluster, kept beside the operator's HelmRelease, restarted the operator's Deployment).
 * Pods that read it are restarted; an operator's resource reads it again itself, and is said so. A Job
 * that has run does not run again: it is deleted and re-created by the Kustomization that applies it
 * (outside review: "Job velero-minio-setup: each run starts a pod, which reads the new value").
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

  const CIPHER = 'ENC[AES256_GCM,data:c2VjcmV0LXZhbHVl,iv:aXZpdml2aXZpdml2,tag:dGFndGFn,type:str]';
  const sopsSecret = (name: string, key: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n  ${key}: ${CIPHER}\nsops:\n  age:\n    - recipient: age1q39jt2f6eyt6tzr5d8d3h7lhg020n9kga4jxjxydg0d06kvgxvfqdk9u2v\n      enc: x\n  lastmodified: "2025-06-23T15:47:10Z"\n  version: 3.10.2\n`;
  const envFrom = (secret: string, key: string) => `          env:\n            - name: ${key}\n              valueFrom:\n                secretKeyRef:\n                  name: ${secret}\n                  key: ${key}\n`;
  const job = (name: string, secret: string) =>
    `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: mc\n          image: minio/mc:latest\n${envFrom(secret, 'PASSWORD')}`;
  const cronJob = (name: string, secret: string) =>
    `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: mc\n              image: minio/mc:latest\n${envFrom(secret, 'PASSWORD').replace(/^/gm, '    ')}`;
  /** jfrazx/home-ops's velero: the app's Kustomization applies the Secret, a second one (velero-resources) the Job that reads it. */
  function veleroRepo(name: string, resources: string) {
    const r = repo(name);
    bootstrap(r);
    const ks = (n: string, path: string, dep = '') => fluxKustomization(n, path, `  targetNamespace: velero\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n${dep}`).replace('  namespace: flux-system\nspec', '  namespace: velero\nspec').replace('    name: flux-system\n', '    name: flux-system\n    namespace: flux-system\n');
    r.put('clusters/prod/velero.yaml', `${ks('velero', './apps/velero/app')}---\n${ks('velero-resources', './apps/velero/resources', '  dependsOn:\n    - name: velero\n')}`);
    r.put('apps/velero/app/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n  - ./secret.sops.yaml\n');
    r.put('apps/velero/app/helmrelease.yaml', helmRelease({ name: 'velero', values: '    credentials:\n      existingSecret: velero-minio-credentials\n' }));
    r.put('apps/velero/app/secret.sops.yaml', sopsSecret('velero-minio-credentials', 'VELERO_PASSWORD'));
    r.put('apps/velero/resources/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./minio-setup.yaml\n');
    r.put('apps/velero/resources/minio-setup.yaml', resources);
    return r;
  }

  it('a Job that has run is deleted and re-created by the Kustomization that applies it, named as it is', async () => {
    const r = veleroRepo('restart-job', job('velero-minio-setup', 'velero-minio-credentials'));
    const { byId } = await load(r.root);
    const rb = byId('rotate:sops:apps/velero/app/secret.sops.yaml');
    // The Secret comes with velero's reconcile; the Job is velero-resources'.
    expect(code(rb)).toContain('flux reconcile kustomization velero -n velero --with-source');
    const text = JSON.stringify(restart(rb));
    expect(text).not.toContain('each run starts a pod');
    expect(text).toContain('kubectl -n velero delete job velero-minio-setup --ignore-not-found && flux reconcile kustomization velero-resources -n velero');
    expect(text).toContain('velero/velero-resources');
    expect(text).not.toContain('take the new value themselves');
  });

  it('a CronJob reads it at its next run; a Job its only reader is no "nothing to restart"', async () => {
    const cron = veleroRepo('restart-cronjob', cronJob('velero-minio-check', 'velero-minio-credentials'));
    const withCron = JSON.stringify(restart((await load(cron.root)).byId('rotate:sops:apps/velero/app/secret.sops.yaml')));
    expect(withCron).toContain('its next scheduled run starts a pod');
    expect(withCron).toContain('kubectl -n velero create job velero-minio-check-rotated --from=cronjob/velero-minio-check');
    expect(withCron).not.toContain('delete');

    const only = veleroRepo('restart-job-only', job('velero-minio-setup', 'velero-minio-credentials'));
    only.put('apps/velero/app/helmrelease.yaml', helmRelease({ name: 'velero' }));
    const rb = (await load(only.root)).byId('rotate:sops:apps/velero/app/secret.sops.yaml');
    expect(restart(rb).heading).toBe('Restart what uses it');
    expect(JSON.stringify(restart(rb))).toContain('flux reconcile kustomization velero-resources -n velero');
  });
});
