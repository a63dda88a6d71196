import { z } from 'zod';
import { SourceSchema } from './source.ts';

/** A kustomize `kustomization.yaml` (kustomize.config.k8s.io), the glue Flux builds from. */
export const KustomizeFileSchema = z.object({
  /** Repo-relative path of the kustomization.yaml. */
  file: z.string(),
  dir: z.string(),
  source: SourceSchema,
  namespace: z.string().nullable(),
  /** Entries as written, each with the line it is on. */
  resources: z.array(z.object({ entry: z.string(), line: z.number().int() })),
  components: z.array(z.object({ entry: z.string(), line: z.number().int() })),
  /**
   * configMapGenerator entries: the files each reads (as written, and as repository paths, those
   * that stay inside it and are not URLs), the labels it gives its ConfigMap (generatorOptions.labels
   * with the entry's own options.labels over them) and the entry's line.
   */
  configMapGenerators: z.array(
    z.object({
      name: z.string(),
      files: z.array(z.string()),
      paths: z.array(z.string()),
      labels: z.record(z.string(), z.string()),
      /** `create` (the default), or `merge` / `replace`: a change to a ConfigMap made elsewhere. */
      behavior: z.string(),
      line: z.number().int(),
    }),
  ),
  patches: z.number().int(),
  /**
   * A Flux build from a cluster root runs this file (what it generates reaches the cluster); false for
   * a folder no such build includes (commented out in its parent, an archive, a switched-off app).
   */
  deployed: z.boolean(),
  /** Entries commented out with `#` (an app switched off in its parent), with their lines. */
  commented: z.array(z.object({ entry: z.string(), line: z.number().int() })).optional(),
});
export type KustomizeFile = z.output<typeof KustomizeFileSchema>;
