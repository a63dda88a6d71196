/**
 * Why backing a claim up does not apply: its data lives outside the cluster (a share, a bucket: backed
 * up where it lives), or it is where backups go, a cache, logs, a clone of a claim still run. Read by
 * the backup matrix (backup.ts). Pure.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { BackupObject, Pvc } from '../../model/storage.ts';
import { fileOf, groupBy } from '../../model/group-by.ts';
import { isLive, sameCluster } from './common.ts';

const SHARE = /(^|[-_.])(nfs|cifs|smb|samba)([-_.]|$)/i;
/** The disk of a share's server or provisioner: `nfs-server-claim`, `nfs-provisioner-data`, `samba-server`. */
const SHARE_SERVER = /(nfs|cifs|smb|samba)[-_.]?(server|provisioner|ganesha|exporter)/i;
const CACHE = /(^|[-_.])(cache|caches|cached|tmp|temp|scratch|transcodes?)([-_.]|$)/i;
/** Logs and crash dumps: shipped or pruned, never restored (`cmangos-mangosd-logs`, `azerothcore-cores`). */
const THROWAWAY = /(^|[-_.])(logs?|cores|coredumps?|core-dumps?|crash-?dumps?)$/i;

/** Backup objects that keep their repository on claims of their namespace, by that namespace. */
const withRepositoryClaims = (b: BackupObject) => (b.repositoryClaims?.length ? (b.namespace ?? '') : null);

/** Where the claim's data lives outside the cluster (a share, a bucket), or null: backed up where it lives. */
export function outsideCluster(pvc: Pvc, storageClass: string | null, model: RepoModel): string | null {
  if (pvc.backend) return `${pvc.backend.what} (${pvc.backend.via})`;
  if (SHARE.test(storageClass ?? '')) return `network share (storage class ${storageClass})`;
  // (By its name only where the repository does not show how it is made: a claim whose class or volume
  // a CSI driver of block storage makes is that driver's volume, whatever it is called (a share's driver
  // made `backend` above); and the disk of a share's server (`nfs-server-claim`, a provisioner's) holds
  // the share's data (outside review: an NFS server's 100Gi block volume was "not needed"). A class the
  // repository does not define (`nas`, `synology-csi`) says nothing: code review.)
  if (SHARE.test(pvc.name) && !SHARE_SERVER.test(pvc.name) && pvc.csiDriver === undefined) return 'network share (NFS/CIFS, by its name)';
  // A share's PersistentVolume written beside the claim, where the claim can bind it: one that names no
  // storage class of its own (a named class provisions its own volume, or binds that class's
  // volumes, read above), and a volume no other claim names (a volume binds one claim: the
  // `-nfs` volume of `nzbget-downloads` is not the backend of `nzbget-config` beside it).
  const bound = pvc.storageClass ? undefined : groupBy(model.pvcs.filter((p) => p.volumeName !== undefined && p.id !== pvc.id), (p) => p.volumeName!);
  const staticPv = bound && groupBy(model.objects, fileOf).get(pvc.source.file)?.find((o) => o.kind === 'PersistentVolume' && SHARE.test(o.name) && !bound.has(o.name));
  if (staticPv) return `network share (PersistentVolume ${staticPv.name})`;
  return null;
}

/** Why backing this claim up does not apply though its data is in the cluster (where the backups go, a cache, a clone), or null. */
export function notApplicableReason(pvc: Pvc, model: RepoModel): string | null {
  // The claim a VolSync mover of its cluster writes its restic repository to: where the backups go.
  const mover = groupBy(model.backupObjects, withRepositoryClaims).get(pvc.namespace ?? '')?.find((b) => b.repositoryClaims!.includes(pvc.name) && !b.disabled && sameCluster(b.cluster, pvc.cluster));
  if (mover) return `backup repository (${mover.kind} ${mover.name} keeps its backups there)`;
  if (CACHE.test(pvc.name)) return 'cache (by its name)';
  if (THROWAWAY.test(pvc.name)) return 'logs or crash dumps (by its name)';
  const label = Object.entries({ ...pvc.labels }).find(([k, v]) => CACHE.test(v) && /component|role|purpose|type/i.test(k));
  if (label) return `cache (label ${label[0]}: ${label[1]})`;
  // A clone of a claim the repository still runs is a copy of that claim's data, which is judged on
  // its own. A clone whose source is gone (the usual end of a move to a new claim) holds the only copy.
  const source = pvc.clonedFrom ? model.pvcs.find((p) => p.name === pvc.clonedFrom && p.namespace === pvc.namespace && (p.cluster ?? null) === (pvc.cluster ?? null) && p.id !== pvc.id && isLive(p, model)) : undefined;
  if (source) return `clone of claim ${source.name} (filled from it when created; that claim is the data's original)`;
  return null;
}

