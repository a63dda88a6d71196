/**
 * zod schemas for the analyses whose results are TypeScript interfaces rather than zod schemas
 * (dependency graph, secrets inventory, roadmap checks, counts). Each is declared with
 * `satisfies z.ZodType<Interface>`, so that when an analysis gains a field the type checker names
 * the schema to extend, and the JSON export can never silently drop a required field. Pieces that
 * the model already defines (Source, Finding, roadmap items) are reused, never restated.
 */
import { z } from 'zod';
import type { Counts } from '../../analysis/counts.ts';
import type { DepGraph } from '../../analysis/graph/types.ts';
import type { ItemCheckResult } from '../../analysis/roadmap/check-roadmap.ts';
import type { CompletedNote } from '../../analysis/roadmap/completed-check.ts';
import type { MeasuredProgress } from '../../analysis/roadmap/progress-measured.ts';
import type { BurndownPoint } from '../../analysis/roadmap/burndown.ts';
import type { SecretsInventory } from '../../analysis/secrets/types.ts';
import { RoadmapPrioritySchema, RoadmapStatusSchema } from '../../model/roadmap.ts';
import { GeneratorUseSchema } from '../../model/secrets.ts';
import { SourceSchema } from '../../model/source.ts';

const int = z.number().int();

/**
 * `Record<Enum, number>` as an object with every key named: `z.record(enum, ...)` gives
 * `propertyNames` + `required` without `properties`, which ajv's strict mode rejects.
 */
function countsBy<const K extends string>(keys: readonly K[]) {
  return z.object(Object.fromEntries(keys.map((k) => [k, int])) as { [P in K]: typeof int });
}

/** The dependency graph: Flux Kustomizations and HelmReleases, and their dependsOn edges. */
export const DepGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['kustomization', 'helmrelease']),
      name: z.string(),
      /** metadata.namespace: where the Flux object lives (its id is `Kind/namespace/name`). */
      namespace: z.string().nullable(),
      /** The namespace the graph pages file it under: its own, or `_cluster` where it has none. */
      group: z.string(),
      /** spec.targetNamespace: where it puts what it applies, or null. */
      targetNamespace: z.string().nullable(),
      appId: z.string().nullable(),
      cluster: z.string().nullable(),
      reachedFromRoot: z.boolean(),
      isRoot: z.boolean(),
      wait: z.boolean(),
      healthChecks: int,
      suspended: z.boolean(),
      source: SourceSchema,
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.enum(['kustomization', 'helmrelease']), resolved: z.boolean(), source: SourceSchema })),
  cycles: z.array(z.array(z.string())),
  cyclesTruncated: z.boolean(),
}) satisfies z.ZodType<DepGraph>;

const RecipientSchema = z.object({
  type: z.enum(['age', 'pgp', 'kms', 'gcp-kms', 'azure-kv', 'hc-vault']),
  /** A public key or key id: who can decrypt, never a secret. */
  id: z.string(),
  short: z.string(),
  name: z.string().nullable(),
});
const RuleRefSchema = z.object({ index: int, pathRegex: z.string().nullable(), source: SourceSchema });
const PlainStatusSchema = z.enum(['real', 'unverified', 'templated', 'public', 'ciphertext', 'service-account-token', 'example', 'empty']);

/** What every object row of the inventory starts with (ExternalSecrets, SealedSecrets, plain Secrets). */
const objectRow = { id: z.string(), name: z.string(), namespace: z.string().nullable(), appId: z.string().nullable(), source: SourceSchema, disabled: z.boolean(), notDeployed: z.literal(true).optional() };

const ExternalSecretRowSchema = z.object({
  ...objectRow,
  stores: z.array(z.object({ kind: z.string(), name: z.string(), found: z.boolean() })),
  storeFound: z.boolean(),
  refreshInterval: z.string(),
  refreshIntervalSet: z.boolean(),
  refreshPolicy: z.string().nullable(),
  target: z.string(),
  data: z.array(z.object({ secretKey: z.string(), remoteKey: z.string().nullable(), property: z.string().nullable() })),
  dataFrom: z.array(z.object({ extract: z.string().nullable(), find: z.string().nullable() })),
  keys: z.array(z.string()),
  unnamedKeysFrom: z.array(z.enum(['dataFrom', 'templateFrom'])),
});

/** The secrets inventory: names, kinds, keys, recipients and stores. It holds no value to leave out. */
export const SecretsInventorySchema = z.object({
  summary: z.object({
    sopsFiles: int,
    sopsDocuments: int,
    externalSecrets: int,
    externalSecretObjects: int,
    externalSecretsWithRefreshInterval: int,
    externalSecretsWithoutRefreshInterval: int,
    clusterExternalSecrets: int,
    pushSecrets: int,
    secretStores: int,
    sealedSecrets: int,
    syncedSecrets: int,
    plainSecrets: int,
    plainSecretsByStatus: countsBy(PlainStatusSchema.options),
    hardcodedCredentials: int,
    sopsNotEncrypted: int,
    sopsMissingRecipients: int,
  }),
  sopsRules: z.array(RuleRefSchema.extend({ encryptedRegex: z.string().nullable(), recipients: z.array(RecipientSchema) })),
  sopsFiles: z.array(
    z.object({
      file: z.string(),
      source: SourceSchema,
      appId: z.string().nullable(),
      disabled: z.boolean(),
      notDeployed: z.literal(true).optional(),
      documents: z.array(z.object({ kind: z.string().nullable(), name: z.string().nullable(), namespace: z.string().nullable(), keys: z.array(z.string()) })),
      generatedInto: z.array(GeneratorUseSchema),
      recipients: z.array(RecipientSchema),
      lastmodified: z.string().nullable(),
      gitChanged: z.string().nullable(),
      encryptedRegex: z.string().nullable(),
      encryptedSuffix: z.string().nullable(),
      unencryptedRegex: z.string().nullable(),
      unencryptedSuffix: z.string().nullable(),
      encryptedCommentRegex: z.string().optional(),
      unencryptedCommentRegex: z.string().optional(),
      version: z.string().nullable(),
      rule: RuleRefSchema.nullable(),
      /** The rule of the same `.sops.yaml` the file was made under, whose path_regex its path does not match. */
      madeUnder: RuleRefSchema.optional(),
      missingRecipients: z.array(RecipientSchema),
      extraRecipients: z.array(RecipientSchema),
      plainValuePaths: z.array(z.string()),
    }),
  ),
  notEncrypted: z.array(z.object({ file: z.string(), source: SourceSchema, rule: RuleRefSchema, reason: z.enum(['sops-file-name', 'secret-with-values']) })),
  externalSecrets: z.array(ExternalSecretRowSchema),
  /** ClusterExternalSecrets: the ExternalSecret each makes, and the namespaces it is known to make it in. */
  clusterExternalSecrets: z.array(
    ExternalSecretRowSchema.extend({
      externalSecretName: z.string(),
      namespaces: z.array(z.string()),
      everyNamespace: z.boolean(),
      /** A selector may pick namespaces whose labels the repository does not hold. */
      bySelector: z.boolean(),
      selectors: z.array(z.string()),
    }),
  ),
  /** PushSecrets: the Secret each reads (in its namespace) and the stores it writes it to. */
  pushSecrets: z.array(
    z.object({
      ...objectRow,
      stores: z.array(z.object({ kind: z.string(), name: z.string(), found: z.boolean() })),
      storeSelectors: int,
      storeFound: z.boolean(),
      secret: z.string().nullable(),
      data: z.array(z.object({ secretKey: z.string().nullable(), remoteKey: z.string().nullable(), property: z.string().nullable() })),
      refreshInterval: z.string(),
      updatePolicy: z.string().nullable(),
      deletionPolicy: z.string().nullable(),
    }),
  ),
  secretStores: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      namespace: z.string().nullable(),
      provider: z.string().nullable(),
      appId: z.string().nullable(),
      source: SourceSchema,
      disabled: z.boolean(),
      notDeployed: z.literal(true).optional(),
      usedBy: z.array(z.string()),
    }),
  ),
  sealedSecrets: z.array(
    z.object({
      ...objectRow,
      keys: z.array(z.string()),
      scope: z.enum(['strict', 'namespace-wide', 'cluster-wide']),
      secretType: z.string().nullable(),
    }),
  ),
  syncedSecrets: z.array(
    z.object({
      ...objectRow,
      kind: z.string(),
      operator: z.string(),
      from: z.string().nullable(),
      makes: z.array(z.object({ name: z.string(), namespace: z.string().nullable(), keys: z.array(z.string()) })),
    }),
  ),
  plainSecrets: z.array(
    z.object({
      ...objectRow,
      type: z.string().nullable(),
      keys: z.array(z.string()),
      status: PlainStatusSchema,
      literalKeys: z.array(z.string()),
      templatedKeys: z.array(z.string()),
    }),
  ),
  hardcodedCredentials: z.array(
    z.object({ path: z.string(), source: SourceSchema, objectId: z.string().nullable(), kind: z.string().nullable(), name: z.string().nullable(), appId: z.string().nullable() }),
  ),
  rotation: z.array(z.object({ file: z.string(), appId: z.string().nullable(), lastmodified: z.string().nullable(), gitChanged: z.string().nullable(), since: z.string().nullable() })),
  recoveryDocs: z.array(z.string()),
}) satisfies z.ZodType<SecretsInventory>;

const PathEvidenceSchema = z.object({ path: z.string(), line: int, matches: int, exists: z.boolean(), changed: z.boolean().nullable() });

/** One roadmap item measured against the repository (src/analysis/roadmap/check-roadmap.ts). */
export const ItemCheckSchema = z.object({
  itemId: z.string(),
  slug: z.string(),
  declared: RoadmapStatusSchema,
  check: z.object({ name: z.string(), description: z.string(), linkedBy: z.enum(['item', 'config', 'default']) }).nullable(),
  measured: z.object({ done: z.number(), total: z.number(), percent: z.number().nullable(), from: z.enum(['check', 'evidence']) }).nullable(),
  shortfalls: z.array(z.object({ objectId: z.string().optional(), message: z.string(), source: SourceSchema })),
  notes: z.array(z.string()),
  evidence: z.object({
    create: z.array(PathEvidenceSchema),
    update: z.array(PathEvidenceSchema),
    files: z.array(PathEvidenceSchema),
    checkboxes: z.object({ checked: int, total: int }),
    progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  }),
  verdict: z.enum(['agrees', 'mismatch', 'drift', 'unmeasured', 'partly-measurable']),
  summary: z.string(),
}) satisfies z.ZodType<ItemCheckResult>;

export const MeasuredProgressSchema = z.object({
  scope: z.union([z.literal('overall'), RoadmapPrioritySchema]),
  total: z.number(),
  done: z.number(),
  percent: z.number().nullable(),
  measuredItems: int,
}) satisfies z.ZodType<MeasuredProgress>;

export const CompletedNoteSchema = z.object({
  id: z.string(),
  line: int,
  missing: z.array(z.string()),
  notDeployed: z.array(z.string()),
  note: z.string(),
}) satisfies z.ZodType<CompletedNote>;

export const BurndownPointSchema = z.object({
  date: z.string(),
  total: int,
  completed: int,
  open: int,
  byStatus: countsBy(RoadmapStatusSchema.options),
  declaredRemaining: z.number().nullable(),
}) satisfies z.ZodType<BurndownPoint>;

const StateCountsSchema = z.object({ active: int, disabled: int, unreferenced: int });

/** The same counts as `atlas scan --json` (src/analysis/counts.ts). */
export const CountsSchema = z.object({
  fluxKustomizations: int,
  dependsOnEdges: int,
  helmReleaseDependsOnEdges: int,
  helmReleases: int,
  externalSecrets: int,
  secretStores: int,
  sopsFiles: int,
  sopsEncryptedDocs: int,
  plainSecrets: int,
  pvcs: int,
  pvcsFromValues: int,
  serviceMonitors: int,
  networkPolicies: int,
  namespaces: int,
  apps: int,
  states: z.object({ fluxKustomizations: StateCountsSchema, helmReleases: StateCountsSchema, apps: StateCountsSchema.extend({ notDeployed: int }) }),
}) satisfies z.ZodType<Counts>;
