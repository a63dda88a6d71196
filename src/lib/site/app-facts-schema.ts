import { z } from 'zod';

/**
 * The facts an app page shows, as plain data: the same object is rendered as HTML on the site and
 * as Markdown in the README export, so it carries no markup. Every fact has a `ref` (file, line)
 * so a reader can check it against the manifest. Sections are empty arrays / null where the repo
 * says nothing, and the page leaves them out.
 */

/** Where a fact was read: repo-relative POSIX path and 1-based line. */
export const RefSchema = z.object({ file: z.string(), line: z.number().int().min(1) });

/** Another app a fact points to (dependsOn), with its page path when it has one. */
const AppLinkSchema = z.object({
  /** `name` of the Flux Kustomization, or of the HelmRelease (a release's spec.dependsOn), as written in dependsOn. */
  name: z.string(),
  namespace: z.string().nullable(),
  /** Id of the app the Kustomization belongs to; null when it is not in the repo. */
  appId: z.string().nullable(),
  /** Site path of that app (`/apps/...`), base-free. */
  path: z.string().nullable(),
  ref: RefSchema,
  /** Where appId is null but the repository has that Kustomization for other clusters only: those clusters. */
  otherClusters: z.array(z.string()).optional(),
  /**
   * The entry is of a Kustomization no build applies, or names one (left out of its folder's
   * kustomization.yaml, commented out): Flux acts on it only once that Kustomization is applied.
   */
  notApplied: z.literal(true).optional(),
});
export type AppLink = z.output<typeof AppLinkSchema>;

/** How a page and a README mark a link with notApplied, and what the mark means (the page's tooltip). */
export const NOT_APPLIED = 'not applied';
export const NOT_APPLIED_WHY = 'The dependsOn entry is of, or names, a Flux Kustomization that is in the repository but that no build applies: Flux acts on it only once it is applied.';

const PurposeSchema = z.object({
  /** readme: hand-written README.md (Markdown, untrusted); description: an annotation; fallback: nobody wrote one. */
  kind: z.enum(['readme', 'description', 'fallback']),
  text: z.string(),
  ref: RefSchema.nullable(),
});

const DeploymentSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string().nullable(),
  path: z.string().nullable(),
  interval: z.string().nullable(),
  timeout: z.string().nullable(),
  /** `spec.retryInterval`: how soon a failed reconciliation is tried again (null: unset, Flux then waits the interval). */
  retryInterval: z.string().nullable(),
  wait: z.boolean().nullable(),
  prune: z.boolean().nullable(),
  suspend: z.boolean(),
  targetNamespace: z.string().nullable(),
  /**
   * `spec.decryption`: the provider (`sops`) and the name of the Secret its `secretRef` names, in the
   * Kustomization's namespace (null where it names none: the controller's own keys). Never a key. Null without decryption.
   */
  decryption: z.object({ provider: z.string(), secret: z.string().nullable() }).nullable(),
  /** `Kind/name` of the Flux source. */
  source: z.string().nullable(),
  /** Names of postBuild.substitute variables (values are not shown). */
  substitutions: z.array(z.string()),
  /** `Kind/name` of postBuild.substituteFrom entries. */
  substituteFrom: z.array(z.string()),
  /** 'commented' / 'file' when switched off in the repo. */
  disabled: z.string().nullable(),
  ref: RefSchema,
});

/** One Flux setting of a HelmRelease: a scalar at a dotted path under spec, or a list's number of entries. */
const ReleaseSettingFactSchema = z.object({
  /** Dotted path under `spec`: `upgrade.remediation.retries`. */
  path: z.string(),
  // (Integer, which the API's counts are: a JSON Schema of `type: [string, number, boolean]` is refused by strict validators, anyOf is not.)
  /** As built: a string (an enum, a duration, a name, a `${VAR}` Flux left), an integer (retries, maxHistory, a list's entries) or a boolean. */
  value: z.union([z.string(), z.number().int(), z.boolean()]),
  /** `value` is the number of entries of a list (`driftDetection.ignore`, `test.filters`). */
  list: z.literal(true).optional(),
  ref: RefSchema,
});
export type ReleaseSettingFact = z.output<typeof ReleaseSettingFactSchema>;

const ChartSchema = z.object({
  release: z.string(),
  releaseName: z.string(),
  chart: z.string().nullable(),
  /**
   * Where the chart's name is unknown because its chartRef's source is not in the repository: what
   * stands in its place ("chart of OCIRepository/glance, not in the repository"), never the source's
   * name as the chart's. Absent otherwise.
   */
  chartOf: z.string().optional(),
  version: z.string().nullable(),
  /** HelmRepository URL or OCIRepository URL/ref, where the repo defines it. */
  repository: z.string().nullable(),
  sourceRef: z.string().nullable(),
  /** The HelmRelease's own `spec.interval` and `spec.timeout` (its Flux settings; null when unset). */
  interval: z.string().nullable(),
  timeout: z.string().nullable(),
  /** `spec.suspend: true` as built: helm-controller does not reconcile the release. */
  suspend: z.boolean(),
  /**
   * Its other Flux settings as built (the model's HelmRelease.settings: `suspend`, `install.*`,
   * `upgrade.*`, `rollback.*`, `uninstall.*`, `test.*`, `driftDetection.*`, `maxHistory`,
   * `serviceAccountName`, `storageNamespace`, `persistentClient`), each where it is written (the patch
   * entry that set it, where one did). Nothing of values, valuesFrom or postRenderers. Empty when none.
   */
  settings: z.array(ReleaseSettingFactSchema),
  ref: RefSchema,
  /**
   * Where a patch sets the version (an overlay's, a Component's, a Flux Kustomization's spec.patches),
   * outside the file of the object that holds it (the release, a chartRef's OCIRepository or HelmChart).
   * Absent otherwise.
   */
  versionRef: RefSchema.optional(),
  /**
   * spec.valuesFrom, in order: each ConfigMap or Secret the release reads its values from, whether the
   * repository makes it in the release's namespace, where helm-controller reads it (null: not known here,
   * values-from-sources.ts), and where the entry is written.
   */
  valuesFrom: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      optional: z.boolean(),
      defined: z.boolean().nullable(),
      /** Where `defined` is false: the namespaces that do make one of that name, none of them the release's. Absent otherwise. */
      definedOnlyIn: z.array(z.string()).optional(),
      /** A namePrefix or nameSuffix renames it to this; the reference keeps the name as written. */
      renamedTo: z.string().optional(),
      ref: RefSchema,
    }),
  ),
});

const ImageSchema = z.object({
  repository: z.string(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  path: z.string(),
  ref: RefSchema,
  /** Only the tag is set; `repository` describes the chart's default image (ImageRef.chartDefault). */
  chartDefault: z.boolean(),
  /** A HelmRelease's values (`path` is the values path), or a workload manifest (`path` names the workload and container). */
  origin: z.enum(['values', 'manifest']),
  /** The Flux ImagePolicy (`namespace/name`) whose setter marker has image automation write this tag; null when none. */
  policy: z.string().nullable(),
});

const EndpointFactSchema = z.object({
  kind: z.string(),
  name: z.string(),
  hosts: z.array(z.string()),
  className: z.string().nullable(),
  exposure: z.enum(['internal', 'external', 'unknown']),
  gatus: z.boolean(),
  /**
   * A Gateway API route that no Gateway it names accepts (or defines): why, one clause a Gateway
   * (`Gateway network/internal: listener http admits routes of namespace network only, not of web`).
   * Absent for a route that attaches, or may, and for other endpoints.
   */
  notAttached: z.string().optional(),
  /** A route written with another app (this id) that sends traffic to this app's Services; absent for the app's own. */
  definedIn: z.string().optional(),
  ref: RefSchema,
});

/** An IPv4 or IPv6 address as written (a load balancer's or a Gateway's), not a host name. */
const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7})(\/\d{1,3})?$/i;

/**
 * The heading of the endpoints table's first column: "Hosts", or "Hosts and addresses" where a row
 * lists an IP address (a LoadBalancer Service's, a Gateway's `spec.addresses`), which is no host name.
 */
export function endpointHostsHeading(endpoints: readonly { hosts: readonly string[] }[]): string {
  return endpoints.some((e) => e.hosts.some((h) => IP_ADDRESS.test(h))) ? 'Hosts and addresses' : 'Hosts';
}

const BackupCoverSchema = z.object({ system: z.string(), detail: z.string(), ref: RefSchema });

const VolumeSchema = z.object({
  name: z.string(),
  size: z.string().nullable(),
  storageClass: z.string().nullable(),
  accessModes: z.array(z.string()),
  origin: z.string(),
  existingClaimOf: z.array(z.string()),
  backups: z.array(BackupCoverSchema),
  /** Why no backup applies to it (a network share, a cache, a backup repository), as the backup matrix says; null otherwise. */
  notNeeded: z.string().nullable(),
  /**
   * What may back it up where the repository does not tell whether it does (a Velero schedule that takes
   * the claim, whose volume's StorageClass or snapshot class is made outside the repository): neither
   * backed up nor missing. Absent otherwise.
   */
  backupNotKnown: z.string().optional(),
  /** A claim of another app (this id) that this app mounts: listed here, backed up there. Absent for the app's own. */
  sharedFrom: z.string().optional(),
  /**
   * A claim no manifest or values the model reads declares (a chart's or an operator's own, such as
   * bitnami postgresql's `data-postgresql-0`), known by the backup that copies it: its size and class
   * are not known here. Absent for every other claim.
   */
  namedByBackup: z.literal(true).optional(),
  ref: RefSchema,
});

/** How the app consumes a Secret: envFrom, secretKeyRef, volume, imagePullSecrets, existingSecret, tls (an ingress's certificate), substituteFrom. */
const UsedBy = z.array(z.string());

const SecretsSchema = z.object({
  sops: z.array(z.object({ file: z.string(), objects: z.array(z.object({ kind: z.string().nullable(), name: z.string().nullable(), keys: z.array(z.string()), usedBy: UsedBy })), recipients: z.number().int(), ref: RefSchema })),
  externalSecrets: z.array(z.object({ name: z.string(), target: z.string(), stores: z.array(z.string()), storeFound: z.boolean(), refreshInterval: z.string().nullable(), keys: z.array(z.string()), unnamedKeysFrom: z.array(z.enum(['dataFrom', 'templateFrom'])), usedBy: UsedBy, ref: RefSchema })),
  /**
   * ClusterExternalSecrets: the Secret (`target`) of the ExternalSecret each makes in the namespaces it
   * picks: those the repository knows (`namespaces`), every one (`everyNamespace`), and, `bySelector`,
   * the namespaces its selector picks whose labels the repository does not hold.
   */
  clusterExternalSecrets: z.array(
    z.object({
      name: z.string(),
      target: z.string(),
      stores: z.array(z.string()),
      storeFound: z.boolean(),
      refreshInterval: z.string().nullable(),
      keys: z.array(z.string()),
      unnamedKeysFrom: z.array(z.enum(['dataFrom', 'templateFrom'])),
      namespaces: z.array(z.string()),
      everyNamespace: z.boolean(),
      bySelector: z.boolean(),
      ref: RefSchema,
    }),
  ),
  /** PushSecrets: the Secret of its namespace each writes to its stores (`null`: a generator's value), and the keys it pushes (none: all). */
  pushSecrets: z.array(z.object({ name: z.string(), secret: z.string().nullable(), stores: z.array(z.string()), storeFound: z.boolean(), keys: z.array(z.string()), ref: RefSchema })),
  plain: z.array(z.object({ name: z.string(), keys: z.array(z.string()), encrypted: z.boolean(), usedBy: UsedBy, ref: RefSchema })),
  /** Bitnami SealedSecrets: each is unsealed into a Secret of its name. */
  sealed: z.array(z.object({ name: z.string(), keys: z.array(z.string()), scope: z.enum(['strict', 'namespace-wide', 'cluster-wide']), usedBy: UsedBy, ref: RefSchema })),
  /** Secrets other operators sync from outside stores (OnePasswordItem, VaultStaticSecret, SecretProviderClass ...). */
  synced: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      operator: z.string(),
      from: z.string().nullable(),
      makes: z.array(z.object({ name: z.string(), keys: z.array(z.string()), usedBy: UsedBy })),
      ref: RefSchema,
    }),
  ),
  /** Secret names the app's HelmRelease values (existingSecret, secretRef, envFrom ...), workload pod specs and other objects' secret references name. */
  referenced: z.array(z.string()),
  /**
   * Every Secret the app uses (its values, workload manifests, valuesFrom, substituteFrom, a VolSync
   * repository), by name, with how: `defined` says whether the repository makes a Secret of that name in
   * the namespace it is read in (false: it must be made outside the repository, by hand or by an operator
   * the model does not read; null: the name is a template, or a ClusterExternalSecret's selector may pick
   * the namespace, `pickedBy`). Names only.
   */
  used: z.array(
    z.object({
      name: z.string(),
      usedBy: UsedBy,
      defined: z.boolean().nullable(),
      /** Where `defined` is false: the namespaces that do make a Secret of that name, none of them the one it is read in. Absent otherwise. */
      definedOnlyIn: z.array(z.string()).optional(),
      /**
       * Where `defined` is null because ClusterExternalSecrets make it in the namespaces their selector
       * picks, and the repository does not hold the labels that decide whether it picks this one: their
       * names. Absent otherwise.
       */
      pickedBy: z.array(z.string()).optional(),
    }),
  ),
});

const BackupSchema = z.object({
  /**
   * none: no storage; covered: every volume has a backup; partial; missing: storage and nothing covers it;
   * unknown: no volume is known to lack a backup, but whether a backup holds some is not known.
   */
  status: z.enum(['none', 'covered', 'partial', 'missing', 'unknown']),
  /**
   * The app's backup objects; `note` says what one is where it is not a backup of volumes to a backup
   * target (a Longhorn snapshot job: a local snapshot). Upkeep jobs (Longhorn's filesystem-trim,
   * snapshot-cleanup) are not listed.
   */
  objects: z.array(z.object({ kind: z.string(), name: z.string(), system: z.string(), schedule: z.string().nullable(), note: z.string().optional(), ref: RefSchema })),
  /** Volumes no backup covers. */
  uncovered: z.array(z.string()),
  /** Volumes whose backup the repository does not tell (their `backupNotKnown`); absent when none. */
  notKnown: z.array(z.string()).optional(),
});

const MonitoringSchema = z.object({
  monitors: z.array(z.object({ kind: z.string(), name: z.string(), rules: z.number().int(), ref: RefSchema })),
  /** How else the app is monitored, as /health/monitoring/ says it: its chart monitors itself, another app scrapes it. */
  monitoredBy: z.array(z.object({ what: z.string(), ref: RefSchema })),
  networkPolicies: z.array(z.object({ kind: z.string(), name: z.string(), why: z.string(), defaultDeny: z.boolean(), ref: RefSchema })),
  /** Why the app's network coverage is not judged (Flux's own install elsewhere, an app that runs no pod), or null. */
  networkUnknown: z.string().nullable(),
  policyExceptions: z.array(z.object({ name: z.string(), policies: z.array(z.string()), ref: RefSchema })),
  resources: z.array(z.object({ path: z.string(), requests: z.record(z.string(), z.string()), limits: z.record(z.string(), z.string()), ref: RefSchema })),
  securityContext: z.array(z.object({ path: z.string(), setting: z.string(), value: z.string(), ref: RefSchema })),
});

const FindingFactSchema = z.object({ code: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), ref: RefSchema });

export const AppFactsSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  /**
   * The other namespaces the app's objects are in, sorted (a Kustomization of databases in three
   * namespaces is filed under one): the page says so rather than name one alone. Empty for most apps.
   */
  otherNamespaces: z.array(z.string()),
  cluster: z.string().nullable(),
  dir: z.string(),
  /**
   * Where every live Kustomization of the app builds another source's artifact (another Git
   * repository, an upstream OCI artifact, this repository at another branch): that source and its
   * URL. What it deploys is not read here, so the page claims nothing about its monitoring, network
   * policies or backups.
   */
  external: z
    .object({
      source: z.string(),
      url: z.string().nullable(),
      /**
       * Where that source is this repository itself (the URL of its bootstrap's GitRepository) at another
       * branch or tag: that ref (`branch feature/media`). The site shows the checked-out revision, not
       * that one. Absent for another repository.
       */
      ownRepositoryAt: z.string().optional(),
      /** With ownRepositoryAt: the Kustomization's path as a folder of the checkout, where it has one; else null. */
      checkedOut: z.string().nullable().optional(),
      /**
       * Where the repository also holds objects of the app (its own CR, a CronJob beside an operator's
       * Kustomization of another repository): the Kustomizations that build the other source, and what
       * is here (`CronJob db-backup`), sorted. Only that Kustomization's content is unknown. Absent otherwise.
       */
      partly: z.object({ kustomizations: z.array(z.string()), here: z.array(z.string()) }).optional(),
    })
    .nullable(),
  /** For an app that is one file of a folder shared with others, that file (`dir` is then no folder); else null. */
  file: z.string().nullable(),
  /**
   * For such an app, where other apps of its cluster are files of that folder too: those apps, and
   * whose page lists the folder's shared objects (its Namespace, a chart source: each object has one
   * app, the first by name it serves) with what they are (`Namespace logging`). Null otherwise.
   */
  sharedFolder: z
    .object({
      folder: z.string(),
      apps: z.array(z.object({ appId: z.string(), name: z.string(), path: z.string() })),
      shared: z.array(z.object({ appId: z.string(), name: z.string(), path: z.string(), objects: z.array(z.string()) })),
    })
    .nullable(),
  /** Site path, base-free. */
  path: z.string(),
  state: z.enum(['active', 'disabled', 'unreferenced']),
  /** Why the app is in the repository but not deployed (archived, commented out, not reached); null when deployed. */
  notDeployed: z.string().nullable(),
  /**
   * Where the repository has several clusters: the same app (same folder) on each cluster, with
   * what differs (chart versions, image tags), so one page shows the whole picture.
   */
  clusters: z.array(z.object({ cluster: z.string(), path: z.string(), here: z.boolean(), chartVersions: z.array(z.string()), images: z.array(z.string()) })),
  ref: RefSchema,
  purpose: PurposeSchema,
  /** README sections about known issues and notes, Markdown kept verbatim (untrusted). */
  notes: z.array(z.object({ heading: z.string(), markdown: z.string() })),
  deployment: z.array(DeploymentSchema),
  charts: z.array(ChartSchema),
  images: z.array(ImageSchema),
  dependsOn: z.array(AppLinkSchema),
  dependedOnBy: z.array(AppLinkSchema),
  endpoints: z.array(EndpointFactSchema),
  storage: z.array(VolumeSchema),
  secrets: SecretsSchema,
  backup: BackupSchema,
  monitoring: MonitoringSchema,
  findings: z.array(FindingFactSchema),
  /** Badges for the apps index: what the app lacks (missingBackup only where it has storage). */
  badges: z.object({ missingBackup: z.boolean(), missingMonitoring: z.boolean(), missingNetworkPolicy: z.boolean() }),
});
export type AppFacts = z.output<typeof AppFactsSchema>;
