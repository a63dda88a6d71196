/**
 * The semantic diff of two atlases, as `atlas diff --format json` prints it. Names, ids, files,
 * kinds and versions only: a secret is named by its file or object id, never by a value or a hash
 * of one. `z.toJSONSchema(DiffReportSchema)` is the JSON Schema other tools validate against
 * (`atlas diff --json-schema`).
 */
import { z } from 'zod';

const AppRefSchema = z.object({
  /** The app's id at that revision: `namespace/name`, or `cluster/namespace/name`. */
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  cluster: z.string().nullable(),
  /** The app folder, repo-relative. */
  dir: z.string(),
});
export type AppRef = z.output<typeof AppRefSchema>;

const AppStateChangeSchema = AppRefSchema.extend({
  /** Why the app is not deployed on the side where it is not (`ks.dis`, commented out, archived ...). */
  reason: z.string().nullable(),
});

const AppMoveSchema = z.object({ from: AppRefSchema, to: AppRefSchema, what: z.enum(['namespace', 'cluster', 'namespace and cluster']) });

const UpdateTypeSchema = z.enum(['major', 'minor', 'patch', 'digest', 'other']);
export type UpdateType = z.output<typeof UpdateTypeSchema>;

const VersionChangeSchema = z.object({
  appId: z.string().nullable(),
  kind: z.enum(['chart', 'image']),
  /** Chart name, or image repository. */
  name: z.string(),
  /** HelmRelease id the chart or image belongs to. */
  helmRelease: z.string(),
  /** Values path of an image (`controllers.main.containers.app.image`); null for a chart. */
  path: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  update: UpdateTypeSchema,
  /** The new version is lower than the old one. */
  downgrade: z.boolean(),
  file: z.string(),
  line: z.number().int(),
});
export type VersionChange = z.output<typeof VersionChangeSchema>;

/**
 * What else an app's page shows that changed, beyond a version of the same chart or image: an image
 * added, removed or taken from another repository, a HelmRelease's chart from another source (its
 * versions are then not compared: they number another chart), a HelmRelease added or removed, its
 * values, hosts, volumes, a Flux Kustomization's settings, objects added or removed. Only apps
 * deployed at both revisions: an app added, removed, moved or switched off is reported as such.
 */
const AppChangeSchema = z.object({
  appId: z.string().nullable(),
  area: z.enum(['image', 'chart', 'values', 'flux', 'endpoint', 'volume', 'object']),
  /** `source changed`: the same place (values path, HelmRelease) now names another image repository or chart. */
  change: z.enum(['added', 'removed', 'changed', 'source changed']),
  /** What changed, by id or place: `HelmRelease/rook-ceph/rook-ceph-cluster cephImage`, `Kustomization/flux-system/plex`, `Ingress/plex`, `pvc config`. */
  subject: z.string(),
  /** In words, without any value of a secret: `quay.io/ceph/ceph:v19.2.6 (cephImage of HelmRelease rook-ceph-cluster)`. */
  detail: z.string(),
  /** The thing at the base and at the head (`oci://ghcr.io/bjw-s-labs/helm/multus 1.3.2`); null on the side where it is absent or where words say it better. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Where it is written: at the head, or at the base for what was removed. */
  file: z.string(),
  line: z.number().int(),
});
export type AppChange = z.output<typeof AppChangeSchema>;

const EdgeSchema = z.object({ from: z.string(), to: z.string(), resolved: z.boolean(), file: z.string(), line: z.number().int() });
export type Edge = z.output<typeof EdgeSchema>;

const GraphDiffSchema = z.object({
  added: z.array(EdgeSchema),
  removed: z.array(EdgeSchema),
  /** Cycles (node ids) present at head and not at base. */
  newCycles: z.array(z.array(z.string())),
  fixedCycles: z.array(z.array(z.string())),
  /** dependsOn entries whose target does not exist, new at head. */
  newMissing: z.array(EdgeSchema),
  fixedMissing: z.array(EdgeSchema),
});

const SecretRefSchema = z.object({
  kind: z.enum(['sops-file', 'ExternalSecret', 'ClusterExternalSecret', 'PushSecret', 'SealedSecret', 'synced', 'Secret', 'SecretStore']),
  /** The file (SOPS) or the object id. */
  id: z.string(),
  /** What the file or object holds, by kind and name (SOPS: `Secret/plex-secret`). */
  names: z.array(z.string()),
  appId: z.string().nullable(),
  file: z.string(),
});
export type SecretRef = z.output<typeof SecretRefSchema>;

const SecretsDiffSchema = z.object({
  added: z.array(SecretRefSchema),
  removed: z.array(SecretRefSchema),
  /** SOPS files re-encrypted (their `sops.lastmodified` changed): the values were rotated or edited. */
  rotated: z.array(SecretRefSchema),
});

const CoverageChangeSchema = z.object({
  appId: z.string(),
  area: z.enum(['backup', 'monitoring', 'network']),
  change: z.enum(['gained', 'lost']),
  /** What carries or carried the coverage, in words (`pvc config via VolSync`, `2 ServiceMonitors`). */
  detail: z.string(),
});
export type CoverageChange = z.output<typeof CoverageChangeSchema>;

const FindingRefSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string(),
  line: z.number().int(),
  objectId: z.string().nullable(),
  appId: z.string().nullable(),
});
export type FindingRef = z.output<typeof FindingRefSchema>;

const RoadmapChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Measured percent at base and head; null where unmeasured or absent. */
  from: z.number().nullable(),
  to: z.number().nullable(),
  fromText: z.string(),
  toText: z.string(),
});
export type RoadmapChange = z.output<typeof RoadmapChangeSchema>;

const RevisionSchema = z.object({
  /** As given (`origin/main`), or null for the working tree. */
  rev: z.string().nullable(),
  /** Full sha; null for the working tree. */
  sha: z.string().nullable(),
});

export const DiffReportSchema = z.object({
  version: z.literal(1),
  base: RevisionSchema,
  head: RevisionSchema,
  /** One line: what the change does, in words. */
  verdict: z.string(),
  apps: z.object({
    added: z.array(AppRefSchema),
    removed: z.array(AppRefSchema),
    disabled: z.array(AppStateChangeSchema),
    enabled: z.array(AppStateChangeSchema),
    moved: z.array(AppMoveSchema),
  }),
  versions: z.array(VersionChangeSchema),
  changes: z.array(AppChangeSchema),
  dependsOn: GraphDiffSchema,
  secrets: SecretsDiffSchema,
  coverage: z.array(CoverageChangeSchema),
  findings: z.object({ introduced: z.array(FindingRefSchema), fixed: z.array(FindingRefSchema) }),
  roadmap: z.array(RoadmapChangeSchema),
});
export type DiffReport = z.output<typeof DiffReportSchema>;

/** The JSON Schema of `atlas diff --format json`. */
export function diffJsonSchema(): unknown {
  return z.toJSONSchema(DiffReportSchema);
}
