/**
 * Backup coverage: every live PVC (manifests and app-template persistence values) against k8up,
 * Velero, Longhorn and VolSync, with the reason each system covers it. A volume nothing covers is
 * BACKUP_MISSING; one that three or more systems copy is BACKUP_OVERLAP (costly and confusing at restore).
 *
 * Semantics followed:
 * - k8up: a Schedule backs up every PVC of its namespace unless the PVC says `k8up.io/backup: "false"`
 *   (or the operator runs with BACKUP_SKIP_WITHOUT_ANNOTATION, then only annotated ones).
 *   https://docs.k8up.io/k8up/2.13/how-tos/backup.html
 * - Velero: a schedule covers the namespaces it includes (none listed = all); the pod annotation
 *   `backup.velero.io/backup-volumes` names volumes for file-system backup.
 * - Longhorn (storage classes named longhorn): a RecurringJob with task backup/backup-force-create
 *   covers volumes labelled `recurring-job-group.longhorn.io/<group>` or `recurring-job.longhorn.io/<job>`;
 *   jobs in group `default` cover volumes without any job/group label. Snapshots are not backups.
 *   https://longhorn.io/docs/latest/snapshots-and-backups/scheduling-backups-and-snapshots/
 * - VolSync: a ReplicationSource whose sourcePVC names the claim in the same namespace.
 * - A claim without storageClassName takes the default StorageClass (storage-class.ts), so a claim
 *   on a default Longhorn class is Longhorn's.
 * - A claim whose HelmRelease runs Litestream (SQLite replicated to object storage) is backed up by
 *   the app itself (`appLevel`), not missing.
 * - Not applicable (listed, never BACKUP_MISSING): claims on NFS/CIFS/SMB shares (by class, by name,
 *   or through a static PersistentVolume of that name in the same file; the data lives and is backed
 *   up on the file server), volumes named or labelled as caches (rebuilt, not restored), and volumes
 *   whose name ends in logs or cores (log files and crash dumps: shipped or pruned, not restored), and
 *   a clone of a claim the repository still runs (`dataSource`/`dataSourceRef` of kind
 *   PersistentVolumeClaim): its original is judged. A clone whose original is gone holds the only copy.
 */
import { finding, sortFindings, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { objectState } from '../../model/k8s-object.ts';
import { isLive, perModel, refOf, sameCluster, type Ref } from './common.ts';
import { k8upSkipsUnannotated, veleroAnnotatedClaims, veleroCoversNamespace, veleroSchedules, veleroServer } from './backup-sources.ts';
import { BACKUP_NAME, effectiveStorageClass, type BackupObject, type Pvc } from '../../model/storage.ts';
import { BACKUP_SYSTEMS, type BackupSystem } from './backup-systems.ts';
import { fileOf, groupBy, idOf, indexBy, subset } from '../../model/group-by.ts';
import { LONGHORN_BACKUP_TASKS } from './longhorn-jobs.ts';


interface BackupCell {
  /** Why this system copies the volume; empty when it does not. */
  via: { detail: string; ref: Ref }[];
  /** A hint when the volume is marked for a system that will not back it up (e.g. annotated, no Schedule). */
  note: string | null;
}

export interface BackupRow {
  pvcId: string;
  name: string;
  namespace: string | null;
  appId: string | null;
  size: string | null;
  storageClass: string | null;
  /** The default StorageClass the claim takes when it names none; null when it names one. */
  defaultClass: string | null;
  /** Why a backup does not apply (NFS share, cache); null when it does. */
  notApplicable: string | null;
  /** The app backs the volume up itself (a Litestream sidecar replicating its SQLite database); null otherwise. */
  appLevel: string | null;
  origin: Pvc['origin'];
  ref: Ref;
  systems: Record<BackupSystem, BackupCell>;
  /** Systems that cover it. */
  coveredBy: BackupSystem[];
}

export interface BackupMatrix {
  rows: BackupRow[];
  /** PVCs not deployed (switched off or unreachable), listed but not judged. */
  inactive: { pvcId: string; ref: Ref; state: 'disabled' | 'unreferenced' }[];
  covered: number;
  /** Volumes a backup does not apply to (shares, caches). */
  notApplicable: number;
  missing: number;
  overlapping: number;
}

/** Once per model: the health report, the app pages and the runbooks or roadmap checks ask for it. */
export const backupMatrix = perModel(computeBackupMatrix);

function computeBackupMatrix(model: RepoModel): { result: BackupMatrix; findings: Finding[] } {
  const findings: Finding[] = [];
  const live = <T extends { disabled: Pvc['disabled']; owner: string | null }>(o: T) => isLive(o, model);
  const k8upSchedules = model.backupObjects.filter((b) => b.system === 'k8up' && b.kind === 'Schedule' && live(b));
  const skipUnannotated = k8upSkipsUnannotated(model);
  const velero = veleroSchedules(model);
  const veleroAgents = new Map<string | null, ReturnType<typeof veleroServer>>();
  const veleroClaims = new Map(model.helmReleases.filter(live).map((hr) => [hr.id, veleroAnnotatedClaims(hr)]));
  const excludedNamespaces = new Set(model.objects.filter((o) => o.kind === 'Namespace' && o.group === '' && o.labels['velero.io/exclude-from-backup'] === 'true' && live(o)).map((o) => `${o.cluster ?? ''}|${o.name}`));
  const longhornJobs = model.backupObjects.filter((b) => b.system === 'longhorn' && live(b) && LONGHORN_BACKUP_TASKS.has(b.task ?? ''));
  const volsync = model.backupObjects.filter((b) => b.system === 'volsync' && b.kind === 'ReplicationSource' && live(b));
  const kopiur = model.backupObjects.filter((b) => b.system === 'kopiur' && b.kind === 'SnapshotPolicy' && live(b));

  const rows: BackupRow[] = [];
  const uncovered: { pvc: (typeof model.pvcs)[number]; label: string; notes: string[]; extra: { area: string; objectId: string; appId?: string } }[] = [];
  const inactive: BackupMatrix['inactive'] = [];
  for (const pvc of model.pvcs) {
    if (!live(pvc)) {
      // As objectState says it: a claim left out of its folder's kustomization.yaml is unreferenced.
      inactive.push({ pvcId: pvc.id, ref: refOf(pvc.source), state: objectState(pvc) === 'disabled' ? 'disabled' : 'unreferenced' });
      continue;
    }
    // A backup object of one cluster backs up nothing of another (code review of a probe: staging's claims
    // were "covered" by production's RecurringJob, and each cluster's copy made a row of its own).
    const here = <T extends { cluster?: string | null }>(b: T) => sameCluster(b.cluster, pvc.cluster);
    const cell = (): BackupCell => ({ via: [], note: null });
    const systems: Record<BackupSystem, BackupCell> = { k8up: cell(), velero: cell(), longhorn: cell(), volsync: cell(), kopiur: cell() };
    const all = { ...pvc.labels, ...pvc.annotations };

    // k8up
    const k8upFlag = all['k8up.io/backup'];
    const sameNs = k8upSchedules.filter((s) => s.namespace === pvc.namespace && here(s));
    if (k8upFlag !== 'false' && (k8upFlag === 'true' || !skipUnannotated)) {
      for (const s of sameNs) systems.k8up.via.push({ detail: `Schedule ${s.name}${k8upFlag === 'true' ? ' (annotated)' : ' (namespace-wide)'}`, ref: refOf(s.source) });
    }
    if (k8upFlag === 'true' && sameNs.length === 0) systems.k8up.note = `annotated k8up.io/backup: "true" but no k8up Schedule in namespace ${pvc.namespace ?? '(none)'}`;

    // Velero: a schedule that includes the namespace backs up the claim's object. Its data goes by
    // file-system backup (a pod opts the volume in, or the schedule does every volume; the node agent
    // runs it) or by a volume snapshot (unless the schedule says snapshotVolumes: false), which needs a
    // snapshot location or a CSI snapshot class for the volume's storage: said, not assumed away.
    const storageClass = effectiveStorageClass(pvc, model);
    const optIn: BackupCell['via'] = [];
    if (all['backup.velero.io/backup-volumes'] !== undefined) optIn.push({ detail: 'backup.velero.io/backup-volumes', ref: refOf(pvc.source) });
    for (const hrId of [...pvc.existingClaimOf, ...(pvc.helmRelease ? [pvc.helmRelease] : [])]) {
      const hr = indexBy(model.helmReleases, idOf).get(hrId);
      if (hr && veleroClaims.get(hrId)?.has(pvc.name)) optIn.push({ detail: `pod annotation in HelmRelease ${hr.name}`, ref: refOf(hr.source) });
    }
    // Velero leaves out every resource labelled velero.io/exclude-from-backup=true, and everything in a
    // namespace so labelled: no schedule takes the claim or its volume.
    const excluded = all['velero.io/exclude-from-backup'] === 'true' ? 'the claim' : excludedNamespaces.has(`${pvc.cluster ?? ''}|${pvc.namespace ?? ''}`) ? `namespace ${pvc.namespace}` : null;
    const veleroHere = velero.filter(here);
    const veleroSched = excluded ? [] : veleroHere.filter((s) => veleroCoversNamespace(s, pvc.namespace));
    if (excluded && veleroHere.some((s) => veleroCoversNamespace(s, pvc.namespace))) systems.velero.note = `${excluded} is labelled velero.io/exclude-from-backup: "true", so Velero's schedules leave it out`;
    const clusterKey = pvc.cluster ?? null;
    const veleroAgent = veleroAgents.get(clusterKey) ?? veleroAgents.set(clusterKey, veleroServer(model, clusterKey)).get(clusterKey)!;
    const noAgent = veleroAgent.nodeAgent === false ? ' (file-system backup asked for, but the velero chart runs no node agent: deployNodeAgent)' : '';
    let fsUsed = false;
    for (const s of veleroSched) {
      const scope = `schedule ${s.name}${s.includedNamespaces.length && !s.includedNamespaces.includes('*') ? '' : ' (all namespaces)'}`;
      const fs = optIn.length > 0 || s.fsBackupAll;
      if (fs && veleroAgent.nodeAgent !== false) {
        fsUsed = true;
        systems.velero.via.push({ detail: `${scope}: file-system backup${optIn.length ? '' : ' of every volume (defaultVolumesToFsBackup)'}`, ref: refOf(s.source) });
      } else if (s.snapshotVolumes !== false) {
        systems.velero.via.push({ detail: `${scope}: volume snapshot, where a snapshot location or CSI snapshot class serves ${storageClass ? `class ${storageClass}` : 'its storage'}${fs ? noAgent : ''}`, ref: refOf(s.source) });
      }
    }
    if (fsUsed) systems.velero.via.push(...optIn);
    if (veleroSched.length && systems.velero.via.length === 0) {
      const names = veleroSched.map((s) => s.name).join(', ');
      const fs = optIn.length > 0 || veleroSched.some((s) => s.fsBackupAll);
      systems.velero.note = `Velero schedule${veleroSched.length > 1 ? 's' : ''} ${names} back${veleroSched.length > 1 ? '' : 's'} up the claim's object but not its data: snapshotVolumes is false, and ${fs ? 'the velero chart runs no node agent (deployNodeAgent) for the file-system backup asked for' : 'no pod opts the volume into file-system backup (backup.velero.io/backup-volumes)'}`;
    } else if (!veleroSched.length && optIn.length && !excluded) systems.velero.note = 'annotated for Velero but no Velero schedule includes its namespace';

    // Longhorn
    // (Or a class of any name whose volumes Longhorn's CSI driver makes: a static PersistentVolume of
    // `driver.longhorn.io`, a StorageClass of that provisioner; outside review: a false BACKUP_MISSING.)
    if (/longhorn/i.test(storageClass ?? '') || pvc.csiDriver === 'driver.longhorn.io') {
      const groups = Object.entries(pvc.labels).filter(([k, v]) => k.startsWith('recurring-job-group.longhorn.io/') && v === 'enabled').map(([k]) => k.split('/')[1]!);
      const jobs = Object.entries(pvc.labels).filter(([k, v]) => k.startsWith('recurring-job.longhorn.io/') && k !== 'recurring-job.longhorn.io/source' && v === 'enabled').map(([k]) => k.split('/')[1]!);
      const effectiveGroups = groups.length === 0 && jobs.length === 0 ? ['default'] : groups;
      for (const j of longhornJobs.filter(here)) {
        const g = j.groups.find((x) => effectiveGroups.includes(x));
        if (g || jobs.includes(j.name)) systems.longhorn.via.push({ detail: `RecurringJob ${j.name} (${g ? `group ${g}` : 'job label'})`, ref: refOf(j.source) });
      }
      if (systems.longhorn.via.length === 0 && (groups.length || jobs.length)) systems.longhorn.note = `labelled for Longhorn ${[...groups.map((g) => `group ${g}`), ...jobs.map((j) => `job ${j}`)].join(', ')} but no backup RecurringJob serves it`;
      else if (systems.longhorn.via.length === 0) systems.longhorn.note = `on Longhorn (${pvc.storageClass === null ? `default class ${storageClass}` : `class ${storageClass}`}${pvc.csiDriver === 'driver.longhorn.io' && !/longhorn/i.test(storageClass ?? '') ? ', driver.longhorn.io' : ''}) without a job label, but no backup RecurringJob is in group default`;
    }

    // VolSync
    for (const r of volsync) if (namesClaim(r.sourcePvc, pvc) && r.namespace === pvc.namespace && here(r)) systems.volsync.via.push({ detail: `ReplicationSource ${r.name}`, ref: refOf(r.source) });

    // kopiur: a SnapshotPolicy whose sources name the PVC, in its namespace.
    for (const k of kopiur) if (namesClaim(k.sourcePvc, pvc) && k.namespace === pvc.namespace && here(k)) systems.kopiur.via.push({ detail: `SnapshotPolicy ${k.name}`, ref: refOf(k.source) });

    const coveredBy = [...new Set(BACKUP_SYSTEMS.filter((s) => systems[s].via.length > 0))];
    const notApplicable = coveredBy.length ? null : notApplicableReason(pvc, storageClass, model);
    const appLevel = coveredBy.length || notApplicable ? null : appLevelBackup(pvc, model);
    rows.push({
      pvcId: pvc.id, name: pvc.name, namespace: pvc.namespace, appId: pvc.appId, size: pvc.size, storageClass: pvc.storageClass,
      defaultClass: pvc.storageClass === null ? (model.defaultStorageClass?.name ?? null) : null, notApplicable, appLevel, origin: pvc.origin, ref: refOf(pvc.source), systems, coveredBy,
    });

    // (Of one cluster where there are several: a shared base's claim is one row per cluster, at one line.)
    const label = `${pvc.operator ? operatorLabel(pvc, pvc.operator) : `PersistentVolumeClaim ${pvc.namespace ?? '(no namespace)'}/${pvc.name}${pvc.size ? ` (${pvc.size})` : ''}`}${pvc.cluster ? ` of cluster ${pvc.cluster}` : ''}`;
    const extra = { area: 'backup', objectId: pvc.id, ...(pvc.appId ? { appId: pvc.appId } : {}) };
    if (coveredBy.length === 0 && notApplicable === null && appLevel === null) {
      const notes = [...BACKUP_SYSTEMS.map((s) => systems[s].note).filter((n): n is string => n !== null), ...operatorNotes(pvc), ...copiesOntoItself(pvc, model)];
      uncovered.push({ pvc, label, notes, extra });
    } else if (coveredBy.length >= 3) {
      findings.push(finding('BACKUP_OVERLAP', 'info', `${label} is backed up by ${coveredBy.length} systems (${coveredBy.join(', ')}); one or two are usually enough.`, pvc.source, extra));
    }
  }
  // An app that backs up some of its claims and not another chose so, most likely (jellyfin backs
  // up /config and keeps re-fetchable metadata apart): said as a fact, not as a missing backup.
  const backedUp = new Map<string, string[]>();
  for (const r of rows) if (r.appId && r.coveredBy.length > 0) (backedUp.get(r.appId) ?? backedUp.set(r.appId, []).get(r.appId)!).push(`${r.name} (${r.coveredBy.join(', ')})`);
  // A StatefulSet template makes one claim a replica (data-db-0, data-db-1 ...): one finding for the
  // template's claims, and where another replica's claim is backed up, a choice (a replicated database
  // keeps copies on each) more than a gap.
  const templateOf = (p: Pvc) => (p.statefulSet ? `${p.cluster ?? ''}|${p.namespace ?? ''}|${p.statefulSet}|${p.source.file}:${p.source.line}` : null);
  const uncoveredReplicas = Map.groupBy(uncovered.filter((u) => u.pvc.statefulSet), (u) => templateOf(u.pvc)!);
  const coveredReplicas = new Map<string, string[]>();
  const claimsById = new Map(model.pvcs.map((p) => [p.id, p]));
  for (const r of rows) {
    const p = claimsById.get(r.pvcId);
    const key = p && templateOf(p);
    if (key && r.coveredBy.length > 0) (coveredReplicas.get(key) ?? coveredReplicas.set(key, []).get(key)!).push(`${r.name} (${r.coveredBy.join(', ')})`);
  }
  for (const u of uncovered) {
    const key = templateOf(u.pvc);
    if (key) {
      const group = uncoveredReplicas.get(key)!;
      if (group[0] !== u) continue;
      const names = group.map((g) => g.pvc.name);
      const claims = names.length === 1 ? `PersistentVolumeClaim ${u.pvc.namespace ?? '(no namespace)'}/${names[0]}` : `The claims ${names.join(', ')}`;
      const label = `${claims} of StatefulSet ${u.pvc.statefulSet}${u.pvc.size ? ` (${u.pvc.size}${names.length > 1 ? ' each' : ''})` : ''}`;
      const others = coveredReplicas.get(key);
      // (The replicas share one template, so its labels and annotations, and a note about them, are the same for each.)
      if (others?.length) {
        findings.push(finding('BACKUP_PARTIAL', 'info', `${label} ${names.length > 1 ? 'are' : 'is'} not backed up, while another replica's claim of the same template is: ${others.join(', ')}. Fine where the replicas hold copies of one another (a replicated database); otherwise back up every replica's claim.`, u.pvc.source, u.extra));
      } else {
        findings.push(finding('BACKUP_MISSING', 'warning', `${label} ${names.length > 1 ? 'are' : 'is'} not backed up by k8up, Velero, Longhorn, VolSync or kopiur${u.notes.length ? `: ${u.notes.join('; ')}` : ''}.`, u.pvc.source, u.extra));
      }
      continue;
    }
    // A note (labelled for a group no job serves, annotated without a Schedule) shows intent, and a
    // claim named for the app's state (config, data, a database) is what a restore needs: missing.
    const state = /(^|[-_.])(config|conf|data|db|database|postgres|pg|mysql|mariadb|redis|state|storage|library|documents|media|home|vault)([-_.]|$)/i.test(u.pvc.name);
    // (A database an operator runs is state whatever its name: backed up by the operator, not re-created.)
    const siblings = u.pvc.appId && u.notes.length === 0 && !state && !u.pvc.operator ? backedUp.get(u.pvc.appId) : undefined;
    if (siblings?.length) {
      findings.push(
        finding('BACKUP_PARTIAL', 'info', `${u.label} is not backed up, while the app's other claim${siblings.length === 1 ? ' is' : 's are'}: ${siblings.join(', ')}. Fine if its data can be re-created (metadata, a clone, downloads); otherwise back it up the same way.`, u.pvc.source, u.extra),
      );
    } else {
      // An operator's database is backed up by the operator (a file copy of a running database is not a backup).
      // Where a ScheduledBackup names a method the Cluster does not configure while it configures
      // another, the fix is to match them, not to configure backups (an outside review).
      const op = u.pvc.operator;
      const mismatch = op?.notes?.some((n) => n.includes('has nothing to write with')) === true && (op?.configured?.length ?? 0) > 0;
      const methodOf = (c: string) => (c.startsWith('plugin:') ? `method: plugin with the ${c.slice(7)} plugin` : `method: ${c}`);
      const operatorWay = !op ? '' : mismatch ? `; the Cluster configures ${op.configured!.map(methodOf).join(' or ')}: set the ScheduledBackup so, or configure the method it names` : '; configure the operator\'s backups (barmanObjectStore or the barman-cloud plugin, with a ScheduledBackup)';
      findings.push(finding('BACKUP_MISSING', 'warning', `${u.label} ${(u.pvc.operator?.instances ?? 1) > 1 ? 'are' : 'is'} not backed up by ${u.pvc.operator ? 'CloudNativePG, ' : ''}k8up, Velero, Longhorn, VolSync or kopiur${u.notes.length ? `: ${u.notes.join('; ')}` : ''}${operatorWay}.`, u.pvc.source, u.extra));
    }
  }
  rows.sort((a, b) => a.pvcId.localeCompare(b.pvcId) || a.ref.file.localeCompare(b.ref.file));
  const result: BackupMatrix = {
    rows,
    inactive: inactive.sort((a, b) => a.pvcId.localeCompare(b.pvcId)),
    covered: rows.filter((r) => r.coveredBy.length > 0 || r.appLevel !== null).length,
    notApplicable: rows.filter((r) => r.notApplicable !== null).length,
    missing: rows.filter((r) => r.coveredBy.length === 0 && r.notApplicable === null && r.appLevel === null).length,
    overlapping: rows.filter((r) => r.coveredBy.length >= 3).length,
  };
  return { result, findings: sortFindings(findings) };
}

/** `The data volumes (3 instances, 10Gi each) of CloudNativePG Cluster pg in database`. */
function operatorLabel(pvc: Pvc, op: NonNullable<Pvc['operator']>): string {
  const many = op.instances !== null && op.instances > 1;
  const what = `${op.volume === 'wal' ? 'WAL' : 'data'} volume${many ? 's' : ''}`;
  const detail = [...(many ? [`${op.instances} instances`] : []), ...(pvc.size ? [many ? `${pvc.size} each` : pvc.size] : [])];
  return `The ${what}${detail.length ? ` (${detail.join(', ')})` : ''} of ${op.kind} in ${pvc.namespace ?? '(no namespace)'}`;
}

const SHARE = /(^|[-_.])(nfs|cifs|smb|samba)([-_.]|$)/i;
/** The disk of a share's server or provisioner: `nfs-server-claim`, `nfs-provisioner-data`, `samba-server`. */
const SHARE_SERVER = /(nfs|cifs|smb|samba)[-_.]?(server|provisioner|ganesha|exporter)/i;
const CACHE = /(^|[-_.])(cache|caches|cached|tmp|temp|scratch|transcodes?)([-_.]|$)/i;
/** Logs and crash dumps: shipped or pruned, never restored (`cmangos-mangosd-logs`, `azerothcore-cores`). */
const THROWAWAY = /(^|[-_.])(logs?|cores|coredumps?|core-dumps?|crash-?dumps?)$/i;

const jobsOf = new WeakMap<object, RepoModel['objects']>();
/** The objects that read like backup jobs (few), once per model. */
function backupJobs(model: Pick<RepoModel, 'objects'>): RepoModel['objects'] {
  let jobs = jobsOf.get(model.objects);
  if (!jobs) jobsOf.set(model.objects, (jobs = model.objects.filter((o) => o.backsUpClaims !== undefined)));
  return jobs;
}

/**
 * A claim of a HelmRelease that runs a Litestream sidecar is replicated by the app itself; a claim
 * an operator makes is backed up by that operator where its resource says so.
 */
function appLevelBackup(pvc: Pvc, model: Pick<RepoModel, 'helmReleases' | 'kustomizations' | 'objects'>): string | null {
  // The operator's own backup of the claims it makes (CloudNativePG: object store, snapshots, schedules).
  if (pvc.operator?.backup) return pvc.operator.backup;
  // A CronJob of the repository that copies the claim somewhere (a tar or pg_dump to an NFS share): the
  // app's own backup, which the site cannot check beyond what the job mounts and runs.
  const job = backupJobs(model).find((o) => o.backsUpClaims!.some((c) => namesClaim(c, pvc)) && o.namespace === pvc.namespace && (o.cluster ?? null) === (pvc.cluster ?? null) && isLive(o, model));
  if (job) return `the app's own backup job (CronJob ${job.name} mounts the claim and runs a backup; not checked further)`;
  for (const id of [...(pvc.helmRelease ? [pvc.helmRelease] : []), ...pvc.existingClaimOf]) {
    const hr = indexBy(model.helmReleases, idOf).get(id);
    if (hr && isLive(hr, model) && hr.images.some((i) => /(^|\/)litestream$/.test(i.repository))) return `Litestream replication (HelmRelease ${hr.name})`;
  }
  return null;
}

/**
 * A backup job that writes its copy onto the claim it reads (workload.ts keepsCopyOnSource): said, so
 * that the owner sees why it does not count. A loss of the volume takes the copy with it.
 */
function copiesOntoItself(pvc: Pvc, model: RepoModel): string[] {
  return subset(model.objects, selfCopyJob)
    .filter((o) => o.mountsClaims?.includes(pvc.name) && o.namespace === pvc.namespace && (o.cluster ?? null) === (pvc.cluster ?? null) && isLive(o, model))
    .map((o) => `CronJob ${o.name} copies it onto the claim itself, which a loss of the volume takes with it`);
}

/** CronJobs named for a backup that back up no claim (workload.ts keepsCopyOnSource): asked per claim, gathered once per model (subset). */
const selfCopyJob = (o: RepoModel['objects'][number]): boolean => o.kind === 'CronJob' && o.backsUpClaims === undefined && o.mountsClaims !== undefined && BACKUP_NAME.test(o.name);

/**
 * What an operator's resource configures that takes no backup: a ScheduledBackup whose method it does
 * not configure, or a backup configuration no schedule uses (CloudNativePG's barmanObjectStore alone
 * archives the WAL; a restore starts from a base backup, which a Backup or ScheduledBackup takes).
 */
function operatorNotes(pvc: Pvc): string[] {
  const op = pvc.operator;
  if (!op || op.backup) return [];
  const notes = [...(op.notes ?? [])];
  if (notes.length === 0 && op.configured?.length) {
    const what = op.configured.map((c) => (c === 'barmanObjectStore' ? 'barmanObjectStore (it archives the WAL)' : c.startsWith('plugin:') ? `the ${c.slice(7)} plugin` : c)).join(', ');
    notes.push(`${op.kind} configures ${what}, but no ScheduledBackup takes a base backup, which a restore starts from`);
  }
  return notes;
}

/** Backup objects that keep their repository on claims of their namespace, by that namespace. */
const withRepositoryClaims = (b: BackupObject) => (b.repositoryClaims?.length ? (b.namespace ?? '') : null);

/** Why backing this claim up does not apply, or null. */
function notApplicableReason(pvc: Pvc, storageClass: string | null, model: RepoModel): string | null {
  // The claim a VolSync mover of its cluster writes its restic repository to: where the backups go.
  const mover = groupBy(model.backupObjects, withRepositoryClaims).get(pvc.namespace ?? '')?.find((b) => b.repositoryClaims!.includes(pvc.name) && !b.disabled && sameCluster(b.cluster, pvc.cluster));
  if (mover) return `backup repository (${mover.kind} ${mover.name} keeps its backups there)`;
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

/**
 * Whether a backup's source claim (VolSync's sourcePVC) is this claim. An operator's claims are not
 * named after its resource: CloudNativePG names a Cluster's `<cluster>-<n>` (and `-wal`), so a
 * ReplicationSource of `paperless` backs up the app's own claim `paperless`, not the database of the
 * Cluster `paperless` (outside review: the database was shown backed up, and no BACKUP_MISSING said otherwise).
 */
export function namesClaim(source: string | null | undefined, pvc: Pvc): boolean {
  if (source == null) return false;
  if (pvc.origin !== 'operator' || !pvc.operator) return source === pvc.name;
  const base = pvc.operator.resource;
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[1-9]\\d*${pvc.operator.volume === 'wal' ? '-wal' : ''}$`).test(source);
}
