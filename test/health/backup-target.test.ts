/**
 * A backup written to a Service of the cluster (`http://minio.storage.svc.cluster.local:9000`) lives in
 * the app behind that Service: a backup of that app's own volumes by the same system is kept on them,
 * which no loss of the volume survives, and its restore needs the data it would restore. Such a copy is
 * not counted, and the reason is given (an outside review's probe: minio, hosting Velero's
 * BackupStorageLocation, was shown backed up by Velero, and its runbook deleted the claim the backups
 * were on). A host that is no Service of the repository (a NAS, `nas.lan`) is outside the cluster.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { serviceOfUrl } from '../../src/analysis/health/backup-targets.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const schedule = (backend: string) =>
  `apiVersion: k8up.io/v1\nkind: Schedule\nmetadata:\n  name: nightly\n  namespace: storage\nspec:\n  backend:\n    repoPasswordSecretRef: {name: restic, key: password}\n    s3:\n      endpoint: ${backend}\n      bucket: k8up\n  backup:\n    schedule: "0 2 * * *"\n`;
const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: storage\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: local-path\n  resources:\n    requests:\n      storage: 100Gi\n`;

describe('a backup kept in the app it backs up', () => {
  const repo = tempRepos(afterAll);

  it('reads a Service of the cluster out of a URL; a host of two labels only where the repository runs that Service', () => {
    expect(serviceOfUrl('http://minio.storage.svc.cluster.local:9000', 'velero')).toEqual({ service: 'minio', namespace: 'storage' });
    expect(serviceOfUrl('https://minio.storage.svc:9000/bucket', null)).toEqual({ service: 'minio', namespace: 'storage' });
    expect(serviceOfUrl('http://garage:3900', 'backup')).toEqual({ service: 'garage', namespace: 'backup' });
    expect(serviceOfUrl('http://nas.lan:9000', 'velero')).toEqual({ service: 'nas', namespace: 'lan' });
    expect(serviceOfUrl('https://s3.eu-west-1.amazonaws.com', 'velero')).toBeNull();
    expect(serviceOfUrl('http://192.168.1.20:9000', 'velero')).toBeNull();
    expect(serviceOfUrl('http://${MINIO_HOST}:9000', 'velero')).toBeNull();
  });

  it('k8up writing to the chart-made Service of its own namespace\'s minio: the copy of minio\'s claim is not counted', async () => {
    const r = repo('k8up-own-target');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/storage/minio.yaml', helmRelease({ name: 'minio', namespace: 'storage', values: '    persistence:\n      existingClaim: minio-data\n' }));
    r.put('apps/storage/claim.yaml', claim('minio-data'));
    r.put('apps/storage/k8up.yaml', schedule('http://minio:9000'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const row = result.rows.find((x) => x.name === 'minio-data')!;
    expect(row.coveredBy).toEqual([]);
    expect(row.ownTarget).toBe(
      "k8up keeps its backups in this app (k8up Schedule nightly writes to http://minio:9000, Service minio of HelmRelease minio in storage), so its copy of the claim is kept on the app's own volumes and a restore through k8up needs the data it would restore (a circular dependency)",
    );
    expect(findings.find((f) => f.code === 'BACKUP_MISSING')!.message).toContain('(a circular dependency)');
  });

  it('the same endpoint on a NAS outside the cluster is a backup', async () => {
    const r = repo('k8up-nas-target');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/storage/minio.yaml', helmRelease({ name: 'minio', namespace: 'storage', values: '    persistence:\n      existingClaim: minio-data\n' }));
    r.put('apps/storage/claim.yaml', claim('minio-data'));
    r.put('apps/storage/k8up.yaml', schedule('http://nas.lan:9000'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const row = backupMatrix(model).result.rows.find((x) => x.name === 'minio-data')!;
    expect([row.coveredBy, row.ownTarget]).toEqual([['k8up'], null]);
  });
});
