/**
 * A backup object of one cluster backs up nothing of another: a shared base's claim applied by staging and
 * production is backed up in production by production's Longhorn RecurringJob only. A review probe found
 * staging's claims "covered" by production's job (no BACKUP_MISSING for staging), and one backup row per
 * cluster's copy of the job on every claim. The warning names the cluster, since both copies are one line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const job = 'apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: daily-backup\n  namespace: longhorn-system\nspec:\n  cron: "0 3 * * *"\n  task: backup\n  groups: [default]\n  retain: 7\n  concurrency: 1\n';

describe('backups of a claim two clusters apply', () => {
  const repo = tempRepos(afterAll);

  it("count only the backup objects of the claim's own cluster", async () => {
    const r = repo('backup-per-cluster');
    bootstrap(r, 'staging');
    bootstrap(r, 'production');
    for (const c of ['staging', 'production']) r.put(`clusters/${c}/apps.yaml`, `${fluxKustomization('apps', `./apps/${c}`)}---\n${fluxKustomization('configs', `./configs/${c}`)}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - pvc.yaml\n');
    r.put('apps/base/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: longhorn\n  resources:\n    requests:\n      storage: 5Gi\n');
    for (const c of ['staging', 'production']) r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ../base\n');
    r.put('configs/production/job.yaml', job);
    r.put('configs/staging/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const clusterOf = new Map(model.pvcs.map((p) => [p.id, p.cluster ?? null]));
    const rows = result.rows.filter((row) => row.name === 'data').map((row) => [clusterOf.get(row.pvcId), row.systems.longhorn.via.map((v) => v.detail)]);
    expect(rows.sort()).toEqual([['production', ['RecurringJob daily-backup (group default)']], ['staging', []]]);
    const missing = findings.filter((f) => f.code === 'BACKUP_MISSING');
    expect(missing.map((f) => f.message.slice(0, f.message.indexOf(' is not')))).toEqual(['PersistentVolumeClaim web/data (5Gi) of cluster staging']);
  });
});
