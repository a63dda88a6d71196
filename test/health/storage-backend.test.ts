/**
 * A claim whose data lives outside the cluster's disks (a bucket through a CSI driver such as
 * gcs.csi.ofek.dev or blob.csi.azure.com, an NFS or SMB share) is backed up where it lives: not a
 * volume the cluster's backup tools should copy. Nine BACKUP_MISSING warnings on a public repository's
 * model buckets were false (seventh round of outside-corpus.md); only a share's name was read before.
 * Read from the PersistentVolume the claim names, else its StorageClass's provisioner, else the
 * static PersistentVolumes of its class. Block storage (Longhorn, Ceph RBD) is still judged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('storage-backend');
afterAll(remove);

const claim = (name: string, spec: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: models\nspec:\n  accessModes: [ReadWriteMany]\n  resources:\n    requests:\n      storage: 50Gi\n${spec}`;
const volume = (name: string, cls: string, source: string) =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteMany]\n  capacity:\n    storage: 50Gi\n  storageClassName: ${cls}\n${source}`;
const storageClass = (name: string, provisioner: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\nprovisioner: ${provisioner}\n`;

describe('claims on object stores and network shares', async () => {
  put('clusters/main/apps.yaml', fluxKustomization('models', './models'));
  put('models/kustomization.yaml', 'resources:\n  - storage.yaml\n  - claims.yaml\n');
  put(
    'models/storage.yaml',
    [
      volume('weights-pv', 'gcs-sc', '  csi:\n    driver: gcs.csi.ofek.dev\n    volumeHandle: weights-bucket\n'),
      volume('media-pv', 'nas', '  nfs:\n    server: nas.lan\n    path: /export/media\n'),
      storageClass('azureblob', 'blob.csi.azure.com'),
      storageClass('longhorn', 'driver.longhorn.io'),
      storageClass('ceph-block', 'rook-ceph.rbd.csi.ceph.com'),
    ].join('---\n'),
  );
  put(
    'models/claims.yaml',
    [
      claim('weights', '  storageClassName: gcs-sc\n  volumeName: weights-pv\n'),
      claim('weights-stage', '  storageClassName: gcs-sc\n'),
      claim('datasets', '  storageClassName: azureblob\n'),
      claim('media', '  storageClassName: nas\n'),
      claim('db', '  storageClassName: longhorn\n'),
      claim('index', '  storageClassName: ceph-block\n'),
    ].join('---\n'),
  );
  const { model } = await scanRepo(root, parseConfig({}));
  const { result, findings } = backupMatrix(model);

  it('are not applicable, saying where the data lives', () => {
    expect(Object.fromEntries(result.rows.map((r) => [r.name, r.notApplicable]))).toEqual({
      weights: 'object store (PersistentVolume weights-pv, gcs.csi.ofek.dev)',
      'weights-stage': 'object store (the PersistentVolumes of class gcs-sc, gcs.csi.ofek.dev)',
      datasets: 'object store (storage class azureblob, blob.csi.azure.com)',
      media: 'network share (the PersistentVolumes of class nas, nfs nas.lan)',
      db: null,
      index: null,
    });
  });

  it('block storage in the cluster is still judged', () => {
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId)).toEqual(['PersistentVolumeClaim/models/db', 'PersistentVolumeClaim/models/index']);
  });
});

describe("a share's PersistentVolume written beside claims", () => {
  it('is the backend of a claim without a storage class that can bind it, not of the claims beside it', async () => {
    const r = tempRepo('storage-backend-same-file');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('media', './media'));
      r.put('media/kustomization.yaml', 'resources:\n  - nzbget.yaml\n  - navidrome.yaml\n');
      // (Found on a public repository: three claims of these two files passed for shares.)
      r.put('media/nzbget.yaml', [
        volume('nzbget-downloads-nfs', '""', '  nfs:\n    server: nas.lan\n    path: /downloads\n'),
        claim('nzbget-downloads', '  storageClassName: ""\n  volumeName: nzbget-downloads-nfs\n'),
        claim('nzbget-config', ''),
      ].join('---\n'));
      r.put('media/navidrome.yaml', [
        volume('navidrome-media-nfs', '""', '  nfs:\n    server: nas.lan\n    path: /music\n'),
        claim('navidrome-media', ''),
        claim('data-marc', '  storageClassName: longhorn-retain\n'),
      ].join('---\n'));
      const { model } = await scanRepo(r.root, parseConfig({}));
      const { result } = backupMatrix(model);
      expect(Object.fromEntries(result.rows.map((row) => [row.name, row.notApplicable]))).toEqual({
        'nzbget-downloads': 'network share (PersistentVolume nzbget-downloads-nfs, nfs nas.lan)',
        'nzbget-config': null,
        'navidrome-media': 'network share (PersistentVolume navidrome-media-nfs)',
        'data-marc': null,
      });
    } finally {
      r.remove();
    }
  });
});
