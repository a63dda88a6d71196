import { veleroScope, type BackupObject, type BackupSignal, type Pvc } from '../../model/storage.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { objectId, type KObject } from '../../model/k8s-object.ts';
import { arr, bool, isObj, obj, str } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base, lineOf } from './base.ts';

/** Where a HelmRelease installs its chart: spec.targetNamespace, else the HelmRelease's own namespace (Flux's default). */
export function releaseNamespace(hr: Pick<HelmRelease, 'namespace'>, d: WorkDoc): string | null {
  return str(obj(d.body.spec).targetNamespace) ?? hr.namespace;
}

/** What a PersistentVolumeClaim's spec asks for (a claim's, or a StatefulSet's claim template's). */
export function claimSpec(spec: Record<string, unknown>): Pick<Pvc, 'size' | 'storageClass' | 'accessModes'> {
  return {
    size: str(obj(obj(spec.resources).requests).storage),
    storageClass: str(spec.storageClassName),
    accessModes: arr(spec.accessModes).flatMap((m) => (str(m) ? [str(m)!] : [])),
  };
}

export function toPvc(d: WorkDoc): Pvc {
  const spec = obj(d.body.spec);
  return {
    ...base(d),
    ...claimSpec(spec),
    origin: 'manifest',
    helmRelease: null,
    existingClaimOf: [],
    ...(str(spec.volumeName) ? { volumeName: str(spec.volumeName)! } : {}),
    ...(clonedFrom(spec) ? { clonedFrom: clonedFrom(spec)! } : {}),
    ...(populatedFrom(spec) ? { populatedFrom: populatedFrom(spec)! } : {}),
  };
}

/**
 * The volume populator a claim is filled from when it is created: `dataSourceRef` (or `dataSource`)
 * naming a VolSync ReplicationDestination (the home-ops "bootstrap from the last backup" claim) or a
 * kopiur Restore. The claim stays Pending until that object exists and has restored.
 * https://volsync.readthedocs.io/en/stable/usage/volume-populator/
 */
function populatedFrom(spec: Record<string, unknown>): { kind: 'ReplicationDestination' | 'Restore'; name: string } | null {
  for (const ref of [obj(spec.dataSourceRef), obj(spec.dataSource)]) {
    const name = str(ref.name);
    if (!name) continue;
    if (str(ref.kind) === 'ReplicationDestination' && (str(ref.apiGroup) ?? 'volsync.backube') === 'volsync.backube') return { kind: 'ReplicationDestination', name };
    if (str(ref.kind) === 'Restore' && str(ref.apiGroup) === 'kopiur.home-operations.com') return { kind: 'Restore', name };
  }
  return null;
}

/**
 * The claim a claim is cloned from: `dataSource` or `dataSourceRef` of kind PersistentVolumeClaim in
 * the core group (a volume populator such as a VolSync ReplicationDestination or a VolumeSnapshot is
 * a restore, not a clone). https://kubernetes.io/docs/concepts/storage/volume-pvc-datasource/
 */
function clonedFrom(spec: Record<string, unknown>): string | null {
  for (const ref of [obj(spec.dataSourceRef), obj(spec.dataSource)]) {
    if (str(ref.kind) === 'PersistentVolumeClaim' && !str(ref.apiGroup) && str(ref.name)) return str(ref.name);
  }
  return null;
}

/** CSI drivers and provisioners whose volumes are buckets of an object store, or shares of a file server. */
const OBJECT_STORE = /(^|[./-])(s3|gcs|gcsfuse|blob|objectstorage|juicefs|rclone|geesefs)([./-]|$)/i;
const NETWORK_SHARE = /(^|[./-])(nfs|smb|cifs|efs|filestore|file\.csi\.azure|truenas-nfs|democratic-csi-nfs)([./-]|$)/i;

function backendOfDriver(driver: string): Pvc['backend'] | null {
  if (OBJECT_STORE.test(driver)) return { what: 'object store', via: driver };
  if (NETWORK_SHARE.test(driver) || driver === 'file.csi.azure.com') return { what: 'network share', via: driver };
  return null;
}

/**
 * Where each claim's data lives, when outside the cluster's disks: by the PersistentVolume it names
 * (`spec.volumeName`: its CSI driver, or an `nfs` volume), else by its StorageClass's provisioner or the
 * static PersistentVolumes of its class (a claim binds to one of them). Set
 * on the claims in place; only PersistentVolumes and StorageClasses of the same cluster are read.
 */
export function withStorageBackends(pvcs: readonly Pvc[], docs: readonly WorkDoc[]): void {
  type Made = { backend: Pvc['backend'] | null; driver: string | null };
  const pvs = new Map<string, Made>();
  const classes = new Map<string, Made>();
  const pvClasses = new Map<string, Made | null>();
  for (const d of docs) {
    if (d.group !== '' && d.group !== 'storage.k8s.io') continue;
    const name = str(obj(d.body.metadata).name);
    if (!name || d.raw.disabled) continue;
    const spec = obj(d.body.spec);
    const key = `${d.cluster ?? ''}|${name}`;
    if (d.kind === 'PersistentVolume') {
      const driver = str(obj(spec.csi).driver);
      const backend = driver ? backendOfDriver(driver) : Object.keys(obj(spec.nfs)).length > 0 ? { what: 'network share' as const, via: `nfs ${str(obj(spec.nfs).server) ?? ''}`.trim() } : null;
      pvs.set(key, { backend, driver });
      // A claim of the class binds to an available volume of it: static volumes of one class, one backend.
      const cls = str(spec.storageClassName);
      if (cls) {
        const ck = `${d.cluster ?? ''}|${cls}`;
        const had = pvClasses.get(ck);
        const same = had && (had.backend?.what ?? null) === (backend?.what ?? null) && had.driver === driver;
        pvClasses.set(ck, had === undefined ? { backend, driver } : same ? had : null);
      }
    } else if (d.kind === 'StorageClass') {
      const provisioner = str(d.body.provisioner);
      classes.set(key, { backend: provisioner ? backendOfDriver(provisioner) : null, driver: provisioner });
    }
  }
  for (const p of pvcs) {
    const cluster = p.cluster ?? '';
    const byVolume = p.volumeName ? pvs.get(`${cluster}|${p.volumeName}`) : undefined;
    const byClass = p.storageClass ? classes.get(`${cluster}|${p.storageClass}`) : undefined;
    const byStatic = p.storageClass && !p.volumeName ? (pvClasses.get(`${cluster}|${p.storageClass}`) ?? undefined) : undefined;
    const driver = byVolume ? byVolume.driver : (byClass?.driver ?? byStatic?.driver ?? null);
    if (driver) p.csiDriver = driver;
    const backend = byVolume ? byVolume.backend : (byClass?.backend ?? byStatic?.backend ?? null);
    if (!backend) continue;
    const via = byVolume ? `PersistentVolume ${p.volumeName}` : byClass?.backend ? `storage class ${p.storageClass}` : `the PersistentVolumes of class ${p.storageClass}`;
    p.backend = { what: backend.what, via: `${via}, ${backend.via}` };
  }
}

/**
 * What a storage or backup object says that backup coverage reads: a StorageClass's provisioner and a
 * VolumeSnapshotClass's driver, a Velero VolumeSnapshotLocation's provider, and the URL a backup writes
 * to (a BackupStorageLocation's s3Url, a CloudNativePG Cluster's or barman-cloud ObjectStore's endpoint).
 */
export function storageFacts(d: WorkDoc): Pick<KObject, 'driver' | 'snapshotProvider' | 'backupTarget'> {
  const spec = obj(d.body.spec);
  const some = <K extends string>(key: K, v: string | null) => (v ? ({ [key]: v } as Record<K, string>) : {});
  if (d.group === 'storage.k8s.io' && d.kind === 'StorageClass') return some('driver', str(d.body.provisioner));
  if (d.group === 'snapshot.storage.k8s.io' && d.kind === 'VolumeSnapshotClass') return some('driver', str(d.body.driver));
  if (d.group === 'velero.io' && d.kind === 'VolumeSnapshotLocation') return some('snapshotProvider', str(spec.provider));
  if (d.group === 'velero.io' && d.kind === 'BackupStorageLocation') return some('backupTarget', str(obj(spec.config).s3Url));
  if (d.group === 'postgresql.cnpg.io' && d.kind === 'Cluster') return some('backupTarget', str(obj(obj(spec.backup).barmanObjectStore).endpointURL));
  if (d.group === 'barmancloud.cnpg.io' && d.kind === 'ObjectStore') return some('backupTarget', str(obj(spec.configuration).endpointURL));
  return {};
}

export function stringMapOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (str(val) !== null) out[k] = str(val)!;
  return out;
}

/** Backup signals on a volume: k8up and Longhorn labels/annotations (Velero works on pods, see coverage). */
function backupSignals(labels: Record<string, string>, annotations: Record<string, string>, source: BackupSignal['source']): BackupSignal[] {
  const out: BackupSignal[] = [];
  const all = { ...labels, ...annotations };
  for (const [k, v] of Object.entries(all).sort()) {
    if (k === 'k8up.io/backup' && v === 'true') out.push({ system: 'k8up', detail: `${k}: "${v}"`, source });
    else if (k.startsWith('recurring-job-group.longhorn.io/') && v === 'enabled') out.push({ system: 'longhorn', detail: `group ${k.split('/')[1]}`, source });
    else if (k.startsWith('recurring-job.longhorn.io/') && k !== 'recurring-job.longhorn.io/source' && v === 'enabled') out.push({ system: 'longhorn', detail: `job ${k.split('/')[1]}`, source });
    else if (k === 'backup.velero.io/backup-volumes') out.push({ system: 'velero', detail: `${k}: ${v}`, source });
  }
  return out;
}

/** The backup signals of claims, by claim id (claims without any left out). */
export function signalsOf(pvcs: readonly Pvc[]): Record<string, BackupSignal[]> {
  const out: Record<string, BackupSignal[]> = {};
  for (const p of pvcs) {
    const s = backupSignals(p.labels, p.annotations, p.source);
    if (s.length) out[p.id] = s;
  }
  return out;
}

/**
 * Settings of a VolSync restic or kopia mover that a ReplicationDestination restoring from the same
 * repository needs too (volsync.backube/v1alpha1: both movers take them on either side): where the
 * repository is mounted, who the mover runs as, its cache, and a kopia source's own `username` and
 * `hostname` (the identity its snapshots are kept under). Source-only settings (retain, prune,
 * copyMethod of the source) stay behind.
 */
const MOVER_SHARED = ['moverVolumes', 'moverSecurityContext', 'moverServiceAccount', 'moverResources', 'moverPodLabels', 'customCA', 'cacheCapacity', 'cacheStorageClassName', 'cacheAccessModes', 'username', 'hostname'] as const;

/** A ReplicationDestination's mover, the claim it writes and the restore options a restore carries over. */
function destinationOf(mover: Record<string, unknown> | null, type: string | null): NonNullable<BackupObject['destination']> {
  const deletion = mover ? bool(mover.enableFileDeletion) : null;
  return { mover: type, pvc: mover ? str(mover.destinationPVC) : null, ...(deletion !== null ? { enableFileDeletion: deletion } : {}) };
}

/** The claims of a mover's `moverVolumes`. */
const volumeClaims = (mover: unknown): string[] =>
  arr(obj(mover).moverVolumes).flatMap((v) => {
    const claim = str(obj(obj(obj(v).volumeSource).persistentVolumeClaim).claimName);
    return claim ? [claim] : [];
  });

/**
 * A VolSync KopiaMaintenance opens the kopia repository of the Secret its `spec.repository.repository`
 * names, on its schedule, with the volumes it mounts (`spec.moverVolumes`: where a filesystem repository
 * lives): a reader of that Secret's password as the movers are, kept as a kopia mover of those volumes.
 * https://volsync.readthedocs.io/en/latest/usage/kopia/kopiamaintenance.html
 */
function kopiaMaintenance(spec: Record<string, unknown>, b: KObject): BackupObject {
  const claims = volumeClaims(spec);
  return {
    ...b, system: 'volsync', schedule: str(obj(spec.trigger).schedule) ?? str(spec.schedule), sourcePvc: null, groups: [], task: 'KopiaMaintenance',
    repository: str(obj(spec.repository).repository),
    ...(claims.length ? { repositoryClaims: [...new Set(claims)] } : {}),
    mover: { type: 'kopia', settings: Object.hasOwn(spec, 'moverVolumes') ? { moverVolumes: spec.moverVolumes } : {} },
  };
}

/** k8up, VolSync, Longhorn and Velero objects. */
export function toBackupObject(d: WorkDoc): BackupObject | null {
  const spec = obj(d.body.spec);
  const b = base(d);
  if (d.group === 'k8up.io' || d.group === 'backup.appuio.ch') {
    const sched = str(obj(spec.backup).schedule) ?? str(spec.schedule);
    return { ...b, system: 'k8up', schedule: sched, sourcePvc: null, groups: [], task: d.kind, repository: str(obj(obj(spec.backend).s3).endpoint) ?? str(obj(obj(spec.backend).s3).bucket) };
  }
  if (d.group === 'volsync.backube' && d.kind === 'KopiaMaintenance') return kopiaMaintenance(spec, b);
  if (d.group === 'volsync.backube') {
    const restic = obj(spec.restic);
    // Every mover (restic, rclone, kopia, rsync, rsyncTLS, syncthing) may mount claims of its own.
    const repositoryClaims = Object.values(spec).flatMap(volumeClaims);
    const type = d.kind === 'ReplicationSource' ? (['restic', 'kopia'] as const).find((t) => isObj(spec[t])) : undefined;
    // (A destination's mover is the one spec key besides the trigger and paused: restic, kopia, rclone, rsync ...)
    const destMover = d.kind === 'ReplicationDestination' ? (Object.keys(spec).find((k) => k !== 'trigger' && k !== 'paused' && isObj(spec[k])) ?? null) : null;
    const settings: Record<string, unknown> = {};
    if (type) for (const key of MOVER_SHARED) if (Object.hasOwn(obj(spec[type]), key)) settings[key] = obj(spec[type])[key];
    return {
      ...b, system: 'volsync', schedule: str(obj(spec.trigger).schedule), sourcePvc: str(spec.sourcePVC) ?? str(obj(spec.restic).destinationPVC), groups: [], task: d.kind,
      repository: str(restic.repository) ?? (type ? str(obj(spec[type]).repository) : null) ?? (destMover ? str(obj(spec[destMover]).repository) : null),
      ...(repositoryClaims.length ? { repositoryClaims: [...new Set(repositoryClaims)] } : {}),
      ...(type ? { mover: { type, settings } } : {}),
      ...(d.kind === 'ReplicationDestination' ? { destination: destinationOf(destMover ? obj(spec[destMover]) : null, destMover) } : {}),
    };
  }
  if (d.group === 'longhorn.io' && d.kind === 'RecurringJob') {
    return { ...b, system: 'longhorn', schedule: str(spec.cron), sourcePvc: null, groups: arr(spec.groups).flatMap((g) => (str(g) ? [str(g)!] : [])), task: str(spec.task), repository: null };
  }
  if (d.group === 'kopiur.home-operations.com' && ['SnapshotPolicy', 'SnapshotSchedule', 'Restore'].includes(d.kind)) {
    // kopiur (home-operations): a SnapshotPolicy names the PVCs it snapshots and its repository.
    const pvc = arr(spec.sources).map((x) => str(obj(obj(x).pvc).name)).find((n) => n) ?? null;
    return { ...b, system: 'kopiur', schedule: str(obj(spec.schedule).cron), sourcePvc: pvc, groups: [], task: d.kind, repository: str(obj(spec.repository).name) };
  }
  if (d.group === 'velero.io' && (d.kind === 'Schedule' || d.kind === 'Backup')) {
    const t = d.kind === 'Schedule' ? obj(spec.template) : spec;
    return {
      ...b, system: 'velero', schedule: str(spec.schedule), sourcePvc: null, groups: [], task: d.kind, repository: str(t.storageLocation),
      velero: veleroScope(t),
    };
  }
  return null;
}

/**
 * The claims a CloudNativePG Cluster (postgresql.cnpg.io) makes: one data volume per instance
 * (`spec.storage`), and a WAL volume per instance where `spec.walStorage` is set. Named by the
 * Cluster (the operator names them `<cluster>-<n>` and `<cluster>-<n>-wal`). The backup the operator
 * makes from the Cluster's own spec is noted; ScheduledBackups are added at model time.
 * https://cloudnative-pg.io/documentation/current/storage/
 */
export function cnpgVolumes(d: WorkDoc): Pvc[] {
  const b = base(d);
  const spec = obj(d.body.spec);
  const instances = typeof spec.instances === 'number' ? spec.instances : null;
  const backup = obj(spec.backup);
  const plugins = arr(spec.plugins).map((p) => str(obj(p).name)).filter((n): n is string => n !== null);
  // What the spec configures; the backups themselves are taken by ScheduledBackups (withCnpgSchedules).
  const configured = [
    ...(Object.keys(obj(backup.barmanObjectStore)).length > 0 ? ['barmanObjectStore'] : []),
    ...(Object.keys(obj(backup.volumeSnapshot)).length > 0 ? ['volumeSnapshot'] : []),
    ...plugins.map((n) => `plugin:${n}`),
  ];
  // The claims carry what the operator puts on them: spec.inheritedMetadata and its own labels, not the
  // Cluster's labels (copied only where the operator's INHERITED_LABELS names them: kept apart).
  // https://cloudnative-pg.io/documentation/current/labels_annotations/
  const inherited = obj(spec.inheritedMetadata);
  const volume = (key: 'storage' | 'walStorage', suffix: string): Pvc | null => {
    const s = obj(spec[key]);
    if (key === 'walStorage' && Object.keys(s).length === 0) return null;
    const template = obj(s.pvcTemplate);
    return {
      ...b,
      labels: { ...stringMapOf(inherited.labels), 'cnpg.io/cluster': b.name, 'cnpg.io/pvcRole': key === 'walStorage' ? 'PG_WAL' : 'PG_DATA' },
      annotations: stringMapOf(inherited.annotations),
      id: `${b.id}#${key}`,
      kind: 'PersistentVolumeClaim',
      group: '',
      apiVersion: 'v1',
      name: `${b.name}${suffix}`,
      source: lineOf(d, `spec.${key}`),
      size: str(s.size) ?? str(obj(obj(template.resources).requests).storage),
      storageClass: str(s.storageClass) ?? str(template.storageClassName),
      accessModes: ['ReadWriteOnce'],
      origin: 'operator',
      helmRelease: null,
      existingClaimOf: [],
      operator: { kind: `CloudNativePG Cluster ${b.name}`, resource: b.name, volume: key === 'walStorage' ? 'wal' : 'data', instances, backup: null, configured, ...(Object.keys(b.labels).length > 0 ? { resourceLabels: b.labels } : {}) },
    };
  };
  return [volume('storage', ''), volume('walStorage', '-wal')].filter((v): v is Pvc => v !== null);
}

/** At most this many claims a StatefulSet's template is shown as (ordinals 0..n-1); a larger set is rare and reads the same. */
export const MAX_ORDINALS = 16;

/**
 * The claims a StatefulSet makes from its `spec.volumeClaimTemplates`: one per template and replica,
 * named as the StatefulSet controller names them, `<template>-<statefulset>-<ordinal>`
 * (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage), so a VolSync
 * ReplicationSource or a restore names the same claim. The claim carries the template's labels and
 * annotations (Longhorn recurring-job groups, k8up's annotation) and the selector's labels, which
 * the controller adds to each claim; a pod annotation that opts the template's volume into Velero's
 * file-system backup is carried as the claim's. Replicas default to 1; a templated count reads as 1.
 */
export function statefulSetClaims(d: WorkDoc): Pvc[] {
  const b = base(d);
  const spec = obj(d.body.spec);
  const replicas = typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) && spec.replicas >= 0 ? spec.replicas : 1;
  const selector = stringMapOf(obj(spec.selector).matchLabels);
  // Velero's file-system backup is asked for on the pod (its volume names: the templates' names).
  const veleroVolumes = (str(stringMapOf(obj(obj(spec.template).metadata).annotations)['backup.velero.io/backup-volumes']) ?? '').split(',').map((v) => v.trim());
  return arr(spec.volumeClaimTemplates).flatMap((t, i) => {
    const meta = obj(obj(t).metadata);
    const template = str(meta.name);
    if (!template) return [];
    const tspec = obj(obj(t).spec);
    const claim = (ordinal: number): Pvc => {
      const name = `${template}-${b.name}-${ordinal}`;
      return {
        ...b,
        id: objectId('PersistentVolumeClaim', b.namespace, name, b.cluster ?? null),
        kind: 'PersistentVolumeClaim',
        group: '',
        apiVersion: 'v1',
        name,
        source: lineOf(d, `spec.volumeClaimTemplates.${i}`),
        labels: { ...selector, ...stringMapOf(meta.labels) },
        annotations: { ...stringMapOf(meta.annotations), ...(veleroVolumes.includes(template) ? { 'backup.velero.io/backup-volumes': template } : {}) },
        ...claimSpec(tspec),
        origin: 'volumeClaimTemplate',
        helmRelease: null,
        existingClaimOf: [],
        statefulSet: b.name,
      };
    };
    return Array.from({ length: Math.min(replicas, MAX_ORDINALS) }, (_, n) => claim(n));
  });
}

/**
 * Adds each CloudNativePG ScheduledBackup (`spec.cluster.name`, same namespace and cluster) to the
 * backup of its Cluster's claims, where the Cluster configures the schedule's method: `method`
 * defaults to barmanObjectStore, which needs the Cluster's spec.backup.barmanObjectStore (else every
 * Backup it makes fails); volumeSnapshot needs spec.backup.volumeSnapshot; plugin needs the plugin
 * its pluginConfiguration names among the Cluster's spec.plugins. A schedule that cannot run is a
 * note, not a backup. The caller passes only the schedules a build applies.
 * https://cloudnative-pg.io/documentation/current/backup/
 */
export function withCnpgSchedules(pvcs: readonly Pvc[], schedules: readonly WorkDoc[]): void {
  for (const s of schedules) {
    const b = base(s);
    const spec = obj(s.body.spec);
    const cluster = str(obj(spec.cluster).name);
    const schedule = str(spec.schedule);
    const method = str(spec.method) ?? 'barmanObjectStore';
    const plugin = str(obj(spec.pluginConfiguration).name);
    const needs = method === 'plugin' ? `plugin:${plugin ?? ''}` : method;
    const to = method === 'volumeSnapshot' ? 'volume snapshots' : method === 'plugin' ? `the ${plugin ?? '(unnamed)'} plugin` : 'an object store (barmanObjectStore), with the WAL archived';
    const text = `ScheduledBackup ${b.name}${schedule ? ` (${schedule})` : ''} to ${to}`;
    for (const v of pvcs) {
      if (!v.operator || v.operator.resource !== cluster || v.namespace !== b.namespace || (v.cluster ?? null) !== (b.cluster ?? null)) continue;
      if (v.operator.configured && !v.operator.configured.includes(needs)) {
        const missing = method === 'plugin' ? `spec.plugins has no ${plugin ?? '(unnamed)'}` : `it sets no spec.backup.${method}`;
        v.operator.notes = [...(v.operator.notes ?? []), `ScheduledBackup ${b.name} (method ${method}) has nothing to write with: ${missing}, so each backup it starts fails`];
        continue;
      }
      v.operator.backup = v.operator.backup ? `${v.operator.backup}; ${text}` : `CloudNativePG: ${text}`;
    }
  }
}
