import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * What a Velero schedule backs up of a claim: its object (in the namespaces it includes), its data by
 * file-system backup (a pod opts the volume in, or defaultVolumesToFsBackup; the node agent does it) or
 * by a volume snapshot (unless snapshotVolumes: false): a CSI snapshot where the claim's driver has a
 * VolumeSnapshotClass Velero picks and the server runs EnableCSI. Shapes from homelab repositories: the
 * velero chart's `schedules:` and `deployNodeAgent`, and Schedule objects with a template. The storage
 * below (a rook-ceph class and its labelled snapshot class, a chart with EnableCSI) is there unless a
 * test writes its own chart.
 */
const pvc = (name: string, ns: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ceph-block\n  resources:\n    requests:\n      storage: 5Gi\n`;

const schedule = (name: string, template: string) =>
  `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: ${name}\n  namespace: velero\nspec:\n  schedule: "0 3 * * *"\n  template:\n${template}`;

const storage = `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ceph-block\nprovisioner: rook-ceph.rbd.csi.ceph.com\n---\napiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: csi-ceph-blockpool\n  labels:\n    velero.io/csi-volumesnapshot-class: "true"\ndriver: rook-ceph.rbd.csi.ceph.com\ndeletionPolicy: Delete\n`;

const chart = (values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: velero\n  namespace: velero\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: velero\n      version: 8.1.0\n      sourceRef:\n        kind: HelmRepository\n        name: vmware-tanzu\n  values:\n${values}`;

describe('Velero coverage says how the data is backed up, and only where a schedule reaches', () => {
  const repo = tempRepos(afterAll);

  async function matrix(files: Record<string, string>) {
    const r = repo('velero');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/storage/classes.yaml', storage);
    r.put('apps/velero/helmrelease.yaml', chart('    configuration:\n      features: EnableCSI\n'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const row = (id: string) => result.rows.find((x) => x.pvcId === `PersistentVolumeClaim/${id}`)!;
    return { row, findings };
  }

  it('a Schedule object covers only the namespaces its template includes', async () => {
    const { row, findings } = await matrix({
      'apps/velero/schedule.yaml': schedule('media-nightly', '    includedNamespaces:\n      - media\n'),
      'apps/media/claim.yaml': pvc('library', 'media'),
      'apps/home/claim.yaml': pvc('config', 'home'),
    });
    expect(row('media/library').coveredBy).toEqual(['velero']);
    expect(row('home/config').coveredBy).toEqual([]);
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.source.file)).toEqual(['apps/home/claim.yaml']);
  });

  it('leaves out a claim, or a namespace, labelled velero.io/exclude-from-backup (outside review: one was shown covered)', async () => {
    const labelled = (text: string) => text.replace(/(  namespace: \w+\n)/, '$1  labels:\n    velero.io/exclude-from-backup: "true"\n');
    const { row, findings } = await matrix({
      'apps/velero/schedule.yaml': schedule('daily', '    ttl: 168h\n'),
      'apps/media/claim.yaml': labelled(pvc('db', 'media')),
      'apps/media/library.yaml': pvc('library', 'media'),
      'apps/scratch/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scratch\n  labels:\n    velero.io/exclude-from-backup: "true"\n',
      'apps/scratch/claim.yaml': pvc('work', 'scratch'),
    });
    expect(row('media/library').coveredBy).toEqual(['velero']);
    expect([row('media/db').coveredBy, row('media/db').systems.velero.note]).toEqual([[], 'the claim is labelled velero.io/exclude-from-backup: "true", so Velero\'s schedules leave it out']);
    expect([row('scratch/work').coveredBy, row('scratch/work').systems.velero.note]).toEqual([[], 'namespace scratch is labelled velero.io/exclude-from-backup: "true", so Velero\'s schedules leave it out']);
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId).sort()).toEqual(['PersistentVolumeClaim/media/db', 'PersistentVolumeClaim/scratch/work']);
  });

  it('without a pod opting in, a schedule takes a CSI snapshot, with the VolumeSnapshotClass Velero picks for the driver', async () => {
    const { row } = await matrix({
      'apps/velero/schedule.yaml': schedule('daily', '    ttl: 168h\n'),
      'apps/media/claim.yaml': pvc('library', 'media'),
    });
    expect(row('media/library').systems.velero.via.map((v) => v.detail)).toEqual(['schedule daily (all namespaces): CSI snapshot (VolumeSnapshotClass csi-ceph-blockpool)']);
  });

  it('snapshotVolumes: false and no file-system backup: the claim object is kept but not its data (BACKUP_MISSING)', async () => {
    const { row, findings } = await matrix({
      'apps/velero/schedule.yaml': schedule('objects-only', '    snapshotVolumes: false\n'),
      'apps/media/claim.yaml': pvc('library', 'media'),
    });
    expect(row('media/library').coveredBy).toEqual([]);
    const missing = findings.find((f) => f.code === 'BACKUP_MISSING')!;
    expect(missing.message).toContain("Velero schedule objects-only backs up the claim's object but not its data: snapshotVolumes is false");
    expect(missing.source).toMatchObject({ file: 'apps/media/claim.yaml' });
  });

  it('defaultVolumesToFsBackup: file-system backup of every volume, when the chart runs the node agent', async () => {
    const values = (agent: boolean) =>
      `    deployNodeAgent: ${agent}\n    schedules:\n      daily:\n        schedule: "0 3 * * *"\n        template:\n          snapshotVolumes: false\n          defaultVolumesToFsBackup: true\n`;
    const withAgent = await matrix({ 'apps/velero/helmrelease.yaml': chart(values(true)), 'apps/media/claim.yaml': pvc('library', 'media') });
    expect(withAgent.row('media/library').systems.velero.via.map((v) => v.detail)).toEqual([
      'schedule daily (all namespaces): file-system backup of every volume (defaultVolumesToFsBackup)',
    ]);
    // The chart's default is no node agent: file-system backup cannot run, and snapshots are off.
    const without = await matrix({ 'apps/velero/helmrelease.yaml': chart(values(false)), 'apps/media/claim.yaml': pvc('library', 'media') });
    expect(without.row('media/library').coveredBy).toEqual([]);
    expect(without.findings.find((f) => f.code === 'BACKUP_MISSING')!.message).toContain('the velero chart runs no node agent (deployNodeAgent) for the file-system backup asked for');
  });

  it('Velero before 1.10: deployRestic and defaultVolumesToRestic mean file-system backup of every volume', async () => {
    const { row } = await matrix({
      'apps/velero/helmrelease.yaml': chart('    deployRestic: true\n    configuration:\n      defaultVolumesToRestic: true\n    schedules:\n      daily:\n        schedule: "0 3 * * *"\n        template:\n          snapshotVolumes: false\n'),
      'apps/media/claim.yaml': pvc('library', 'media'),
    });
    expect(row('media/library').systems.velero.via.map((v) => v.detail)).toEqual(['schedule daily (all namespaces): file-system backup of every volume (defaultVolumesToFsBackup)']);
  });

  it('the chart-wide configuration.defaultVolumesToFsBackup applies to schedules that do not say otherwise', async () => {
    const { row } = await matrix({
      'apps/velero/helmrelease.yaml': chart('    deployNodeAgent: true\n    configuration:\n      defaultVolumesToFsBackup: true\n'),
      'apps/velero/schedule.yaml': schedule('daily', '    includedNamespaces: [media]\n'),
      'apps/media/claim.yaml': pvc('library', 'media'),
    });
    expect(row('media/library').systems.velero.via.map((v) => v.detail)).toEqual(['schedule daily: file-system backup of every volume (defaultVolumesToFsBackup)']);
  });
});
