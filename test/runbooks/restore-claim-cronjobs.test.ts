/**
 * The restore runbook stops what mounts the claims, not only Deployments and StatefulSets (outside
 * review: an app whose only workloads were a CronJob and a Job, both mounting its claim, got
 * `kubectl scale deployment,statefulset … --replicas=0`, which matched nothing, under "stop every pod
 * that mounts the volumes"; the CronJob kept firing, and a running Job pod kept the claim from being
 * deleted). CronJobs are suspended before the restore and let run again before Flux resumes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { asides, code, load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const podSpec = (claim: string) =>
  `        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: backup\n              image: postgres:15-alpine\n              volumeMounts:\n                - name: backup-storage\n                  mountPath: /backup\n          volumes:\n            - name: backup-storage\n              persistentVolumeClaim:\n                claimName: ${claim}\n`;
const cronJob = (name: string, claim: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\n  namespace: data-platform\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n${podSpec(claim)}`;
// (A Job's pod template sits two levels higher than a CronJob's.)
const job = (name: string, claim: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  namespace: data-platform\nspec:\n  template:\n${podSpec(claim).replace(/^ {4}/gm, '')}`;
const deployment = (name: string, claim: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: data-platform\nspec:\n  template:\n${podSpec(claim).replace(/^ {4}/gm, '')}`;
const claim = (name: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: data-platform\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ceph-block\n  resources:\n    requests:\n      storage: 10Gi\n`;

describe('the restore runbook of an app whose claims CronJobs and Jobs mount', () => {
  const repo = tempRepos(afterAll);

  it('suspends the CronJob, waits for or deletes running Jobs, scales nothing it does not know, and lets the CronJob run again before Flux resumes', async () => {
    const r = repo('restore-cronjobs');
    bootstrap(r);
    r.put('clusters/prod/nessie-backup.yaml', fluxKustomization('nessie-backup', './apps/nessie-backup', '  targetNamespace: data-platform\n'));
    r.put('apps/nessie-backup/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - backup-cronjob.yaml\n  - restore-job.yaml\n');
    r.put('apps/nessie-backup/backup-cronjob.yaml', `${cronJob('nessie-backup', 'nessie-backup-pvc')}---\n${claim('nessie-backup-pvc')}`);
    r.put('apps/nessie-backup/restore-job.yaml', job('nessie-restore-template', 'nessie-backup-pvc'));
    const { byId } = await load(r.root);
    const rb = byId('restore:data-platform/nessie-backup');
    const c = code(rb);
    const lines = c.split('\n');
    expect(c).toContain(`kubectl -n data-platform patch cronjob nessie-backup -p '{"spec":{"suspend":true}}'`);
    expect(c).toContain('kubectl -n data-platform get jobs -o custom-columns=JOB:.metadata.name,OWNER:.metadata.ownerReferences[0].name,ACTIVE:.status.active');
    expect(c).toContain('kubectl -n data-platform wait --for=condition=complete job/<job>');
    expect(JSON.stringify(rb.sections.find((s) => s.slug === 'scale-down'))).toContain('nessie-restore-template');
    // Nothing of the app is a Deployment or StatefulSet: no scale command that would match nothing.
    expect(c).not.toContain('kubectl scale');
    expect(rb.sections.find((s) => s.slug === 'scale-down')!.heading).toBe('2. Stop what mounts the volumes');
    expect(JSON.stringify(rb)).not.toContain('every pod');
    // After the Flux suspend, before the restore; undone before Flux resumes.
    const suspendAt = lines.indexOf(`kubectl -n data-platform patch cronjob nessie-backup -p '{"spec":{"suspend":true}}'`);
    const resumeAt = lines.indexOf(`kubectl -n data-platform patch cronjob nessie-backup -p '{"spec":{"suspend":false}}'`);
    expect(lines.indexOf('flux suspend kustomization nessie-backup -n flux-system')).toBeLessThan(suspendAt);
    expect(suspendAt).toBeLessThan(resumeAt);
    expect(resumeAt).toBeLessThan(lines.indexOf('flux resume kustomization nessie-backup -n flux-system'));
  });

  it('an app of a Deployment and a CronJob: scales the one, suspends the other; another app\'s Deployment on the claim is named', async () => {
    const r = repo('restore-cronjobs-mixed');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('nessie', './apps/nessie'), fluxKustomization('viewer', './apps/viewer')].join('---\n'));
    r.put('apps/nessie/app.yaml', [deployment('nessie', 'nessie-data'), cronJob('nessie-dump', 'nessie-data'), claim('nessie-data'), cronJob('unrelated', 'other-claim')].join('---\n'));
    r.put('apps/viewer/app.yaml', deployment('viewer', 'nessie-data'));
    const { byId } = await load(r.root);
    const rb = byId('restore:data-platform/nessie');
    const c = code(rb);
    expect(c).toContain('kubectl scale deployment/nessie -n data-platform --replicas=0');
    expect(c).toContain(`kubectl -n data-platform patch cronjob nessie-dump -p '{"spec":{"suspend":true}}'`);
    // A CronJob that mounts another claim is left alone.
    expect(c).not.toContain('cronjob unrelated');
    const caution = asides(rb).find((a) => a.title === 'Another workload mounts the volumes');
    expect(JSON.stringify(caution?.text)).toContain('"viewer"');
  });
});
