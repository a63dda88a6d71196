import type { RepoModel } from '../../model/repo-model.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import { placeKey as placeOf, releasesByPlace } from './app-routes.ts';
import type { App } from '../../model/app.ts';
import type { BackupObject, Pvc } from '../../model/storage.ts';
import { obj, str } from '../../model/values.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';
import { backupMatrix, namesClaim, type BackupRow } from '../../analysis/health/backup.ts';
import { BACKUP_SYSTEMS } from '../../analysis/health/backup-systems.ts';
import { longhornJobRole } from '../../analysis/health/longhorn-jobs.ts';

type Storage = AppFacts['storage'];
type Backup = AppFacts['backup'];

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });

/** Files Flux does not apply because their folder's kustomization.yaml leaves them out, once per model. */
const unlistedFiles = new WeakMap<RepoModel['files'], Set<string>>();
export function unlistedOf(model: RepoModel): Set<string> {
  let set = unlistedFiles.get(model.files);
  if (!set) unlistedFiles.set(model.files, (set = new Set(model.files.filter((f) => f.unlisted).map((f) => f.path))));
  return set;
}

/** The backup matrix once per model: every app page reads its rows from the same judgement. */
const matrices = new WeakMap<RepoModel, Map<string, BackupRow>>();
function rowsOf(model: RepoModel): Map<string, BackupRow> {
  let rows = matrices.get(model);
  if (!rows) matrices.set(model, (rows = new Map(backupMatrix(model).result.rows.map((r) => [r.pvcId, r]))));
  return rows;
}

/**
 * Volumes and what backs them up, as the health backup matrix judges them (src/analysis/health/
 * backup.ts: k8up annotations and Schedules with opt-in mode, Velero, Longhorn jobs and groups,
 * VolSync), so the app page and /health/backup/ never disagree. "missing" is stated plainly where
 * storage exists and nothing covers any of it.
 */
export function storageAndBackup(model: RepoModel, index: FactsIndex, app: App): { storage: Storage; backup: Backup } {
  // A claim in a file its folder's kustomization.yaml leaves out is never applied (RepoFile.unlisted).
  const unlisted = unlistedOf(model);
  const pvcs: Pvc[] = (index.byApp(model.pvcs).get(app.id) ?? []).filter((p) => !p.disabled && !unlisted.has(p.source.file));
  const appObjects = index.byApp(model.backupObjects).get(app.id) ?? [];
  const rows = rowsOf(model);
  const volume = (p: Pvc, sharedFrom: string | null): Storage[number] => {
    const row = rows.get(p.id);
    const backups: Storage[number]['backups'] = row
      ? BACKUP_SYSTEMS.flatMap((system) => row.systems[system].via.map((v) => ({ system, detail: v.detail, ref: v.ref })))
      : [];
    // The operator's own backup of the claims it makes.
    if (p.operator?.backup) backups.push({ system: 'operator', detail: p.operator.backup, ref: ref(p.source) });
    // The app's own (a Litestream sidecar, a backup CronJob): the matrix counts it, so the page says it.
    else if (row?.appLevel) backups.push({ system: 'app', detail: row.appLevel, ref: ref(p.source) });
    return {
      name: p.name,
      size: p.size,
      storageClass: p.storageClass,
      accessModes: p.accessModes,
      origin: p.operator ? `${p.operator.kind}${p.operator.instances !== null ? `, ${p.operator.instances} instance${p.operator.instances === 1 ? '' : 's'}` : ''}` : p.statefulSet ? `StatefulSet ${p.statefulSet} (volumeClaimTemplates)` : p.origin,
      existingClaimOf: p.existingClaimOf,
      backups,
      notNeeded: row?.notApplicable ?? null,
      ...(row?.unknown ? { backupNotKnown: row.unknown } : {}),
      ...(sharedFrom !== null ? { sharedFrom } : {}),
      ref: ref(p.source),
    };
  };
  // Claims of other apps this one mounts (a shared media or NFS claim in a storage app): listed with the
  // app they belong to, which backs them up; they count towards that app's backup, not this one's.
  const mounted = mountedClaims(model, index, app);
  const named = claimsNamedByBackups(model).get(app.id) ?? [];
  const storage: Storage = [...pvcs.map((p) => volume(p, null)), ...mounted.map((p) => volume(p, p.appId!)), ...named, ...nfsShares(model, index, app)];
  // As the backup matrix judges: a claim no backup applies to (a share, a cache, a backup repository)
  // needs none, and one the app replicates itself (Litestream) is backed up.
  const needs = pvcs.filter((p) => rows.get(p.id)?.notApplicable == null);
  const covered = (p: Pvc) => (rows.get(p.id)?.coveredBy.length ?? 0) > 0 || rows.get(p.id)?.appLevel != null;
  // A claim whose backup the repository does not tell is neither covered nor missing.
  const notKnown = needs.filter((p) => !covered(p) && rows.get(p.id)?.unknown != null).map((p) => p.name);
  const uncovered = needs.filter((p) => !covered(p) && rows.get(p.id)?.unknown == null).map((p) => p.name);
  // (A claim known from its backup is backed up by it.)
  const status: Backup['status'] =
    needs.length + named.length === 0 ? 'none' : uncovered.length === needs.length + named.length ? 'missing' : uncovered.length > 0 ? 'partial' : notKnown.length > 0 ? 'unknown' : 'covered';
  const objects = appObjects
    .filter((b) => !b.disabled)
    .flatMap((b) => {
      const note = backupNote(b);
      return note === null ? [] : [{ kind: b.kind, name: b.name, system: b.system, schedule: b.schedule, ...(note ? { note } : {}), ref: ref(b.source) }];
    });
  return { storage, backup: { status, objects, uncovered, ...(notKnown.length > 0 ? { notKnown } : {}) } };
}

/**
 * How the Backup section lists a backup object: '' as a backup, a note where it is something else,
 * null where it is no backup at all. A Longhorn RecurringJob is listed by its task (outside review:
 * `RecurringJob fs-trim`, task filesystem-trim, was listed under Backup): a snapshot job is a local
 * snapshot, on the volume's own replicas; trim and snapshot cleanup are upkeep, left out.
 */
export function backupNote(b: Pick<BackupObject, 'system' | 'task'>): string | null {
  if (b.system !== 'longhorn') return '';
  const role = longhornJobRole(b.task);
  if (role === 'maintenance') return null;
  if (role === 'local-snapshot') return `local snapshot (task ${b.task}), kept on the volume's own replicas: not a backup`;
  if (role === 'system-backup') return "Longhorn system backup (task system-backup): Longhorn's own resources, to the backup target";
  return role === 'unknown' ? `task ${b.task ?? 'not set'}` : '';
}

/**
 * The claims backups copy that no claim of the model is: a VolSync ReplicationSource's `sourcePVC`, a
 * kopiur SnapshotPolicy's source, naming the claim a chart or an operator makes from values the model
 * does not read (bitnami postgresql's `data-postgresql-0`, redis's `redis-data-redis-master-0`). The
 * claim is there (the backup copies it), backed up by that object (outside review: a database backed up
 * by VolSync showed no storage, and atlas.json said backup "none"). Not a name a variable or template
 * still fills in. Each is a row of the app that makes it, which may not be the backup's (a central
 * `kopiur-policies` folder; outside review): a release in the claim's namespace whose name (or
 * `fullnameOverride`) the claim's name holds as a word run (`data-authentik-postgresql-0` is authentik's;
 * the longest such name), else the one app that runs releases or workloads there, else the backup's app.
 * Once per model, by app.
 */
function claimsNamedByBackups(model: RepoModel): ReadonlyMap<string, Storage> {
  const hit = namedByBackups.get(model);
  if (hit) return hit;
  const byApp = new Map<string, Map<string, Storage[number]>>();
  namedByBackups.set(model, new Map());
  const at = (cluster: string | null | undefined, ns: string | null) => placeOf(cluster, ns);
  const releases = releasesByPlace(model);
  const runners = new Map<string, Set<string>>();
  for (const [key, list] of releases) runners.set(key, new Set(list.map((r) => r.appId)));
  for (const o of model.objects) if (!o.disabled && o.appId !== null && isWorkload(o)) (runners.get(at(o.cluster, o.namespace)) ?? runners.set(at(o.cluster, o.namespace), new Set()).get(at(o.cluster, o.namespace))!).add(o.appId);
  const ownerOf = (b: BackupObject, claim: string): string | null => {
    const key = at(b.cluster, b.namespace);
    const named = (releases.get(key) ?? []).filter((r) => new RegExp(`(^|-)${r.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(-|$)`).test(claim)).sort((a, b2) => b2.name.length - a.name.length);
    if (named.length > 0) return named.filter((r) => r.name === named[0]!.name).every((r) => r.appId === named[0]!.appId) ? named[0]!.appId : b.appId;
    const apps = runners.get(key);
    return apps?.size === 1 ? [...apps][0]! : b.appId;
  };
  for (const b of model.backupObjects) {
    const copies = (b.system === 'volsync' && b.kind === 'ReplicationSource') || (b.system === 'kopiur' && b.kind === 'SnapshotPolicy');
    const name = b.sourcePvc;
    if (b.disabled || !copies || name === null || /\$\{|\{\{|\$\(/.test(name)) continue;
    if (model.pvcs.some((p) => !p.disabled && p.namespace === b.namespace && (p.cluster ?? null) === (b.cluster ?? null) && namesClaim(name, p))) continue;
    const owner = ownerOf(b, name);
    if (owner === null) continue;
    const rows = byApp.get(owner) ?? byApp.set(owner, new Map()).get(owner)!;
    const cover = { system: b.system, detail: `${b.kind === 'ReplicationSource' ? 'ReplicationSource' : 'SnapshotPolicy'} ${b.name}`, ref: ref(b.source) };
    // (One row per claim and namespace: two namespaces' claims of one name are two claims; code review.)
    const key = `${b.cluster ?? ''}|${b.namespace ?? ''}|${name}`;
    const seen = rows.get(key);
    if (seen) {
      seen.backups.push(cover);
      continue;
    }
    rows.set(key, {
      name,
      size: null,
      storageClass: null,
      accessModes: [],
      origin: `not in the manifests (made by a chart, an operator or outside the repository; named by ${cover.detail}${b.namespace ? ` in ${b.namespace}` : ''})`,
      existingClaimOf: [],
      backups: [cover],
      notNeeded: null,
      namedByBackup: true,
      ref: ref(b.source),
    });
  }
  const out = new Map([...byApp].map(([app, rows]) => [app, [...rows.values()]]));
  namedByBackups.set(model, out);
  return out;
}
const namedByBackups = new WeakMap<RepoModel, ReadonlyMap<string, Storage>>();

/** The claims other apps may mount, once per model: by name, namespace and cluster, and by the releases that name them (existingClaimOf). */
const mountable = new WeakMap<RepoModel, { byPlace: Map<string, Pvc[]>; byRelease: Map<string, Pvc[]> }>();
const placeKey = (name: string, namespace: string | null, cluster: string | null) => `${cluster ?? ''}|${namespace ?? ''}|${name}`;
function mountableOf(model: RepoModel) {
  let m = mountable.get(model);
  if (m) return m;
  // (Not an operator's claims, named otherwise than its resource, nor claims of an app not deployed or
  // switched off. Code review.)
  const inactive = new Set(model.apps.filter((a) => a.notDeployed || a.disabled).map((a) => a.id));
  m = { byPlace: new Map(), byRelease: new Map() };
  for (const p of model.pvcs) {
    if (p.appId === null || p.disabled || p.origin === 'operator' || inactive.has(p.appId) || unlistedOf(model).has(p.source.file)) continue;
    const key = placeKey(p.name, p.namespace, p.cluster ?? null);
    (m.byPlace.get(key) ?? m.byPlace.set(key, []).get(key)!).push(p);
    for (const id of p.existingClaimOf) (m.byRelease.get(id) ?? m.byRelease.set(id, []).get(id)!).push(p);
  }
  mountable.set(model, m);
  return m;
}

/**
 * The live claims of other apps that this app's workloads mount (`claimName`) or its releases name as
 * `existingClaim`, in the same namespace and cluster; each once, by name.
 */
function mountedClaims(model: RepoModel, index: FactsIndex, app: App): Pvc[] {
  const { byPlace, byRelease } = mountableOf(model);
  const out = new Map<string, Pvc>();
  const take = (p: Pvc) => {
    if (p.appId !== app.id && !out.has(p.id)) out.set(p.id, p);
  };
  for (const o of index.byApp(model.objects).get(app.id) ?? []) {
    if (o.disabled) continue;
    for (const name of o.mountsClaims ?? []) for (const p of byPlace.get(placeKey(name, o.namespace, o.cluster ?? null)) ?? []) take(p);
  }
  // An existingClaim in the release's own namespace and cluster (code review).
  for (const h of index.byApp(model.helmReleases).get(app.id) ?? []) {
    if (h.disabled) continue;
    for (const p of byRelease.get(h.id) ?? []) if ((h.targetNamespace ?? h.namespace) === p.namespace && (h.cluster ?? null) === (p.cluster ?? null)) take(p);
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The NFS shares the app mounts, as the storage rows of its page: app-template's `persistence.<key>`
 * entries of `type: nfs` and workloads' `volumes[].nfs`. Backed up (or not) where they are served, so
 * no cluster backup applies; the backup status leaves them out (outside review: a media app's NAS
 * share was on no page).
 */
function nfsShares(model: RepoModel, index: FactsIndex, app: App): Storage {
  const row = (name: string, server: string, path: string, readOnly: boolean, source: { file: string; line: number }): Storage[number] => ({
    name,
    size: null,
    storageClass: null,
    accessModes: readOnly ? ['ReadOnlyMany'] : [],
    origin: `NFS ${server}:${path}`,
    existingClaimOf: [],
    backups: [],
    notNeeded: `network share (NFS ${server}:${path}, backed up where it is served)`,
    ref: ref(source),
  });
  const out: Storage = [];
  for (const h of index.byApp(model.helmReleases).get(app.id) ?? []) {
    if (h.disabled || !(h.appTemplate || h.chart.name === 'app-template')) continue;
    for (const [key, raw] of Object.entries(obj(obj(h.values).persistence))) {
      const v = obj(raw);
      const server = str(v.server);
      const path = str(v.path);
      if (v.type !== 'nfs' || v.enabled === false || !server || !path) continue;
      out.push(row(`${key} (${h.name})`, server, path, v.readOnly === true, h.source));
    }
  }
  for (const o of index.byApp(model.objects).get(app.id) ?? []) {
    if (o.disabled) continue;
    for (const s of o.nfsShares ?? []) out.push(row(`${s.volume} (${o.kind} ${o.name})`, s.server, s.path, s.readOnly, o.source));
  }
  return out;
}
