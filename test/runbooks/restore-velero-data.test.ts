/**
 * A restore runbook tells the reader to delete a claim (Velero skips one that still exists) only where a
 * backup holds its data. Outside review: a schedule that excluded persistentvolumeclaims, and one whose
 * label selector only the Deployment matched, were shown backing up the claim, and their runbooks said
 * `kubectl -n app2 delete pvc app2-data` before restoring from a backup that held no volume. The app that
 * hosts Velero's own backups (its BackupStorageLocation's s3Url is the app's Service) is not restored
 * through Velero: the backups are on the claim the restore would delete.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { asides, code, load } from './load.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, cls: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ${cls}\n  resources:\n    requests:\n      storage: 5Gi\n`;
const deployment = (name: string, claimName: string, meta = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${meta}spec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers: [{name: app, image: "nginx:1.27.0", volumeMounts: [{name: d, mountPath: /d}]}]\n      volumes: [{name: d, persistentVolumeClaim: {claimName: ${claimName}}}]\n`;
const schedule = (name: string, template: string) => `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: ${name}\nspec:\n  schedule: "0 3 * * *"\n  template:\n${template}`;
const minio =
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: minio\nspec:\n  serviceName: minio\n  selector:\n    matchLabels: {app: minio}\n  template:\n    metadata:\n      labels: {app: minio}\n    spec:\n      containers: [{name: minio, image: "quay.io/minio/minio:RELEASE.2024-07-23T15-18-33Z", volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], storageClassName: local-path, resources: {requests: {storage: 500Gi}}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: minio\nspec:\n  selector: {app: minio}\n  ports: [{name: s3, port: 9000}]\n';

describe('a restore runbook deletes a claim only where a backup holds its data', () => {
  const repo = tempRepos(afterAll);

  async function cluster() {
    const r = repo('restore-velero-data');
    bootstrap(r);
    const apps = ['velero', 'storage', 'web', 'notes', 'app1', 'app2', 'db'];
    r.put('clusters/prod/apps.yaml', apps.map((a) => fluxKustomization(a, `./apps/${a}`, `  targetNamespace: ${a}\n`)).join('---\n'));
    r.put('apps/velero/helmrelease.yaml', helmRelease({ name: 'velero', version: '11.4.0', values: '    deployNodeAgent: true\n    configuration:\n      features: EnableCSI\n' }));
    r.put('apps/velero/bsl.yaml', 'apiVersion: velero.io/v1\nkind: BackupStorageLocation\nmetadata:\n  name: default\nspec:\n  provider: aws\n  objectStorage: {bucket: velero}\n  config: {region: us-east-1, s3ForcePathStyle: "true", s3Url: "http://minio.storage.svc.cluster.local:9000"}\n  default: true\n');
    r.put('apps/velero/classes.yaml', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: local-path\nprovisioner: rancher.io/local-path\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ceph-block\nprovisioner: rook-ceph.rbd.csi.ceph.com\n---\napiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: csi-ceph-blockpool\ndriver: rook-ceph.rbd.csi.ceph.com\ndeletionPolicy: Delete\n');
    r.put(
      'apps/velero/schedules.yaml',
      [
        schedule('snapshots', '    includedNamespaces: [web, notes]\n'),
        schedule('infra', '    includedNamespaces: [storage]\n    defaultVolumesToFsBackup: true\n'),
        schedule('labelled', '    includedNamespaces: [app1]\n    labelSelector:\n      matchLabels: {backup: "true"}\n'),
        schedule('no-volumes', '    includedNamespaces: [app2]\n    excludedResources: [persistentvolumeclaims, persistentvolumes]\n'),
      ].join('---\n'),
    );
    r.put('apps/storage/minio.yaml', minio);
    r.put('apps/web/app.yaml', `${claim('web-data', 'ceph-block')}---\n${deployment('web', 'web-data')}`);
    // A class the repository does not define (made by a chart, or by hand).
    r.put('apps/notes/app.yaml', `${claim('notes-data', 'ceph-nvme')}---\n${deployment('notes', 'notes-data')}`);
    r.put('apps/app1/app.yaml', `${claim('app1-data', 'ceph-block')}---\n${deployment('app1', 'app1-data', '  labels: {backup: "true"}\n')}`);
    // A CloudNativePG database archived to the same minio.
    r.put('apps/db/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 1\n  storage: {size: 10Gi, storageClass: ceph-block}\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg/\n      endpointURL: http://minio.storage.svc:9000\n');
    r.put('apps/app2/app.yaml', `${claim('app2-data', 'ceph-block')}---\n${deployment('app2', 'app2-data')}`);
    return load(r.root);
  }

  it('a claim whose data a CSI snapshot holds: the Velero steps, with the claim deleted first', async () => {
    const { byId } = await cluster();
    const c = code(byId('restore:web/web'));
    expect(c).toContain('velero restore create --from-backup snapshots-<timestamp> --include-namespaces web');
    expect(JSON.stringify(byId('restore:web/web'))).toContain('kubectl -n web delete pvc web-data');
    expect(JSON.stringify(byId('restore:web/web'))).toContain('Velero (schedule snapshots: CSI snapshot (VolumeSnapshotClass csi-ceph-blockpool))');
  });

  it('a claim a schedule leaves out (excluded resources, a selector only the Deployment matches): no delete, and the page says what is not kept', async () => {
    const { byId } = await cluster();
    for (const [app, why] of [
      ['app2', 'Velero schedule no-volumes does not take the claim: it leaves persistentvolumeclaims out (excludedResources)'],
      ['app1', 'Velero schedule labelled does not take the claim: its label selector (backup=true) matches neither the claim nor a pod that mounts it'],
    ] as const) {
      const rb = byId(`restore:${app}/${app}`);
      expect(JSON.stringify(rb)).not.toContain('delete pvc');
      expect(code(rb)).not.toContain('velero restore create');
      expect(asides(rb).map((a) => a.title)).toEqual([`No backup covers ${app}-data`]);
      expect(JSON.stringify(asides(rb)[0]!.text)).toContain(why);
      expect(rb.alarm).toBe(true);
    }
  });

  it('a claim whose data the repository cannot tell is held: how to check, a restore into another namespace, no delete', async () => {
    const { byId } = await cluster();
    const rb = byId('restore:notes/notes');
    expect(rb.summary).toBe('1 volume(s); 1 whose backup is not known (notes-data).');
    expect(JSON.stringify(rb)).not.toContain('delete pvc');
    expect(code(rb)).toContain('velero backup describe snapshots-<timestamp> --details');
    expect(code(rb)).toContain('velero restore create --from-backup snapshots-<timestamp> --include-namespaces notes --namespace-mappings notes:notes-restore');
    expect(asides(rb).map((a) => a.title)).toEqual(['Not known whether a backup holds notes-data', 'Do not delete the claim on the strength of this runbook']);
  });

  it('the app that hosts Velero\'s backups: not restored through Velero, its claim not deleted, and BACKUP_MISSING names the circular dependency', async () => {
    const { byId, model } = await cluster();
    const rb = byId('restore:storage/storage');
    expect(JSON.stringify(rb)).not.toContain('delete pvc');
    expect(code(rb)).not.toContain('velero restore create');
    expect(asides(rb).map((a) => a.title)).toEqual(['This app holds backups', 'data-minio-0 holds the backups that would restore it']);
    expect(asides(rb)[0]!.text).toEqual([
      'BackupStorageLocation default writes to http://minio.storage.svc.cluster.local:9000; CloudNativePG Cluster pg writes to http://minio.storage.svc:9000. Deleting or restoring its volumes deletes or rolls back those backups: take a copy of them first, and restore the app from a backup kept outside it.',
    ]);
    const missing = backupMatrix(model).findings.find((f) => f.code === 'BACKUP_MISSING' && f.objectId === 'PersistentVolumeClaim/storage/data-minio-0')!;
    expect(missing.message).toBe(
      'PersistentVolumeClaim storage/data-minio-0 of StatefulSet minio (500Gi) is not backed up by k8up, Velero, Longhorn, VolSync or kopiur: Velero keeps its backups in this app (BackupStorageLocation default writes to http://minio.storage.svc.cluster.local:9000, Service minio in storage), so its copy of the claim is kept on the app\'s own volumes and a restore through Velero needs the data it would restore (a circular dependency).',
    );
  });
});
