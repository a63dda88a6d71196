import { z } from 'zod';
import { SourceSchema } from './source.ts';
import { DisabledSchema, offInText } from './raw-doc.ts';

/** A reference from one object to another, as Flux writes it (`sourceRef`, `dependsOn`, `storeRef`). */
export const ObjectRefSchema = z.object({
  kind: z.string().nullable(),
  name: z.string(),
  /** The namespace as resolved (Flux defaults it to the referring object's own namespace). */
  namespace: z.string().nullable(),
  /** Whether the namespace was written in the reference or defaulted. */
  explicitNamespace: z.boolean(),
  source: SourceSchema,
  /** Written as a bare string (`- apps`), where Flux's API wants an object (`- name: apps`). Absent when an object. */
  notAnObject: z.literal(true).optional(),
});
export type ObjectRef = z.output<typeof ObjectRefSchema>;

/** A container image: in HelmRelease values, or in a workload manifest's pod template. */
export const ImageRefSchema = z.object({
  /** The image's repository; for a `chartDefault` image, a description (`default of chart seerr`). */
  repository: z.string(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  /**
   * Key path inside the values (`controllers.main.containers.app.image`); for a workload manifest,
   * the container (`containers.app`, `initContainers.migrate`).
   */
  path: z.string(),
  source: SourceSchema,
  /**
   * The values set only the tag (`image: {tag: v3.4.1}`): the repository is the chart's own default,
   * which is not in the repository, so `repository` describes it instead of naming it.
   */
  chartDefault: z.boolean().optional(),
  /**
   * The Flux ImagePolicy (`namespace/name`) whose setter marker on this image's line (`# {"$imagepolicy":
   * "flux-system:app"}`) has image automation write the tag it selects; absent when none.
   */
  policy: z.string().optional(),
  /**
   * The tag as written where it is a YAML float whose text is not what Helm receives (`tag: 1.20`:
   * `tag` is "1.2", this "1.20"); absent otherwise (IMAGE_TAG_NOT_STRING).
   */
  tagWrittenAs: z.string().optional(),
});
export type ImageRef = z.output<typeof ImageRefSchema>;

/**
 * What every Kubernetes object in the model carries. Typed projections (FluxKustomization,
 * HelmRelease, ...) extend it. Ids are `kind/namespace/name` (`kind/_cluster/name` when
 * cluster-scoped or unknown) so that output sorts and diffs deterministically.
 */
export const KObjectBase = {
  id: z.string(),
  apiVersion: z.string(),
  /** API group, '' for the core group. Objects are matched by group and kind, never by version. */
  group: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().nullable(),
  source: SourceSchema,
  /** 'commented' or 'file' (`*.dis`, `*.bak`) when switched off in the repo, 'unlisted' when its folder's kustomization.yaml leaves its file out (a root reaches the folder); null when live. */
  disabled: DisabledSchema,
  /** Id of the Flux Kustomization whose build contains this object; null when none reaches it. */
  owner: z.string().nullable(),
  /** Id of the app the object belongs to, where it belongs to one. */
  appId: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  /** The cluster whose build deploys this copy, where the repository has several clusters. */
  cluster: z.string().nullable().optional(),
  /**
   * Nothing gave this namespaced object a namespace (its metadata, a kustomize `namespace:`, a
   * targetNamespace): it is shown in `default`, where Flux's apply would not put it
   * (FLUX_NAMESPACE_NOT_SPECIFIED). Absent otherwise.
   */
  namespaceDefaulted: z.literal(true).optional(),
  /** A workload manifest's container images (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod); absent when none. */
  images: z.array(ImageRefSchema).optional(),
  /**
   * The Secrets a workload manifest's pod spec uses, each with how (`env` secretKeyRef, `envFrom`,
   * `volume`, `imagePullSecrets`), or another object's spec names (`secretRef`: a cert-manager
   * issuer's solver credentials, a Flux Receiver's token, a PushSecret's source), or an annotation
   * names (`annotation`: an Ingress's ingress-nginx auth and TLS Secrets); absent when none.
   * `namespace`: where it is read, where the object says (an annotation's `namespace/name`, else the
   * Ingress's own; a PushSecret's own). Absent where an operator reads it where it chooses.
   */
  secretUses: z.array(z.object({ name: z.string(), via: z.array(z.enum(['envFrom', 'secretKeyRef', 'volume', 'imagePullSecrets', 'secretRef', 'annotation'])), namespace: z.string().optional() })).optional(),
  /**
   * The Secrets an operator makes of this object, by name, in its namespace (a cert-manager
   * Certificate's `spec.secretName` and an issuer-annotated Ingress's tls secrets, a CloudNativePG
   * Cluster's credentials and certificates, a Talos ServiceAccount's own name); absent when none.
   */
  makesSecrets: z.array(z.string()).optional(),
  /**
   * A CronJob that reads like the app's own backup job (named for one, or running a backup or dump
   * tool): the claims its pod mounts to copy from (not those named as the backup's destination).
   */
  backsUpClaims: z.array(z.string()).optional(),
  /**
   * A CronJob that runs a database dump tool (pg_dump, mysqldump ...): the database hosts it names (an env
   * value of a `*HOST`/`*SERVER` variable, a `-h`/`--host` argument), without their port. Host names only.
   */
  dumpsHosts: z.array(z.string()).optional(),
  /** A workload manifest's pod spec: the claims it mounts (`volumes[].persistentVolumeClaim.claimName`); absent when none. */
  mountsClaims: z.array(z.string()).optional(),
  /**
   * A workload manifest's pod annotation `backup.velero.io/backup-volumes` (Velero's opt-in to file-system
   * backup, which names pod volumes): the claims of the volumes it names. Absent when none.
   */
  fsBackupClaims: z.array(z.string()).optional(),
  /**
   * A KEDA ScaledObject's `spec.scaleTargetRef` (keda.sh): the workload KEDA scales, its API group and
   * kind as KEDA defaults them (`apps`, `Deployment`). A restore that scales the workload down must pause
   * it first, or KEDA scales it back up. Absent for other objects, or where the name is not known.
   */
  scaleTarget: z.object({ group: z.string(), kind: z.string(), name: z.string() }).optional(),
  /** A workload manifest's pod spec: the NFS shares it mounts (`volumes[].nfs`), each with its volume's name; absent when none. */
  nfsShares: z.array(z.object({ volume: z.string(), server: z.string(), path: z.string(), readOnly: z.boolean() })).optional(),
  /**
   * A Flux Operator FluxInstance's `spec.distribution.version` and where it is written: the Flux release
   * the operator installs, the newest one a range allows (`2.6.x`, `2.x`) or the one named (`2.6.4`).
   * Absent for other objects, or where the instance names none.
   */
  fluxVersion: z.object({ version: z.string(), source: SourceSchema }).optional(),
  /**
   * A FluxInstance's `spec.cluster.networkPolicy` (true where unset, the operator's default): whether the
   * NetworkPolicies of Flux's install (allow-egress, allow-scraping, allow-webhooks) are applied in its
   * namespace. Absent for other objects.
   */
  fluxNetworkPolicy: z.boolean().optional(),
  /** A workload manifest's pod template annotations for Prometheus (`prometheus.io/scrape`, `/port`, `/path`); absent when none. */
  podAnnotations: z.record(z.string(), z.string()).optional(),
  /**
   * A workload manifest's pod template labels (a bare Pod's own), as its build leaves them (kustomize
   * `commonLabels` and `labels` with `includeTemplates` added): what a PodMonitor's selector picks pods
   * by. Absent when none, and for objects other than workloads.
   */
  podLabels: z.record(z.string(), z.string()).optional(),
  /**
   * A StorageClass's `provisioner`, a VolumeSnapshotClass's `driver`: the driver whose volumes it makes,
   * or snapshots (what Velero matches a claim's volume with a snapshot class by). Absent for other objects.
   */
  driver: z.string().optional(),
  /** A Velero VolumeSnapshotLocation's `spec.provider` (`aws`, `csi` ...); absent for other objects. */
  snapshotProvider: z.string().optional(),
  /**
   * Where a backup system writes, as a URL: a Velero BackupStorageLocation's `spec.config.s3Url`, a
   * CloudNativePG Cluster's `spec.backup.barmanObjectStore.endpointURL`, a barman-cloud ObjectStore's
   * `spec.configuration.endpointURL`. Absent for other objects, and where none is written.
   */
  backupTarget: z.string().optional(),
};

export const KObjectSchema = z.object(KObjectBase);

/** Where each workload kind (`group/kind`) keeps its pod spec: the objects whose containers' images the model reads. */
export const WORKLOAD_POD_SPEC: Readonly<Record<string, string>> = {
  'apps/Deployment': 'spec.template.spec',
  'apps/StatefulSet': 'spec.template.spec',
  'apps/DaemonSet': 'spec.template.spec',
  'apps/ReplicaSet': 'spec.template.spec',
  'batch/Job': 'spec.template.spec',
  'batch/CronJob': 'spec.jobTemplate.spec.template.spec',
  '/Pod': 'spec',
};

/** A Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod. */
export function isWorkload(o: Pick<KObject, 'group' | 'kind'>): boolean {
  return Object.hasOwn(WORKLOAD_POD_SPEC, `${o.group}/${o.kind}`);
}
export type KObject = z.output<typeof KObjectSchema>;

/**
 * Kinds that configure, route, guard or feed what runs and run no pod themselves: the core's
 * configuration, Kubernetes' networking, RBAC, policy, storage and autoscaling objects, Flux's sources,
 * Kustomizations and notifications, secrets' objects, certificates, monitors and rules, routes, and the
 * CNI's and policy engines' objects. Not the Prometheus or Alertmanager an operator runs for its
 * resource, nor a Gateway (Istio and NGINX Gateway Fabric run a proxy for each), nor a FluxInstance or
 * ResourceSet (the Flux Operator runs Flux's controllers and makes workloads from them).
 */
const CONFIGURES_ONLY = new RegExp(
  '^(' +
    [
      '/(ConfigMap|Secret|Service|ServiceAccount|PersistentVolumeClaim|PersistentVolume|Namespace|Endpoints|LimitRange|ResourceQuota)',
      '(networking|rbac\\.authorization|storage|scheduling|node|discovery|coordination|admissionregistration|apiextensions)\\.k8s\\.io/.*',
      'policy/.*',
      'autoscaling(\\.k8s\\.io)?/.*',
      '(source|kustomize|notification|image)\\.toolkit\\.fluxcd\\.io/.*',
      'fluxcd\\.controlplane\\.io/(FluxReport|ResourceSetInputProvider)',
      '(external-secrets\\.io|bitnami\\.com|(acme\\.)?cert-manager\\.io|cilium\\.io|kyverno\\.io|traefik\\.(io|containo\\.us))/.*',
      'monitoring\\.coreos\\.com/(ServiceMonitor|PodMonitor|PrometheusRule|Probe|ScrapeConfig|AlertmanagerConfig)',
      'gateway\\.networking\\.k8s\\.io/(HTTPRoute|GRPCRoute|TCPRoute|TLSRoute|UDPRoute|ReferenceGrant|GatewayClass|BackendTLSPolicy)',
    ].join('|') +
    ')$',
);

/**
 * Whether an object may run pods: a workload, a HelmRelease (its chart's), or a kind not known to
 * configure only (an operator's resource, a CloudNativePG Cluster, makes pods the repository does not
 * spell out). An app none of whose objects may is asked for no monitoring and no NetworkPolicy.
 */
export function mayRunPods(o: Pick<KObject, 'group' | 'kind'>): boolean {
  return isWorkload(o) || (o.group === 'helm.toolkit.fluxcd.io' && o.kind === 'HelmRelease') || !CONFIGURES_ONLY.test(`${o.group}/${o.kind}`);
}

/** An object's id without the `#2` uniqueIds gives a second document of the same object. */
export function plainId(id: string): string {
  return id.replace(/#\d+$/, '');
}

/**
 * Object id as used everywhere: `Kind/namespace/name`, with `@cluster` after it where the repository
 * has several clusters (each cluster's copy of a shared base is an object of its own).
 */
export function objectId(kind: string, namespace: string | null, name: string, cluster: string | null = null): string {
  return `${kind}/${namespace ?? '_cluster'}/${name}${cluster ? `@${cluster}` : ''}`;
}

/** Split `group/version` (or `v1` for the core group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Lifecycle state an operator cares about, derived from `disabled` and `owner`. A document its
 * folder's kustomization.yaml leaves out ('unlisted') is unreferenced: no Kustomization applies it.
 */
export function objectState(o: Pick<KObject, 'disabled' | 'owner'> & { isRoot?: boolean }): 'active' | 'disabled' | 'unreferenced' {
  if (offInText(o.disabled)) return 'disabled';
  // A cluster root (the bootstrap's Kustomization) has no owner in the repository: it applies itself.
  return o.owner || o.isRoot === true ? 'active' : 'unreferenced';
}
