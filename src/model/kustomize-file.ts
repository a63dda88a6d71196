import { z } from 'zod';
import { SourceSchema } from './source.ts';

/** A resources or components entry as written, with its line. */
const EntrySchema = z.object({
  entry: z.string(),
  line: z.number().int(),
  /**
   * A remote entry (REMOTE_ENTRY) of a file builds from a cluster root run, where each of them puts
   * what it fetches into a namespace (a kustomization's `namespace:` over it, the Flux Kustomization's
   * targetNamespace): those namespaces, the only ones its namespaced objects can be in. Absent where a
   * build leaves them in the namespaces the remote content gives (or none runs the file).
   */
  namespaces: z.array(z.string()).optional(),
});

/** A kustomize `kustomization.yaml` (kustomize.config.k8s.io), the glue Flux builds from. */
const GeneratorSchema = z.object({
  name: z.string(),
  files: z.array(z.string()),
  reads: z.array(z.object({ key: z.string(), path: z.string(), line: z.number().int() })),
  /** `envs:` dotenv files, as repository paths: each line of one is a key of the object. */
  envReads: z.array(z.object({ path: z.string(), line: z.number().int() })),
  labels: z.record(z.string(), z.string()),
  /** `create` (the default), or `merge` / `replace`: a change to an object made elsewhere. */
  behavior: z.string(),
  line: z.number().int(),
  /** kustomize appends a hash of the content to the name (no `disableNameSuffixHash`). */
  hashSuffix: z.literal(true).optional(),
  /**
   * The names Flux's builds give the object where they differ from `name` (before the hash): a
   * namePrefix or nameSuffix of the folder or of an overlay that includes it. kustomize rewrites the
   * references in the same build (an envFrom's secretRef) to that name. Absent where no build renames it.
   */
  builtAs: z.array(z.string()).optional(),
  /**
   * Where the repository has several clusters: those whose Flux builds make the object (one cluster's
   * generator makes nothing in another). Absent where there is one, or no named cluster's build runs it.
   */
  clusters: z.array(z.string()).optional(),
});

export const KustomizeFileSchema = z.object({
  /** Repo-relative path of the kustomization.yaml. */
  file: z.string(),
  dir: z.string(),
  source: SourceSchema,
  namespace: z.string().nullable(),
  /** Entries as written, each with the line it is on. */
  resources: z.array(EntrySchema),
  components: z.array(EntrySchema),
  /**
   * configMapGenerator entries (named ones): the files each reads as written, and as repository paths
   * (those that stay inside it and are not URLs) with the data key and the line of each, the labels
   * it gives its ConfigMap (generatorOptions.labels with the entry's own options.labels over them),
   * its behavior and the entry's line.
   */
  configMapGenerators: z.array(GeneratorSchema),
  /** secretGenerator entries, the same way (the Secret's values are never read). */
  secretGenerators: z.array(GeneratorSchema),
  patches: z.number().int(),
  /** `configurations:` files (kustomize transformer configurations, as repository paths): nameReference rules of their own. */
  configurations: z.array(z.string()).optional(),
  /**
   * A Flux build from a cluster root runs this file (what it generates reaches the cluster); false for
   * a folder no such build includes (commented out in its parent, an archive, a switched-off app).
   */
  deployed: z.boolean(),
  /**
   * `generators:` entries: generator configurations (a builtin ConfigMapGenerator's file, a plugin), whose
   * objects and names this build does not read.
   */
  generators: z.literal(true).optional(),
  /** `kind: Component` (kustomize.config.k8s.io/v1alpha1): its objects go into each build that names it. */
  component: z.literal(true).optional(),
  /** Entries commented out with `#` (an app switched off in its parent), with their lines. */
  commented: z.array(z.object({ entry: z.string(), line: z.number().int() })).optional(),
});
export type KustomizeFile = z.output<typeof KustomizeFileSchema>;

/**
 * An entry kustomize fetches rather than reads from the repository (a URL, `git@`, `github.com/...`;
 * any case: kustomize fetches `HTTPS://` too). `gitlab.com/...` and `bitbucket.org/...` are here as
 * well, though kustomize 5 reads those as local paths when written without a scheme.
 */
export const REMOTE_ENTRY = /^(https?:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/|ssh:\/\/|oci:\/\/|git::)/i;
