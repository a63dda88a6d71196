import { z } from 'zod';
import { KObjectBase, ObjectRefSchema } from './k8s-object.ts';
import { SourceSchema } from './source.ts';

/**
 * `postBuild` of a Flux Kustomization. Of the inline substitutions only the variables' names: a value
 * may be a credential once Flux puts it under a credential key (a homepage widget's password), and
 * nothing shows the values.
 */
const PostBuildSchema = z.object({
  substitute: z.array(z.string()),
  substituteFrom: z.array(z.object({ kind: z.string(), name: z.string(), optional: z.boolean() })),
});

/**
 * A Flux Kustomization (kustomize.toolkit.fluxcd.io). Field meanings:
 * https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
export const FluxKustomizationSchema = z.object({
  ...KObjectBase,
  path: z.string().nullable(),
  /** `path` resolved to a repo-relative folder ('' = repo root); null when it escapes the repo. */
  resolvedPath: z.string().nullable(),
  interval: z.string().nullable(),
  timeout: z.string().nullable(),
  retryInterval: z.string().nullable(),
  wait: z.boolean().nullable(),
  /** The Kustomization whose build turned this one's written `wait: true` off (its spec.patches); absent otherwise. */
  waitOverriddenBy: z.string().optional(),
  /** The Kustomization whose build turned this one's written `prune: false` on (its spec.patches); absent otherwise. */
  pruneOverriddenBy: z.string().optional(),
  prune: z.boolean().nullable(),
  suspend: z.boolean(),
  targetNamespace: z.string().nullable(),
  sourceRef: ObjectRefSchema.nullable(),
  dependsOn: z.array(ObjectRefSchema),
  healthChecks: z.number().int(),
  postBuild: PostBuildSchema,
  decryption: z.string().nullable(),
  /** The Secret `spec.decryption.secretRef` names (in the Kustomization's namespace); absent when none. */
  decryptionSecret: z.string().optional(),
  components: z.array(z.string()),
  patches: z.number().int(),
  /** Whether a cluster root (a Kustomization no other one deploys) reaches it. */
  reachedFromRoot: z.boolean(),
  /** True for a root: no other Flux Kustomization deploys it. */
  isRoot: z.boolean(),
  /**
   * Flux applies nothing of its build: the build fails as a whole, waits (dependsOn) for one that
   * does, or lies inside one that does. Absent when its build applies. The object itself is still
   * applied by its parent's build where that one works (see FindingInfo.aboutObject).
   */
  appliesNothing: z.literal(true).optional(),
  /** It builds another source's artifact (another Git repository, an upstream OCI artifact), which the repository does not hold. */
  externalSource: z.literal(true).optional(),
  /** Made in the cluster by the Flux Operator from a FluxInstance's sync (or the flux-instance chart's values): no document of the repository. */
  madeInCluster: z.literal(true).optional(),
  /** Applied to another cluster: a Kustomization with spec.kubeConfig applies it, directly or from above. */
  remote: z.literal(true).optional(),
  /** It has spec.kubeConfig: what it builds is applied to another cluster. */
  kubeConfig: z.literal(true).optional(),
  /** Its namespace is certain: written in its file and kept by its build, or set by the build that deploys it (FluxSource's namespaceSure). */
  namespaceSure: z.literal(true).optional(),
});
export type FluxKustomization = z.output<typeof FluxKustomizationSchema>;

/** A Flux source: GitRepository, OCIRepository, HelmRepository, Bucket. */
export const FluxSourceSchema = z.object({
  ...KObjectBase,
  url: z.string().nullable(),
  /** `oci` for OCI HelmRepositories, else null. */
  type: z.string().nullable(),
  /** Tag, semver, branch, digest or commit the source follows, flattened to one string. */
  ref: z.string().nullable(),
  /**
   * Which field of `spec.ref` `ref` is (`branch`, `tag`, `semver` ...), where one is set: a page can then say
   * "this repository at branch feature/media" of a GitRepository of the repository's own URL.
   */
  refKind: z.enum(['commit', 'name', 'semver', 'tag', 'branch', 'digest', 'semverFilter']).optional(),
  /**
   * An OCIRepository's: where `ref` is set, its line or the patch entry that wrote it (an overlay's pin),
   * for a chart taken from it by a HelmRelease's chartRef, whose version it is. Absent without a ref.
   */
  refAt: SourceSchema.optional(),
  interval: z.string().nullable(),
  /**
   * metadata.name as written in its file, where the build names the object otherwise (a namePrefix or
   * nameSuffix, a patch); absent where the two agree.
   */
  writtenName: z.string().optional(),
  /**
   * metadata.namespace as written in its file, where the build places the object in another namespace
   * (a kustomization's `namespace:`, a targetNamespace); absent where the two agree.
   */
  writtenNamespace: z.string().optional(),
  /** Its namespace is certain: written in its file and kept by its build, or set by the build that deploys it (a targetNamespace, a kustomization's `namespace:`). */
  namespaceSure: z.literal(true).optional(),
});
export type FluxSource = z.output<typeof FluxSourceSchema>;
