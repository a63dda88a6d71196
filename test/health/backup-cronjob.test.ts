/**
 * A small homelab often backs a claim up with its own CronJob: a `tar` of the data folder, a
 * `pg_dump`, an rclone or restic run, into an NFS claim or a bucket. Outside review (a homelab of plain
 * manifests): `portainer-backup` mounted `portainer-data` read-only and the NFS `backup-storage`, and
 * ran `tar -czf` every night, yet the claim was reported as not backed up. Such a job is the app's
 * own backup (covered, named on the row); a CronJob that only mounts the claim for other work (a
 * media scan) is not, and a claim named as the destination is not what it backs up.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: portainer\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: local-path\n  resources:\n    requests:\n      storage: 10Gi\n`;
const cronJob = (name: string, command: string, claims: string[]) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\n  namespace: portainer\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: job\n              image: alpine:3.20\n              command: ["/bin/sh", "-c"]\n              args:\n                - ${JSON.stringify(command)}\n              volumeMounts:\n${claims.map((c) => `                - name: ${c}\n                  mountPath: /${c}\n`).join('')}          volumes:\n${claims.map((c) => `            - name: ${c}\n              persistentVolumeClaim:\n                claimName: ${c}\n`).join('')}`;

describe('a CronJob of the repository that backs a claim up', () => {
  const repo = tempRepos(afterAll);
  const judge = async (files: Record<string, string>, unlisted: Record<string, string> = {}) => {
    const r = repo('backup-cronjob');
    bootstrap(r);
    r.put('clusters/prod/portainer.yaml', fluxKustomization('portainer', './apps/portainer'));
    r.put('apps/portainer/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    for (const [file, text] of Object.entries({ ...files, ...unlisted })) r.put(`apps/portainer/${file}`, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    return {
      appLevel: Object.fromEntries(result.rows.map((row) => [row.name, row.appLevel])),
      missing: findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId),
    };
  };

  it('covers the claim it copies from (tar into an NFS claim), not the destination', async () => {
    const out = await judge({
      'pvc.yaml': claim('portainer-data'),
      'backup.yaml': cronJob('portainer-backup', 'tar -czf /backup-storage/portainer-$(date +%F).tgz -C /portainer-data .', ['portainer-data', 'backup-storage']),
    });
    expect(out.appLevel['portainer-data']).toContain('CronJob portainer-backup');
    expect(out.missing).toEqual([]);
  });

  it('a job named otherwise counts when it runs a dump or backup tool', async () => {
    const out = await judge({ 'pvc.yaml': claim('portainer-data'), 'job.yaml': cronJob('nightly', 'restic backup /portainer-data', ['portainer-data']) });
    expect(out.appLevel['portainer-data']).toContain('CronJob nightly');
  });

  it('a CronJob that mounts the claim for other work is no backup', async () => {
    const out = await judge({ 'pvc.yaml': claim('portainer-data'), 'scan.yaml': cronJob('media-scan', 'find /portainer-data -name "*.tmp" -delete', ['portainer-data']) });
    expect(out.appLevel['portainer-data']).toBeNull();
    expect(out.missing).toEqual(['PersistentVolumeClaim/portainer/portainer-data']);
  });

  it('a backup job left out of the kustomization.yaml backs nothing up', async () => {
    const r = await judge({ 'pvc.yaml': claim('portainer-data') }, { 'backup.yaml': cronJob('portainer-backup', 'tar -czf /backup-storage/p.tgz -C /portainer-data .', ['portainer-data', 'backup-storage']) });
    expect(r.missing).toEqual(['PersistentVolumeClaim/portainer/portainer-data']);
  });

  it('a job that writes its copy onto the claim it reads is no backup, and the warning says why', async () => {
    // vaultwarden's shape (outside review): sqlite3 .backup into a folder of the same node-local claim.
    const out = await judge({ 'pvc.yaml': claim('portainer-data'), 'backup.yaml': cronJob('db-backup', "sqlite3 /portainer-data/db.sqlite3 \".backup '/portainer-data/backups/db.sqlite'\"", ['portainer-data']) });
    expect(out.appLevel['portainer-data']).toBeNull();
    expect(out.missing).toEqual(['PersistentVolumeClaim/portainer/portainer-data']);
    const r = repo('backup-cronjob-self');
    bootstrap(r);
    r.put('clusters/prod/portainer.yaml', fluxKustomization('portainer', './apps/portainer'));
    r.put('apps/portainer/all.yaml', `${claim('portainer-data')}---\n${cronJob('db-backup', 'tar -czf /portainer-data/backups/p.tgz -C /portainer-data db', ['portainer-data'])}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(backupMatrix(model).findings.find((f) => f.code === 'BACKUP_MISSING')?.message).toContain('CronJob db-backup copies it onto the claim itself');
  });

  it('a job that mounts a second claim, of any name, may copy there: still a backup (code review)', async () => {
    const out = await judge({ 'pvc.yaml': `${claim('portainer-data')}---\n${claim('portainer-nas')}`, 'backup.yaml': cronJob('portainer-backup', 'tar czf /portainer-nas/p.tgz -C /portainer-data .', ['portainer-data', 'portainer-nas']) });
    expect(out.appLevel['portainer-data']).toContain('CronJob portainer-backup');
  });

  it('the same job with a network tool or credentials still sends the copy away', async () => {
    const upload = await judge({ 'pvc.yaml': claim('portainer-data'), 'backup.yaml': cronJob('db-backup', 'tar -czf /tmp/p.tgz -C /portainer-data . && aws s3 cp /tmp/p.tgz s3://backups/', ['portainer-data']) });
    expect(upload.appLevel['portainer-data']).toContain('CronJob db-backup');
    const creds = cronJob('db-backup', 'tar -czf /tmp/p.tgz -C /portainer-data . && ./upload.sh', ['portainer-data']).replace('              volumeMounts:', '              envFrom:\n                - secretRef:\n                    name: bucket-credentials\n              volumeMounts:');
    expect((await judge({ 'pvc.yaml': claim('portainer-data'), 'backup.yaml': creds })).appLevel['portainer-data']).toContain('CronJob db-backup');
  });
});
