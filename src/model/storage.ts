import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';
import { SelectorRequirementSchema, selectorRequirements } from './label-selector.ts';
import { SourceSchema } from './source.ts';
import { arr, bool, str } from './values.ts';

/** A PersistentVolumeClaim, from a manifest or from app-template `persistence` values. */
export const PvcSchema = z.object({
  ...KObjectBase,
  size: z.string().nullable(),
  storageClass: z.string().nullable(),
  accessModes: z.array(z.string()),
  /**
   * 'manifest' for a PVC document, 'values' for one declared in HelmRelease values, 'operator' for the
   * claims an operator makes from its custom resource (a CloudNativePG Cluster's storage, one claim
   * per instance).
   */
  origin: z.enum(['manifest', 'values', 'volumeClaimTemplate', 'operator']),
  /** A manifest's `spec.volumeName`: the PersistentVolume it binds to. */
  volumeName: z.string().optional(),
  /**
   * A manifest's `spec.dataSource` or `spec.dataSourceRef` naming another PersistentVolumeClaim: the
   * claim this one is cloned from when it is created (CSI volume cloning, same namespace).
   */
  clonedFrom: z.string().optional(),
  /**
   * A manifest's `spec.dataSourceRef` (or `dataSource`) naming a volume populator that fills the claim when it
   * is created: a VolSync ReplicationDestination, or a kopiur Restore (kopiur.home-operations.com).
   */
  populatedFrom: z.object({ kind: z.enum(['ReplicationDestination', 'Restore']), name: z.string() }).optional(),
  /**
   * Where the claim's data lives when that is outside the cluster's own disks: a bucket of an object
   * store (a CSI driver such as gcs.csi.ofek.dev, blob.csi.azure.com, s3.csi.aws.com) or a network share
   * (nfs.csi.k8s.io, smb.csi.k8s.io, EFS, Azure Files), read from the PersistentVolume the claim binds
   * to or its StorageClass's provisioner. Backed up where it lives, not from the cluster.
   */
  backend: z.object({ what: z.enum(['object store', 'network share']), via: z.string() }).optional(),
  /**
   * The CSI driver that makes the claim's volume, where the repository says: the driver of the
   * PersistentVolume it names (`spec.volumeName`) or of its class's static volumes, else its StorageClass's
   * provisioner (`driver.longhorn.io` under a class of any name). Absent where unknown.
   */
  csiDriver: z.string().optional(),
  /** For origin 'volumeClaimTemplate': the StatefulSet whose template makes the claim. */
  statefulSet: z.string().optional(),
  /** For values: the HelmRelease that declares it. */
  helmRelease: z.string().nullable(),
  /** existingClaim in values that points at this claim. */
  existingClaimOf: z.array(z.string()),
  /**
   * For origin 'operator': the custom resource, how many instances (claims) it runs, and the backup
   * the operator itself makes of it (CloudNativePG: barmanObjectStore, the barman-cloud plugin,
   * volume snapshots, ScheduledBackups), or null when none is configured.
   */
  operator: z
    .object({
      /** As shown: `CloudNativePG Cluster pg`. */
      kind: z.string(),
      /** The custom resource's name (what a ScheduledBackup's spec.cluster.name names). */
      resource: z.string(),
      /** Which of the resource's volumes: its data, or its write-ahead log (walStorage). */
      volume: z.enum(['data', 'wal']),
      instances: z.number().int().nullable(),
      backup: z.string().nullable(),
      /**
       * The backup methods the resource's own spec configures (CloudNativePG: `barmanObjectStore`,
       * `volumeSnapshot`, `plugin:<name>`). A configuration takes no backup by itself: a
       * ScheduledBackup of that method does (and barmanObjectStore alone archives only the WAL).
       */
      configured: z.array(z.string()).optional(),
      /** Why a schedule that names the resource takes no backup (its method is not configured there). */
      notes: z.array(z.string()).optional(),
      /**
       * The resource's own labels, which the operator copies to its claims and pods only where its
       * configuration names them (CloudNativePG's INHERITED_LABELS); the claim's `labels` are what it
       * copies whatever the configuration (spec.inheritedMetadata, its own). Absent when none.
       */
      resourceLabels: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});
export type Pvc = z.output<typeof PvcSchema>;

/**
 * The repository's default StorageClass, resolved once at model time (repo/build/default-storage-class.ts):
 * a StorageClass annotated `storageclass.kubernetes.io/is-default-class: "true"`, or the class a
 * storage chart's values mark as default. Null when none is declared, or several disagree.
 */
export const DefaultStorageClassSchema = z.object({
  name: z.string(),
  /**
   * Where the default is declared: the StorageClass object, the HelmRelease whose values set it, or a
   * kustomization.yaml patch that marks a StorageClass kept elsewhere (a remote resource) as default.
   */
  source: SourceSchema,
  from: z.enum(['object', 'values', 'patch']),
});
export type DefaultStorageClass = z.output<typeof DefaultStorageClassSchema>;

/** The class a claim gets: its own `storageClassName`, else the repository's default; null when neither is known. */
export function effectiveStorageClass(pvc: Pick<Pvc, 'storageClass'>, model: { defaultStorageClass?: DefaultStorageClass | null }): string | null {
  return pvc.storageClass ?? model.defaultStorageClass?.name ?? null;
}

/** A backup object: k8up Schedule/Backup, VolSync ReplicationSource/Destination, Longhorn RecurringJob, Velero Schedule, kopiur SnapshotPolicy/SnapshotSchedule/Restore. */
export const BackupObjectSchema = z.object({
  ...KObjectBase,
  system: z.enum(['k8up', 'volsync', 'longhorn', 'velero', 'kopiur']),
  schedule: z.string().nullable(),
  /** PVC a VolSync ReplicationSource copies; Longhorn groups a RecurringJob serves. */
  sourcePvc: z.string().nullable(),
  groups: z.array(z.string()),
  task: z.string().nullable(),
  repository: z.string().nullable(),
  /**
   * Claims the backup writes its repository to (a VolSync mover's `moverVolumes`: a restic repository
   * on a PVC of the namespace): where backups go, not a volume that needs one. Absent when none.
   */
  repositoryClaims: z.array(z.string()).optional(),
  /**
   * A VolSync ReplicationSource's restic or kopia mover, with the settings a ReplicationDestination
   * restoring from it needs as well (moverVolumes where the repository lives, moverSecurityContext,
   * cache, service account); a KopiaMaintenance's, kopia with its moverVolumes; absent for other
   * movers and objects.
   */
  mover: z.object({ type: z.enum(['restic', 'kopia']), settings: z.record(z.string(), z.unknown()) }).optional(),
  /**
   * A VolSync ReplicationDestination: its mover (`restic`, `kopia`, `rclone` ...) and the claim each run
   * writes into (`destinationPVC`, of any mover), or null where it writes none: a run then makes a new
   * volume or snapshot (`status.latestImage`), which fills only a claim created with it as its
   * `dataSourceRef` (a volume populator). Absent for other objects.
   */
  destination: z
    .object({
      mover: z.string().nullable(),
      pvc: z.string().nullable(),
      /**
       * The mover's `enableFileDeletion` (restic, kopia), where set: whether a restore deletes the files
       * of the claim that the snapshot does not hold. A restore into the live claim carries it over.
       */
      enableFileDeletion: z.boolean().optional(),
    })
    .optional(),
  /**
   * What a Velero Schedule (its `template`) or Backup backs up: the namespaces it includes and leaves
   * out (none included = every namespace), and how it takes volume data: `snapshotVolumes` (unset:
   * Velero takes snapshots where a snapshot location or CSI serves the volume) and
   * `defaultVolumesToFsBackup` (unset: the server's default). Absent for other objects.
   */
  velero: z
    .object({
      includedNamespaces: z.array(z.string()),
      excludedNamespaces: z.array(z.string()),
      snapshotVolumes: z.boolean().nullable(),
      defaultVolumesToFsBackup: z.boolean().nullable(),
      /**
       * `labelSelector`, as requirements (matchLabels as `In`): only objects whose labels it selects are
       * taken, and the claims of the pods it takes. Absent where none is set (or it is empty: everything).
       */
      labelSelector: z.array(SelectorRequirementSchema).optional(),
      /** `orLabelSelectors`: objects any of them selects. Absent where none is set, or one of them is empty. */
      orLabelSelectors: z.array(z.array(SelectorRequirementSchema)).optional(),
      /**
       * Resources it takes and leaves out, as written (`persistentvolumeclaims`, `pvc`, `*`), lowercased:
       * `includedResources` with `includedNamespaceScopedResources`, `excludedResources` with the
       * `excluded{Namespace,Cluster}ScopedResources` of Velero 1.11 (the two forms are never mixed).
       * Absent where none is written.
       */
      includedResources: z.array(z.string()).optional(),
      excludedResources: z.array(z.string()).optional(),
      /** `includeClusterResources`: false leaves out every cluster-scoped object, PersistentVolumes among them. Absent where unset. */
      includeClusterResources: z.boolean().optional(),
      /** `volumeSnapshotLocations`: where its provider snapshots go; absent where unset (the server's defaults). */
      volumeSnapshotLocations: z.array(z.string()).optional(),
    })
    .optional(),
});
export type BackupObject = z.output<typeof BackupObjectSchema>;

/** A backup signal on a volume: an annotation or label on a PVC or in persistence values. */
export const BackupSignalSchema = z.object({
  system: z.enum(['k8up', 'volsync', 'longhorn', 'velero', 'kopiur']),
  detail: z.string(),
  source: SourceSchema,
});
export type BackupSignal = z.output<typeof BackupSignalSchema>;

export type VeleroScope = NonNullable<BackupObject['velero']>;

/** A Velero backup spec's reach (a Schedule's `template`, a Backup's `spec`, the chart's `schedules.<name>.template`). */
export function veleroScope(t: Record<string, unknown>): VeleroScope {
  const names = (v: unknown) => arr(v).flatMap((n) => (str(n) ? [str(n)!] : []));
  const resources = (...keys: string[]) => keys.flatMap((k) => names(t[k])).map((r) => r.toLowerCase());
  const selector = selectorRequirements(t.labelSelector);
  const or = arr(t.orLabelSelectors).map(selectorRequirements);
  const included = resources('includedResources', 'includedNamespaceScopedResources');
  const excluded = resources('excludedResources', 'excludedNamespaceScopedResources', 'excludedClusterScopedResources');
  const clusterResources = bool(t.includeClusterResources);
  const locations = names(t.volumeSnapshotLocations);
  return {
    includedNamespaces: names(t.includedNamespaces),
    excludedNamespaces: names(t.excludedNamespaces),
    snapshotVolumes: bool(t.snapshotVolumes),
    // Velero before 1.10 called it defaultVolumesToRestic.
    defaultVolumesToFsBackup: bool(t.defaultVolumesToFsBackup) ?? bool(t.defaultVolumesToRestic),
    // (An empty selector selects everything, as none does; so does an empty one among orLabelSelectors.)
    ...(selector.length > 0 ? { labelSelector: selector } : {}),
    ...(or.length > 0 && or.every((r) => r.length > 0) ? { orLabelSelectors: or } : {}),
    ...(included.length > 0 ? { includedResources: included } : {}),
    ...(excluded.length > 0 ? { excludedResources: excluded } : {}),
    ...(clusterResources !== null ? { includeClusterResources: clusterResources } : {}),
    ...(locations.length > 0 ? { volumeSnapshotLocations: locations } : {}),
  };
}

/** A job named for a backup or a dump (`portainer-backup`, `db-dump`, `nightly-backups`): read by the model's backup jobs and the backup matrix. */
export const BACKUP_NAME = /(^|[-_.])(backups?|dumps?|snapshots?)([-_.]|$)/i;
