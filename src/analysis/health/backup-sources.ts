/**
 * Where backup coverage comes from, besides the model's backup objects: Velero schedules configured
 * in the velero chart's values, Velero pod annotations in Helm values, and the k8up operator's
 * "skip PVCs without the annotation" switch. Pure.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { veleroScope, type VeleroScope } from '../../model/storage.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import { arr, isLive, isObj, obj, sameCluster, str } from './common.ts';
import { bool } from '../../model/values.ts';

/** A Velero schedule: a `velero.io` Schedule object or an entry of the velero chart's `schedules:`. */
export interface VeleroSchedule {
  name: string;
  /** Empty or `*` means every namespace (Velero's default). */
  includedNamespaces: string[];
  excludedNamespaces: string[];
  /** `snapshotVolumes: false` in the template: the claims' objects are backed up, their data is not (unless by file-system backup). */
  snapshotVolumes: boolean | null;
  /** Every pod volume goes to file-system backup: the template's `defaultVolumesToFsBackup`, else the chart's server default. */
  fsBackupAll: boolean;
  source: Source;
  from: 'values' | 'object';
  /** The cluster whose build deploys it, where the repository has several (null: one, or unknown). */
  cluster: string | null;
  /** Everything its template says of what it takes (label selectors, resources, snapshot locations). */
  scope: VeleroScope;
}

/**
 * What the velero chart configures for the server: file-system backup of every volume by default
 * (`configuration.defaultVolumesToFsBackup`), and whether it runs the node agent that file-system
 * backups need (`deployNodeAgent`, `deployRestic` before chart 3.0; the chart's default is off).
 * `nodeAgent` is null where no live velero chart is in the repository (installed some other way).
 */
export interface VeleroServer {
  fsBackupDefault: boolean;
  nodeAgent: boolean | null;
  /**
   * The server takes CSI snapshots: `EnableCSI` among the chart's `configuration.features` (Velero skips
   * its CSI actions without it, 1.14's built-in CSI support included). Null where no live velero chart
   * is in the repository, or a valuesFrom of it is not, like `nodeAgent`.
   */
  csi: boolean | null;
  /** Where provider snapshots go: the chart's `configuration.volumeSnapshotLocation` (unless `snapshotsEnabled: false`) and VolumeSnapshotLocation objects. */
  snapshotLocations: { name: string; provider: string; source: Source }[];
  /** Where backups go: the chart's `configuration.backupStorageLocation` (unless `backupsEnabled: false`) and BackupStorageLocation objects, with their s3Url. */
  storageLocations: { name: string; url: string | null; namespace: string | null; source: Source }[];
}

const isChart = (hr: HelmRelease, name: string) => hr.chart.name === name || (hr.chart.via !== 'chart' && hr.name === name);

/** Of one cluster where `cluster` is given (a velero chart of another cluster configures nothing here). */
export function veleroServer(model: RepoModel, cluster: string | null = null): VeleroServer {
  const charts = model.helmReleases.filter((hr) => isLive(hr, model) && isChart(hr, 'velero') && sameCluster(hr.cluster, cluster));
  const objects = model.objects.filter((o) => o.group === 'velero.io' && isLive(o, model) && sameCluster(o.cluster, cluster));
  const snapshotObjects = objects.flatMap((o) => (o.kind === 'VolumeSnapshotLocation' && o.snapshotProvider ? [{ name: o.name, provider: o.snapshotProvider, source: o.source }] : []));
  const storageObjects = objects.flatMap((o) => (o.kind === 'BackupStorageLocation' ? [{ name: o.name, url: o.backupTarget ?? null, namespace: o.namespace, source: o.source }] : []));
  if (charts.length === 0) return { fsBackupDefault: false, nodeAgent: null, csi: null, snapshotLocations: snapshotObjects, storageLocations: storageObjects };
  const values = charts.map((hr) => obj(hr.values));
  // (A valuesFrom the repository does not hold may switch either on: then a "no" is not known.)
  const partly = charts.some((hr) => hr.valuesFrom.some((v) => !v.found));
  const said = (yes: boolean) => (yes ? true : partly ? null : false);
  // The chart takes one location or (chart 2.x) a single mapping.
  const entries = (v: unknown) => (Array.isArray(v) ? v : isObj(v) ? [v] : []).map(obj);
  return {
    fsBackupDefault: values.some((v) => (bool(obj(v.configuration).defaultVolumesToFsBackup) ?? bool(obj(v.configuration).defaultVolumesToRestic)) === true),
    nodeAgent: said(values.some((v) => bool(v.deployNodeAgent) === true || bool(v.deployRestic) === true)),
    csi: said(values.some((v) => (str(obj(v.configuration).features) ?? '').split(',').some((f) => f.trim() === 'EnableCSI'))),
    snapshotLocations: [
      ...charts.flatMap((hr) => (bool(obj(hr.values).snapshotsEnabled) === false ? [] : entries(obj(obj(hr.values).configuration).volumeSnapshotLocation).flatMap((l) => (str(l.provider) ? [{ name: str(l.name) ?? 'default', provider: str(l.provider)!, source: hr.source }] : [])))),
      ...snapshotObjects,
    ],
    storageLocations: [
      ...charts.flatMap((hr) => (bool(obj(hr.values).backupsEnabled) === false ? [] : entries(obj(obj(hr.values).configuration).backupStorageLocation).map((l) => ({ name: str(l.name) ?? 'default', url: str(obj(l.config).s3Url), namespace: hr.targetNamespace ?? hr.namespace, source: hr.source })))),
      ...storageObjects,
    ],
  };
}

/** Schedules from the velero chart (`schedules.<name>.template`) and Schedule objects, each with what it includes. */
export function veleroSchedules(model: RepoModel): VeleroSchedule[] {
  const servers = new Map<string | null, VeleroServer>();
  const serverOf = (cluster: string | null) => servers.get(cluster) ?? servers.set(cluster, veleroServer(model, cluster)).get(cluster)!;
  const out: VeleroSchedule[] = [];
  const add = (name: string, scope: VeleroScope, source: Source, from: VeleroSchedule['from'], cluster: string | null) =>
    out.push({
      name,
      includedNamespaces: scope.includedNamespaces,
      excludedNamespaces: scope.excludedNamespaces,
      snapshotVolumes: scope.snapshotVolumes,
      fsBackupAll: scope.defaultVolumesToFsBackup ?? serverOf(cluster).fsBackupDefault,
      source,
      from,
      cluster,
      scope,
    });
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model) || !isChart(hr, 'velero')) continue;
    for (const [name, raw] of Object.entries(obj(obj(hr.values).schedules))) {
      const s = obj(raw);
      if (!isObj(raw) || s.disabled === true) continue;
      add(name, veleroScope(obj(s.template)), hr.source, 'values', hr.cluster ?? null);
    }
  }
  for (const b of model.backupObjects) {
    if (b.system === 'velero' && b.kind === 'Schedule' && isLive(b, model)) add(b.name, b.velero ?? veleroScope({}), b.source, 'object', b.cluster ?? null);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a schedule reaches a namespace: Velero 1.18 takes glob patterns (`*`, `?`, `[abc]`) in both lists. */
export function veleroCoversNamespace(s: VeleroSchedule, ns: string | null): boolean {
  if (ns !== null && s.excludedNamespaces.some((p) => globMatches(p, ns))) return false;
  if (s.includedNamespaces.length === 0 || s.includedNamespaces.includes('*')) return true;
  return ns !== null && s.includedNamespaces.some((p) => globMatches(p, ns));
}

/** A shell glob (`*`, `?`, `[abc]`) against a whole name; a plain name matches itself. */
export function globMatches(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  const re = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^${re}$`).test(name);
  } catch {
    return pattern === name;
  }
}

/**
 * Claim names a HelmRelease's pod annotation `backup.velero.io/backup-volumes: a,b` points at.
 * Velero names pod volumes; app-template names a volume after its `persistence` key, so the key
 * leads to the claim (`existingClaim`, `nameOverride`, or the chart's `<release>-<key>`).
 */
export function veleroAnnotatedClaims(hr: HelmRelease): Set<string> {
  const volumes = new Set<string>();
  const stack: unknown[] = [hr.values];
  let guard = 0;
  while (stack.length && guard++ < 20000) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isObj(v)) {
      for (const [k, val] of Object.entries(v)) {
        if (k === 'backup.velero.io/backup-volumes' && str(val)) for (const n of str(val)!.split(',')) volumes.add(n.trim());
        else if (typeof val === 'object') stack.push(val);
      }
    }
  }
  const claims = new Set<string>();
  if (volumes.size === 0) return claims;
  const persistence = Object.entries(obj(obj(hr.values).persistence)).filter(([, v]) => isObj(v));
  for (const [key, raw] of persistence) {
    if (!volumes.has(key)) continue;
    const p = obj(raw);
    claims.add(str(p.existingClaim) ?? str(p.nameOverride) ?? (persistence.length === 1 ? hr.releaseName : `${hr.releaseName}-${key}`));
  }
  for (const v of volumes) claims.add(v);
  return claims;
}

/**
 * k8up started with BACKUP_SKIP_WITHOUT_ANNOTATION=true backs up annotated PVCs only; the chart
 * sets it from `k8up.skipWithoutAnnotation`, or it is given in `k8up.envVars`.
 */
export function k8upSkipsUnannotated(model: RepoModel): boolean {
  return model.helmReleases.some((hr) => {
    if (!isLive(hr, model) || !isChart(hr, 'k8up')) return false;
    const k8up = obj(obj(hr.values).k8up);
    if (k8up.skipWithoutAnnotation === true || k8up.skipWithoutAnnotation === 'true') return true;
    return arr(k8up.envVars).some((e) => str(obj(e).name) === 'BACKUP_SKIP_WITHOUT_ANNOTATION' && str(obj(e).value) === 'true');
  });
}
