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
}

const isChart = (hr: HelmRelease, name: string) => hr.chart.name === name || (hr.chart.via !== 'chart' && hr.name === name);

/** Of one cluster where `cluster` is given (a velero chart of another cluster configures nothing here). */
export function veleroServer(model: RepoModel, cluster: string | null = null): VeleroServer {
  const charts = model.helmReleases.filter((hr) => isLive(hr, model) && isChart(hr, 'velero') && sameCluster(hr.cluster, cluster));
  if (charts.length === 0) return { fsBackupDefault: false, nodeAgent: null };
  const values = charts.map((hr) => obj(hr.values));
  return {
    fsBackupDefault: values.some((v) => (bool(obj(v.configuration).defaultVolumesToFsBackup) ?? bool(obj(v.configuration).defaultVolumesToRestic)) === true),
    nodeAgent: values.some((v) => bool(v.deployNodeAgent) === true || bool(v.deployRestic) === true),
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

export function veleroCoversNamespace(s: VeleroSchedule, ns: string | null): boolean {
  if (ns !== null && s.excludedNamespaces.includes(ns)) return false;
  if (s.includedNamespaces.length === 0 || s.includedNamespaces.includes('*')) return true;
  return ns !== null && s.includedNamespaces.includes(ns);
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
