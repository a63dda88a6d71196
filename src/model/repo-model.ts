import { z } from 'zod';
import { AppSchema } from './app.ts';
import { FindingSchema } from './finding.ts';
import { FluxKustomizationSchema, FluxSourceSchema } from './flux.ts';
import { HelmReleaseSchema } from './helm-release.ts';
import { KObjectSchema } from './k8s-object.ts';
import { KustomizeFileSchema } from './kustomize-file.ts';
import { EndpointSchema, NetworkPolicySchema } from './network.ts';
import { MonitorSchema } from './observability.ts';
import { KyvernoPolicySchema, PolicyExceptionSchema, VpaSchema } from './policy.ts';
import { ClusterExternalSecretSchema, ExternalSecretSchema, PushSecretSchema, SealedSecretSchema, SyncedSecretSchema, SecretSchema, SecretStoreSchema, SopsFileSchema, SopsRuleSchema } from './secrets.ts';
import { BackupObjectSchema, BackupSignalSchema, DefaultStorageClassSchema, PvcSchema } from './storage.ts';
import { RedactionSchema } from './raw-doc.ts';

const RepoFileSchema = z.object({
  path: z.string(),
  kind: z.enum(['yaml', 'disabled-yaml', 'markdown', 'other']),
  size: z.number().int(),
  /**
   * The archive folder the file lies in (`.archive/`), where a glob of the configuration's
   * `archive` matches it: read, shown as not deployed, never counted or checked. Absent otherwise.
   */
  archived: z.string().optional(),
  /**
   * The app the file belongs to, resolved at build time (repo/build/file-apps.ts): the one app its
   * objects were placed in, else the app whose folder holds it; absent when none. Read it through
   * `appOfPath` (model/app-of-path.ts).
   */
  appId: z.string().optional(),
  /**
   * The kustomization.yaml of the file's folder where no kustomization.yaml names the file and no Flux
   * build placed its objects (repo/build/unlisted-files.ts): Flux does not apply it, and its objects
   * are not checked. Absent otherwise.
   */
  unlisted: z.string().optional(),
  /**
   * A file a secretGenerator or configMapGenerator reads that holds a private key in plain text (a PEM
   * `PRIVATE KEY` block, not SOPS-encrypted: repo/generator-inputs.ts). Absent otherwise.
   */
  plainPrivateKey: z.literal(true).optional(),
  /**
   * A plain (not SOPS-encrypted) file a generator reads whose values look like credentials, judged as
   * a generator's literals are (repo/generator-inputs.ts): the names of those values, an `envs:`
   * file's keys or the data keys a one-line `files:` input is read under. Never a value. Absent otherwise.
   */
  plainCredentials: z.array(z.string()).optional(),
});
export type RepoFile = z.output<typeof RepoFileSchema>;

/**
 * The whole repository as one model. Every page, export and check is a view over it. Lists are
 * sorted by id (then file, then line) so that two scans of the same commit are byte-identical.
 */
export const RepoModelSchema = z.object({
  /** Display name: configured title, else the folder name. */
  name: z.string(),
  files: z.array(RepoFileSchema),
  objects: z.array(KObjectSchema),
  kustomizeFiles: z.array(KustomizeFileSchema),
  kustomizations: z.array(FluxKustomizationSchema),
  sources: z.array(FluxSourceSchema),
  helmReleases: z.array(HelmReleaseSchema),
  externalSecrets: z.array(ExternalSecretSchema),
  /** External Secrets' ClusterExternalSecrets: an ExternalSecret in each namespace they pick. */
  clusterExternalSecrets: z.array(ClusterExternalSecretSchema),
  /** External Secrets' PushSecrets: a Secret of the cluster written to a store. */
  pushSecrets: z.array(PushSecretSchema),
  secretStores: z.array(SecretStoreSchema),
  secrets: z.array(SecretSchema),
  /** Bitnami SealedSecrets: each becomes a Secret of its name in the cluster. */
  sealedSecrets: z.array(SealedSecretSchema),
  /** Secrets other operators sync from outside stores (1Password, Vault, Secrets Store CSI ...). */
  syncedSecrets: z.array(SyncedSecretSchema),
  sopsFiles: z.array(SopsFileSchema),
  sopsRules: z.array(SopsRuleSchema),
  pvcs: z.array(PvcSchema),
  /** The StorageClass a claim without `storageClassName` gets (see DefaultStorageClassSchema). */
  defaultStorageClass: DefaultStorageClassSchema.nullable(),
  backupObjects: z.array(BackupObjectSchema),
  /** Backup annotations/labels keyed by PVC id (or `values:<helmrelease id>:<key>`). */
  backupSignals: z.record(z.string(), z.array(BackupSignalSchema)),
  monitors: z.array(MonitorSchema),
  networkPolicies: z.array(NetworkPolicySchema),
  endpoints: z.array(EndpointSchema),
  kyvernoPolicies: z.array(KyvernoPolicySchema),
  policyExceptions: z.array(PolicyExceptionSchema),
  vpas: z.array(VpaSchema),
  /** Credential-like literals removed at read time (paths and lines, never values). */
  redactions: z.array(RedactionSchema),
  apps: z.array(AppSchema),
  namespaces: z.array(z.string()),
  /** Several clusters (per-cluster roots) seen; app ids then carry the cluster. */
  clusters: z.array(z.string()),
  /**
   * What the live Flux Operator ResourceSets would make, unexpanded: kind, and name and namespace as
   * templates (`infra-<< inputs.tier >>`); kind `*` for a resourcesTemplate. A dependsOn on one of
   * them is not known to be missing.
   */
  templated: z.array(z.object({ kind: z.string(), name: z.string(), namespace: z.string().nullable(), by: z.string(), cluster: z.string().nullable() })).optional(),
  findings: z.array(FindingSchema),
});
export type RepoModel = z.output<typeof RepoModelSchema>;

/** A model with every list empty: the starting point of the builder, and of tests that add only what they need. */
export function emptyRepoModel(name: string, parts: Partial<RepoModel> = {}): RepoModel {
  return {
    name,
    files: [],
    objects: [],
    kustomizeFiles: [],
    kustomizations: [],
    sources: [],
    helmReleases: [],
    externalSecrets: [],
    clusterExternalSecrets: [],
    pushSecrets: [],
    secretStores: [],
    secrets: [],
    sealedSecrets: [],
    syncedSecrets: [],
    sopsFiles: [],
    sopsRules: [],
    pvcs: [],
    defaultStorageClass: null,
    backupObjects: [],
    backupSignals: {},
    monitors: [],
    networkPolicies: [],
    endpoints: [],
    kyvernoPolicies: [],
    policyExceptions: [],
    vpas: [],
    redactions: [],
    apps: [],
    namespaces: [],
    clusters: [],
    findings: [],
    ...parts,
  };
}
