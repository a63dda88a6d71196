/**
 * Backup coverage: every live PVC (manifests and app-template persistence values) against k8up,
 * Velero, Longhorn and VolSync, with the reason each system covers it. A volume nothing covers is
 * BACKUP_MISSING; one that three or more systems copy is BACKUP_OVERLAP (costly and confusing at restore).
 *
 * Semantics followed:
 * - k8up: a Schedule backs up every PVC of its namespace unless the PVC says `k8up.io/backup: "false"`
 *   (or the operator runs with BACKUP_SKIP_WITHOUT_ANNOTATION, then only annotated ones).
 *   https://docs.k8up.io/k8up/2.13/how-tos/backup.html
 * - Velero: a schedule that includes the namespace (none listed = all) takes the claim where its label
 *   selector and resources do, and keeps its data where a file-system backup, a CSI snapshot or a
 *   provider's snapshot can take it (velero-reach.ts); where the repository does not tell, the row says
 *   "not known" (`unknown`), neither covered nor missing.
 * - A system whose backups are kept in the claim's own app (a BackupStorageLocation whose s3Url is the
 *   app's Service, backup-targets.ts) does not count for it (`ownTarget`).
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
 *   up on the file server), whatever copies them too, and, where nothing does, volumes named or
 *   labelled as caches (rebuilt, not restored), and volumes
 *   whose name ends in logs or cores (log files and crash dumps: shipped or pruned, not restored), and
 *   a clone of a claim the repository still runs (`dataSource`/`dataSourceRef` of kind
 *   PersistentVolumeClaim): its original is judged. A clone whose original is gone holds the only copy.
 */
import { finding, sortFindings, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { objectState } from '../../model/k8s-object.ts';
import { isLive, perModel, refOf, sameCluster, type Ref } from './common.ts';
import { k8upSkipsUnannotated, veleroAnnotatedClaims, veleroCoversNamespace, veleroSchedules, veleroServer } from './backup-sources.ts';
import { veleroCell } from './backup-velero.ts';
import { notApplicableReason, outsideCluster } from './backup-reasons.ts';
import { inClusterTargets, type BackupTarget } from './backup-targets.ts';
import { cnpgInheritedLabels, type VeleroFacts } from './velero-reach.ts';
import { BACKUP_NAME, effectiveStorageClass, type Pvc } from '../../model/storage.ts';
import { BACKUP_SYSTEMS, type BackupSystem } from './backup-systems.ts';
import { idOf, indexBy, subset } from '../../model/group-by.ts';
import { LONGHORN_BACKUP_TASKS } from './longhorn-jobs.ts';


interface BackupCell {
  /** Why this system copies the volume; empty when it does not. */
  via: { detail: string; ref: Ref }[];
  /**
   * What may copy it, where the repository does not tell whether it does (a Velero schedule that takes
   * the claim, of whose volume the repository shows no snapshot class or storage class): not "covered".
   */
  unsure: { detail: string; ref: Ref }[];
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
  /**
   * Nothing is known to back it up, but something may (a cell's `unsure`): why that is not known. Neither
   * covered nor missing: no BACKUP_MISSING, and no restore step deletes it. Null otherwise.
   */
  unknown: string | null;
  /**
   * A system that copies it keeps its backups in this very app (a Velero BackupStorageLocation whose
   * s3Url is the app's own Service): that copy is not counted, and this says why. Null otherwise.
   */
  ownTarget: string | null;
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
  /** Volumes whose backup the repository cannot tell (a row's `unknown`). */
  unknown: number;
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
  const veleroFacts = new Map<string | null, VeleroFacts>();
  const factsOf = (cluster: string | null) =>
    veleroFacts.get(cluster) ?? veleroFacts.set(cluster, { model, server: veleroServer(model, cluster), inheritedLabels: cnpgInheritedLabels(model, cluster) }).get(cluster)!;
  const targets = Map.groupBy(inClusterTargets(model), (t) => t.appId);
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
    const cell = (): BackupCell => ({ via: [], unsure: [], note: null });
    const systems: Record<BackupSystem, BackupCell> = { k8up: cell(), velero: cell(), longhorn: cell(), volsync: cell(), kopiur: cell() };
    const all = { ...pvc.labels, ...pvc.annotations };

    // k8up
    const k8upFlag = all['k8up.io/backup'];
    const sameNs = k8upSchedules.filter((s) => s.namespace === pvc.namespace && here(s));
    if (k8upFlag !== 'false' && (k8upFlag === 'true' || !skipUnannotated)) {
      for (const s of sameNs) systems.k8up.via.push({ detail: `Schedule ${s.name}${k8upFlag === 'true' ? ' (annotated)' : ' (namespace-wide)'}`, ref: refOf(s.source) });
    }
    if (k8upFlag === 'true' && sameNs.length === 0) systems.k8up.note = `annotated k8up.io/backup: "true" but no k8up Schedule in namespace ${pvc.namespace ?? '(none)'}`;

    // Velero: a schedule that includes the namespace may take the claim's object, and its data by
    // file-system backup, a CSI snapshot or a provider's snapshot (velero-reach.ts): each said, and
    // where the repository does not tell, not known rather than covered.
    const storageClass = effectiveStorageClass(pvc, model);
    // Velero leaves out every resource labelled velero.io/exclude-from-backup=true, and everything in a
    // namespace so labelled: no schedule takes the claim or its volume.
    const excluded = all['velero.io/exclude-from-backup'] === 'true' ? 'the claim' : excludedNamespaces.has(`${pvc.cluster ?? ''}|${pvc.namespace ?? ''}`) ? `namespace ${pvc.namespace}` : null;
    const veleroSched = velero.filter((s) => here(s) && veleroCoversNamespace(s, pvc.namespace));
    systems.velero = veleroCell(factsOf(pvc.cluster ?? null), pvc, veleroSched, excluded, veleroClaims);

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

    // A system that keeps its backups in this very app copies the claim onto itself: not counted.
    const ownTarget = ownTargetOf(pvc, systems, targets.get(pvc.appId ?? '') ?? []);
    const coveredBy = [...new Set(BACKUP_SYSTEMS.filter((s) => systems[s].via.length > 0))];
    // Data that lives outside the cluster (a share, a bucket) is backed up where it lives, whatever
    // copies it too (outside review: a static NFS share was judged only when nothing covered it); the
    // other reasons (a cache, a clone) give way to a backup that copies the claim all the same.
    const notApplicable = outsideCluster(pvc, storageClass, model) ?? (coveredBy.length ? null : notApplicableReason(pvc, model));
    const appLevel = coveredBy.length || notApplicable ? null : appLevelBackup(pvc, model);
    const unsure = BACKUP_SYSTEMS.flatMap((s) => systems[s].unsure.map((u) => u.detail));
    const unknown = coveredBy.length || notApplicable || appLevel || unsure.length === 0 ? null : unsure.join('; ');
    rows.push({
      pvcId: pvc.id, name: pvc.name, namespace: pvc.namespace, appId: pvc.appId, size: pvc.size, storageClass: pvc.storageClass,
      defaultClass: pvc.storageClass === null ? (model.defaultStorageClass?.name ?? null) : null, notApplicable, appLevel, unknown, ownTarget, origin: pvc.origin, ref: refOf(pvc.source), systems, coveredBy,
    });

    // (Of one cluster where there are several: a shared base's claim is one row per cluster, at one line.)
    const label = `${pvc.operator ? operatorLabel(pvc, pvc.operator) : `PersistentVolumeClaim ${pvc.namespace ?? '(no namespace)'}/${pvc.name}${pvc.size ? ` (${pvc.size})` : ''}`}${pvc.cluster ? ` of cluster ${pvc.cluster}` : ''}`;
    const extra = { area: 'backup', objectId: pvc.id, ...(pvc.appId ? { appId: pvc.appId } : {}) };
    if (coveredBy.length === 0 && notApplicable === null && appLevel === null && unknown === null) {
      const notes = [...(ownTarget ? [ownTarget] : []), ...BACKUP_SYSTEMS.map((s) => systems[s].note).filter((n): n is string => n !== null), ...operatorNotes(pvc), ...copiesOntoItself(pvc, model)];
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
    missing: rows.filter((r) => r.coveredBy.length === 0 && r.notApplicable === null && r.appLevel === null && r.unknown === null).length,
    unknown: rows.filter((r) => r.unknown !== null).length,
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
  const dump = databaseDump(pvc, model);
  if (dump) return dump;
  for (const id of [...(pvc.helmRelease ? [pvc.helmRelease] : []), ...pvc.existingClaimOf]) {
    const hr = indexBy(model.helmReleases, idOf).get(id);
    if (hr && isLive(hr, model) && hr.images.some((i) => /(^|\/)litestream$/.test(i.repository))) return `Litestream replication (HelmRelease ${hr.name})`;
  }
  return null;
}

/**
 * A CronJob that dumps the database whose claim this is (workload.ts dumpJobHosts): the claim of a
 * StatefulSet `<set>` (`data-<set>-0`, a Bitnami database chart's; `<template>-<set>-<n>` of any) is its
 * database's, which a dump reaches over the Service of the set's name, in the claim's namespace (a short
 * name, or `<set>.<namespace>[.svc...]` from anywhere in its cluster). A logical backup of the data.
 */
function databaseDump(pvc: Pvc, model: Pick<RepoModel, 'kustomizations' | 'objects'>): string | null {
  const ordinal = /-(\d+)$/.exec(pvc.name)?.[1];
  if (ordinal === undefined) return null;
  const ns = pvc.namespace ?? 'default';
  const holds = (o: RepoModel['objects'][number], host: string) => {
    const [set, hostNs] = host.split('.');
    return set !== undefined && pvc.name.endsWith(`-${set}-${ordinal}`) && (hostNs ?? o.namespace ?? 'default') === ns;
  };
  const job = subset(model.objects, dumpJob).find((o) => (o.cluster ?? null) === (pvc.cluster ?? null) && isLive(o, model) && o.dumpsHosts!.some((h) => holds(o, h)));
  return job ? `a database dump (CronJob ${job.name} dumps ${job.dumpsHosts!.join(', ')}, the database this claim holds; a logical backup, not checked further)` : null;
}
const dumpJob = (o: RepoModel['objects'][number]): boolean => o.dumpsHosts !== undefined;

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

/**
 * Where a system that copies the claim keeps its backups in the claim's own app (backup-targets.ts):
 * the copy is taken out of the system's cell (kept in `unsure` no more either), and the reason is given.
 */
function ownTargetOf(pvc: Pvc, systems: Record<BackupSystem, BackupCell>, targets: readonly BackupTarget[]): string | null {
  const reasons: string[] = [];
  for (const t of targets) {
    if (t.system === 'cloudnative-pg' || !sameCluster(t.cluster, pvc.cluster)) continue;
    const cell = systems[t.system];
    if (cell.via.length === 0 && cell.unsure.length === 0) continue;
    cell.via = [];
    cell.unsure = [];
    const name = t.system === 'velero' ? 'Velero' : t.system;
    reasons.push(`${name} keeps its backups in this app (${t.via} writes to ${t.url}, ${t.host}), so its copy of the claim is kept on the app's own volumes and a restore through ${name} needs the data it would restore (a circular dependency)`);
  }
  return reasons.length ? [...new Set(reasons)].join('; ') : null;
}
