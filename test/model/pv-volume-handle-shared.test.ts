/**
 * PV_VOLUME_HANDLE_SHARED: static PersistentVolumes copied from one another keep the same CSI
 * volumeHandle (csi-driver-nfs's example says the handle must be unique for every share in the
 * cluster). Reported once per handle, at the first volume's volumeHandle line; not for one manifest
 * two clusters build (each cluster's own volume), a PersistentVolume no build applies, or distinct handles
 * of one share (the `server#share#subdir` form).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const pv = (name: string, handle: string, driver = 'nfs.csi.k8s.io') =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\n  annotations:\n    pv.kubernetes.io/provisioned-by: ${driver}\nspec:\n  capacity:\n    storage: 100Gi\n  accessModes: [ReadWriteMany]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: nfs\n  csi:\n    driver: ${driver}\n    volumeHandle: ${handle}\n    volumeAttributes:\n      server: 192.168.1.10\n      share: /tank/media\n`;

describe('PersistentVolumes that share a CSI volumeHandle', () => {
  const repo = tempRepos(afterAll);
  const shared = async (put: (r: ReturnType<typeof repo>) => void) => {
    const r = repo('pv-handle');
    put(r);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'PV_VOLUME_HANDLE_SHARED');
  };

  it('is reported once, at the first volume, naming the other with its file and line', async () => {
    const found = await shared((r) => {
      bootstrap(r, 'home');
      r.put('clusters/home/storage.yaml', fluxKustomization('storage', './storage'));
      r.put('storage/kustomization.yaml', 'resources:\n  - media.yaml\n  - downloads.yaml\n  - backups.yaml\n');
      r.put('storage/media.yaml', pv('media-nfs', '192.168.1.10/tank/media'));
      // Copied from media.yaml: the name changed, the handle did not.
      r.put('storage/downloads.yaml', pv('downloads-nfs', '192.168.1.10/tank/media'));
      // The same share, told apart by its handle: fine.
      r.put('storage/backups.yaml', pv('backups-nfs', '192.168.1.10#tank/media#backups'));
    });
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`, f.message])).toEqual([
      [
        'warning',
        'storage/downloads.yaml:15',
        'PersistentVolume downloads-nfs and media-nfs (storage/media.yaml:15) name the same volume (driver nfs.csi.k8s.io, volumeHandle 192.168.1.10/tank/media): the driver knows a volume by its handle, so pods of both on one node share one mount, and unmounting one unmounts the other. Give each PersistentVolume a handle of its own.',
      ],
    ]);
    expect(found[0]!.objectId).toBe('PersistentVolume/_cluster/downloads-nfs');
  });

  it("is not reported for one manifest two clusters build, each cluster's own volume of the handle, nor a volume no build applies", async () => {
    const found = await shared((r) => {
      for (const cluster of ['production', 'staging']) {
        bootstrap(r, cluster);
        r.put(`clusters/${cluster}/storage.yaml`, fluxKustomization('storage', `./storage/${cluster}`));
        r.put(`storage/${cluster}/kustomization.yaml`, `resources:\n  - ../base\n  - ${cluster}.yaml\n`);
        r.put(`storage/${cluster}/${cluster}.yaml`, pv(`photos-${cluster}`, '192.168.1.10/tank/photos'));
      }
      r.put('storage/base/kustomization.yaml', 'resources:\n  - media.yaml\n');
      r.put('storage/base/media.yaml', pv('media-nfs', '192.168.1.10/tank/media'));
      // Left out of the kustomization.yaml: not applied.
      r.put('storage/base/old-media.yaml', pv('old-media-nfs', '192.168.1.10/tank/media'));
    });
    expect(found).toEqual([]);
  });
});
