/**
 * A backup object of one cluster backs up nothing of another: a shared base's claim applied by staging and
 * production is backed up in production by production's Longhorn RecurringJob only. A review probe found
 * staging's claims "covered" by production's job (no BACKUP_MISSING for staging), and one backup row per
 * cluster's copy of the job on every claim. The warning names the cluster, since both copies are one line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { veleroBlocks } from '../../src/analysis/runbooks/restore-systems.ts';
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

  it("count only the Velero schedules of the claim's own cluster", async () => {
    const r = repo('velero-per-cluster');
    bootstrap(r, 'staging');
    bootstrap(r, 'production');
    for (const c of ['staging', 'production']) r.put(`clusters/${c}/apps.yaml`, `${fluxKustomization('apps', `./apps/${c}`)}---\n${fluxKustomization('configs', `./configs/${c}`)}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - pvc.yaml\n  - deployment.yaml\n');
    r.put('apps/base/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: local-path\n  resources:\n    requests:\n      storage: 5Gi\n');
    // The pod opts its volume into file-system backup (Velero reads the annotation on pods).
    r.put('apps/base/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n      annotations:\n        backup.velero.io/backup-volumes: data\n    spec:\n      containers: [{name: web, image: "nginx:1.27.0"}]\n      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]\n');
    for (const c of ['staging', 'production']) r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ../base\n');
    r.put('configs/production/schedule.yaml', 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n  namespace: velero\nspec:\n  schedule: "0 2 * * *"\n  template:\n    includedNamespaces: ["*"]\n');
    // Staging runs a velero chart without the node agent and no schedule; production's chart runs the agent.
    const release = (agent: boolean) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: velero\n  namespace: velero\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: velero\n      version: 8.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: vmware\n  values:\n    deployNodeAgent: ${agent}\n`;
    r.put('configs/production/velero.yaml', release(true));
    r.put('configs/staging/velero.yaml', release(false));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const clusterOf = new Map(model.pvcs.map((p) => [p.id, p.cluster ?? null]));
    const rows = result.rows.filter((row) => row.name === 'data').map((row) => [clusterOf.get(row.pvcId), row.systems.velero.via.map((v) => v.detail)]);
    expect(rows.sort()).toEqual([
      ['production', ['schedule nightly (all namespaces): file-system backup', 'backup.velero.io/backup-volumes']],
      ['staging', []],
    ]);
    const missing = findings.filter((f) => f.code === 'BACKUP_MISSING');
    expect(missing.map((f) => f.message.slice(0, f.message.indexOf(' is not')))).toEqual(['PersistentVolumeClaim web/data (5Gi) of cluster staging']);
  });

  it("a shared base's Velero schedule gives each cluster's restore runbook its own copy once", async () => {
    const r = repo('velero-shared-base');
    bootstrap(r, 'staging');
    bootstrap(r, 'production');
    for (const c of ['staging', 'production']) r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - pvc.yaml\n  - schedule.yaml\n  - velero.yaml\n');
    r.put('apps/base/velero.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: velero\n  namespace: velero\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: velero\n      version: 8.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: vmware\n  values:\n    deployNodeAgent: true\n');
    r.put('apps/base/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n');
    r.put('apps/base/schedule.yaml', 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n  namespace: velero\nspec:\n  schedule: "0 2 * * *"\n  template:\n    includedNamespaces: [web]\n    defaultVolumesToFsBackup: true\n');
    for (const c of ['staging', 'production']) r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ../base\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const rows = backupMatrix(model).result.rows.filter((row) => row.name === 'data');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.systems.velero.via.map((v) => v.detail)).toEqual(['schedule nightly: file-system backup of every volume (defaultVolumesToFsBackup)']);
      const texts = veleroBlocks(model, row).filter((b) => b.type === 'text').map((b) => JSON.stringify(b));
      expect(texts.filter((t) => t.includes('Backups of schedule'))).toHaveLength(1);
    }
  });
});
