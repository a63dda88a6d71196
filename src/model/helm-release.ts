import { z } from 'zod';
import { KObjectBase, ObjectRefSchema } from './k8s-object.ts';
import { SourceSchema } from './source.ts';

/** A container image found in HelmRelease values. */
export const ImageRefSchema = z.object({
  repository: z.string(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
  /** Key path inside the values, e.g. `controllers.main.containers.app.image`. */
  path: z.string(),
  source: SourceSchema,
});
export type ImageRef = z.output<typeof ImageRefSchema>;

/** A HelmRelease (helm.toolkit.fluxcd.io). https://fluxcd.io/flux/components/helm/helmreleases/ */
export const HelmReleaseSchema = z.object({
  ...KObjectBase,
  releaseName: z.string(),
  chart: z.object({
    /** Chart name (chart.spec.chart), or the OCIRepository name for chartRef. */
    name: z.string().nullable(),
    version: z.string().nullable(),
    /** HelmRepository / OCIRepository / GitRepository the chart comes from. */
    sourceRef: ObjectRefSchema.nullable(),
    /** The source's URL (HelmRepository url, OCIRepository url) where it is in the repo. */
    url: z.string().nullable(),
    via: z.enum(['chart', 'chartRef', 'none']),
  }),
  interval: z.string().nullable(),
  timeout: z.string().nullable(),
  dependsOn: z.array(ObjectRefSchema),
  valuesFrom: z.array(z.object({ kind: z.string(), name: z.string(), valuesKey: z.string().nullable(), found: z.boolean() })),
  /** bjw-s app-template: values have `controllers`. */
  appTemplate: z.boolean(),
  images: z.array(ImageRefSchema),
  /** Merged values (inline + valuesFrom ConfigMaps in the repo), secret values already redacted. */
  values: z.unknown(),
});
export type HelmRelease = z.output<typeof HelmReleaseSchema>;
