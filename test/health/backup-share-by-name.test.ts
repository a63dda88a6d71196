/**
 * A claim is read as a network share by its name (`media-nfs`, `nfs-media-pvc`) only where the repository
 * does not show how it is made.
 * A claim of a class the repository shows a block CSI driver makes is that driver's volume whatever it
 * is called (a class it does not define says nothing), and the disk of a share's
 * server holds the share's data: an outside review found an NFS server's 100Gi block claim
 * (`nfs-server-claim`, class `openebs-3-replicas`) shown as "network share (by its name)", needing no backup.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, spec: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: nfs\nspec:\n  accessModes: [ReadWriteOnce]\n${spec}  resources:\n    requests:\n      storage: 100Gi\n`;

describe('a claim named like a share', () => {
  const repo = tempRepos(afterAll);

  it('is a share by its name only where no class of its own says otherwise, and never as a share server\'s disk', async () => {
    const r = repo('backup-share-by-name');
    bootstrap(r);
    r.put('clusters/prod/nfs.yaml', fluxKustomization('nfs', './apps/nfs'));
    r.put('apps/nfs/kustomization.yaml', 'resources:\n  - claims.yaml\n');
    r.put('apps/nfs/claims.yaml', [
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: openebs-3-replicas\nprovisioner: io.openebs.csi-mayastor\n',
      claim('nfs-server-claim', '  storageClassName: openebs-3-replicas\n'),
      claim('exports-nfs', '  storageClassName: openebs-3-replicas\n'),
      // A class the repository does not define says nothing of how the claim is made (code review).
      claim('media-smb', '  storageClassName: nas\n'),
      claim('media-nfs', '  storageClassName: ""\n'),
      claim('backups-nfs', '  storageClassName: manual\n  volumeName: backups-nfs-pv\n'),
      claim('nfs-provisioner-data', ''),
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result } = backupMatrix(model);
    expect(Object.fromEntries(result.rows.map((row) => [row.name, row.notApplicable]))).toEqual({
      'backups-nfs': 'network share (NFS/CIFS, by its name)',
      'exports-nfs': null,
      'media-nfs': 'network share (NFS/CIFS, by its name)',
      'media-smb': 'network share (NFS/CIFS, by its name)',
      'nfs-provisioner-data': null,
      'nfs-server-claim': null,
    });
  });
});
