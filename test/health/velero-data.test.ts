import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * A Velero schedule that takes a claim keeps its data only by a CSI snapshot (EnableCSI, a CSI driver,
 * a VolumeSnapshotClass Velero picks: labelled velero.io/csi-volumesnapshot-class, else the driver's
 * only one, else its default), a provider's snapshot (a VolumeSnapshotLocation whose plugin snapshots
 * that disk), or a file-system backup (the node agent). Where none can, the claim is not backed up and
 * the page says why; where the repository does not say (a class made outside it), it is not known.
 * Outside review: every claim a schedule reached was "covered, where a snapshot location or CSI
 * snapshot class serves it", local-path volumes included.
 */
const schedule = (template = '    ttl: 168h\n') => `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: daily\n  namespace: velero\nspec:\n  schedule: "0 3 * * *"\n  template:\n${template}`;
const velero = (values: string) => helmRelease({ name: 'velero', namespace: 'velero', version: '11.4.0', values });
const claim = (name: string, cls: string | null) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  accessModes: [ReadWriteOnce]\n${cls ? `  storageClassName: ${cls}\n` : ''}  resources:\n    requests:\n      storage: 5Gi\n`;
const storageClass = (name: string, provisioner: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\nprovisioner: ${provisioner}\n`;
const snapshotClass = (name: string, driver: string, meta = '') => `apiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: ${name}\n${meta}driver: ${driver}\ndeletionPolicy: Delete\n`;

describe('a Velero schedule keeps a claim\'s data only where a snapshot or the node agent can take it', () => {
  const repo = tempRepos(afterAll);

  async function matrix(files: Record<string, string>) {
    const r = repo('velero-data');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const cell = (name: string, ns = 'apps') => {
      const row = result.rows.find((x) => x.pvcId === `PersistentVolumeClaim/${ns}/${name}`)!;
      return { covered: row.coveredBy, via: row.systems.velero.via.map((v) => v.detail), note: row.systems.velero.note, unknown: row.unknown, notApplicable: row.notApplicable };
    };
    return { cell, findings, result };
  }

  it('CSI: the class labelled for Velero, the only class of the driver, the default; none, or several unlabelled: cannot snapshot', async () => {
    const { cell, findings } = await matrix({
      'apps/velero/helmrelease.yaml': velero('    configuration:\n      features: EnableCSI\n'),
      'apps/velero/schedule.yaml': schedule(),
      'apps/storage/classes.yaml': [
        storageClass('ceph-block', 'rook-ceph.rbd.csi.ceph.com'),
        snapshotClass('ceph-plain', 'rook-ceph.rbd.csi.ceph.com'),
        snapshotClass('ceph-velero', 'rook-ceph.rbd.csi.ceph.com', '  labels:\n    velero.io/csi-volumesnapshot-class: "true"\n'),
        storageClass('longhorn', 'driver.longhorn.io'),
        snapshotClass('longhorn-snap', 'driver.longhorn.io'),
        storageClass('zfs', 'zfs.csi.openebs.io'),
        snapshotClass('zfs-a', 'zfs.csi.openebs.io'),
        snapshotClass('zfs-b', 'zfs.csi.openebs.io', '  annotations:\n    snapshot.storage.kubernetes.io/is-default-class: "true"\n'),
        storageClass('topolvm', 'topolvm.io'),
        snapshotClass('topolvm-a', 'topolvm.io'),
        snapshotClass('topolvm-b', 'topolvm.io'),
        storageClass('synology', 'csi.san.synology.com'),
      ].join('---\n'),
      'apps/a/claims.yaml': ['ceph', 'longhorn', 'zfs', 'topolvm', 'synology'].map((c) => claim(`on-${c}`, c === 'ceph' ? 'ceph-block' : c)).join('---\n'),
    });
    expect(cell('on-ceph').via).toEqual(['schedule daily (all namespaces): CSI snapshot (VolumeSnapshotClass ceph-velero)']);
    expect(cell('on-longhorn').via).toEqual(['schedule daily (all namespaces): CSI snapshot (VolumeSnapshotClass longhorn-snap)']);
    expect(cell('on-zfs').via).toEqual(['schedule daily (all namespaces): CSI snapshot (VolumeSnapshotClass zfs-b)']);
    expect(cell('on-topolvm').covered).toEqual([]);
    expect(cell('on-topolvm').note).toContain('cannot snapshot: 2 VolumeSnapshotClasses for driver topolvm.io (topolvm-a, topolvm-b), none labelled velero.io/csi-volumesnapshot-class or default');
    expect(cell('on-synology').note).toBe("Velero schedule daily backs up the claim's object but not its data: cannot snapshot: no VolumeSnapshotClass for driver csi.san.synology.com, and no pod opts the volume into file-system backup (backup.velero.io/backup-volumes)");
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId).sort()).toEqual(['PersistentVolumeClaim/apps/on-synology', 'PersistentVolumeClaim/apps/on-topolvm']);
  });

  it('no EnableCSI, a hostPath provisioner: no snapshot; file-system backup with the node agent takes it', async () => {
    const { cell } = await matrix({
      'apps/velero/helmrelease.yaml': velero('    deployNodeAgent: true\n'),
      'apps/velero/schedule.yaml': `${schedule('    includedNamespaces: [apps]\n')}---\n${schedule('    includedNamespaces: [other]\n    defaultVolumesToFsBackup: true\n').replace('name: daily', 'name: files')}`,
      'apps/storage/classes.yaml': [storageClass('ceph-block', 'rook-ceph.rbd.csi.ceph.com'), snapshotClass('ceph', 'rook-ceph.rbd.csi.ceph.com'), storageClass('local-path', 'rancher.io/local-path')].join('---\n'),
      'apps/a/claims.yaml': [claim('ceph', 'ceph-block'), claim('local', 'local-path')].join('---\n'),
      'apps/b/claims.yaml': claim('local', 'local-path').replace('namespace: apps', 'namespace: other'),
    });
    expect(cell('ceph').note).toContain('cannot snapshot: Velero runs without the EnableCSI feature (configuration.features), so it takes no CSI snapshot');
    expect(cell('local').note).toContain('cannot snapshot: its volumes (rancher.io/local-path) are no CSI volumes, and no VolumeSnapshotLocation\'s provider snapshots them');
    expect(cell('local', 'other').via).toEqual(['schedule files: file-system backup of every volume (defaultVolumesToFsBackup)']);
  });

  it('a provider snapshot: a VolumeSnapshotLocation whose plugin snapshots the disk; `provider: csi` is no such location', async () => {
    const { cell } = await matrix({
      'apps/velero/helmrelease.yaml': velero('    configuration:\n      volumeSnapshotLocation:\n        - name: ebs\n          provider: aws\n          config: {region: eu-west-1}\n'),
      'apps/velero/vsl.yaml': 'apiVersion: velero.io/v1\nkind: VolumeSnapshotLocation\nmetadata:\n  name: nas\n  namespace: velero\nspec:\n  provider: csi\n  config: {driver: org.democratic-csi.nfs}\n',
      'apps/velero/schedule.yaml': schedule(),
      'apps/storage/classes.yaml': [storageClass('gp3', 'ebs.csi.aws.com'), storageClass('nas-iscsi', 'org.democratic-csi.iscsi')].join('---\n'),
      'apps/a/claims.yaml': [claim('ebs', 'gp3'), claim('nas', 'nas-iscsi')].join('---\n'),
    });
    expect(cell('ebs').via).toEqual(['schedule daily (all namespaces): volume snapshot to VolumeSnapshotLocation ebs (provider aws)']);
    expect(cell('nas').covered).toEqual([]);
  });

  it('not known where the repository does not say: a StorageClass, a snapshot class a chart may make, a velero chart not in it', async () => {
    const democratic = helmRelease({ name: 'democratic-csi', namespace: 'storage', values: '    csiDriver:\n      name: org.democratic-csi.iscsi\n    volumeSnapshotClasses:\n      - name: iscsi-snapshots\n' });
    const { cell, findings, result } = await matrix({
      'apps/velero/helmrelease.yaml': velero('    configuration:\n      features: EnableCSI\n'),
      'apps/velero/schedule.yaml': schedule(),
      'apps/storage/classes.yaml': storageClass('iscsi', 'org.democratic-csi.iscsi'),
      'apps/storage/democratic.yaml': democratic,
      'apps/a/claims.yaml': [claim('outside', 'ceph-block'), claim('chart-class', 'iscsi')].join('---\n'),
    });
    expect(cell('outside').covered).toEqual([]);
    expect(cell('outside').unknown).toBe('schedule daily (all namespaces): takes the claim; whether it keeps its data is not known: the repository defines no StorageClass ceph-block (a chart may make it), so the driver of its volumes is not known');
    expect(cell('chart-class').unknown).toContain('no VolumeSnapshotClass for driver org.democratic-csi.iscsi is in the repository, and HelmRelease democratic-csi may make one (its values set volumeSnapshotClasses)');
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING')).toEqual([]);
    expect([result.covered, result.missing, result.unknown]).toEqual([0, 0, 2]);

    // Schedule objects only: whether the node agent runs, or EnableCSI is on, is not known.
    const bare = await matrix({
      'apps/velero/schedule.yaml': schedule('    defaultVolumesToFsBackup: true\n'),
      'apps/storage/classes.yaml': [storageClass('ceph-block', 'rook-ceph.rbd.csi.ceph.com'), snapshotClass('ceph', 'rook-ceph.rbd.csi.ceph.com')].join('---\n'),
      'apps/a/claims.yaml': claim('data', 'ceph-block'),
    });
    expect(bare.cell('data').unknown).toContain('no velero chart in the repository says whether the node agent runs');
    expect(bare.cell('data').unknown).toContain('whether Velero runs with the EnableCSI feature, which a CSI snapshot with VolumeSnapshotClass ceph needs');
  });

  it('a static NFS share is a share whatever copies it: not applicable, decided before coverage', async () => {
    const { cell } = await matrix({
      'apps/velero/helmrelease.yaml': velero('    deployNodeAgent: true\n'),
      'apps/velero/schedule.yaml': schedule('    defaultVolumesToFsBackup: true\n'),
      'apps/a/share.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: media-pv\nspec:\n  capacity: {storage: 5Ti}\n  accessModes: [ReadWriteMany]\n  storageClassName: nfs\n  nfs: {server: nas.lan, path: /mnt/tank/media}\n---\n' + claim('media', 'nfs').replace('spec:\n', 'spec:\n  volumeName: media-pv\n'),
    });
    expect(cell('media').notApplicable).toBe('network share (PersistentVolume media-pv, nfs nas.lan)');
  });
});
