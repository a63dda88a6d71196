import { z } from 'zod';
import { ImageRefSchema, KObjectBase, ObjectRefSchema } from './k8s-object.ts';
import { ReleaseSettingSchema } from './release-settings.ts';
import { SourceSchema } from './source.ts';

export type { ImageRef } from './k8s-object.ts';

/** A HelmRelease (helm.toolkit.fluxcd.io). https://fluxcd.io/flux/components/helm/helmreleases/ */
export const HelmReleaseSchema = z.object({
  ...KObjectBase,
  releaseName: z.string(),
  /** `spec.suspend: true`: helm-controller leaves it alone, and what depends on it waits. */
  suspend: z.literal(true).optional(),
  /** `spec.install.disableWait` or `spec.upgrade.disableWait`: Ready without waiting for its resources. */
  disableWait: z.literal(true).optional(),
  /** `spec.install.createNamespace: true`: helm-controller creates the targetNamespace when it installs the release. */
  createNamespace: z.literal(true).optional(),
  /** `spec.kubeConfig`: helm-controller installs the release into another cluster. */
  kubeConfig: z.literal(true).optional(),
  /** `spec.targetNamespace`: where the chart's objects are installed (the HelmRelease's own namespace when null). */
  targetNamespace: z.string().nullable(),
  /**
   * Where the chart comes from, resolved once at model time (repo/extract/chart-source.ts) from
   * `spec.chart.spec` or `spec.chartRef`; every view reads this rather than looking sources up.
   */
  chart: z.object({
    /**
     * Chart name: `chart.spec.chart` (the last folder of its path for a GitRepository or Bucket);
     * for a chartRef, the last segment of the OCIRepository's URL or the HelmChart's chart; null
     * when the source is not in the repository (its name is no chart's: `sourceRef` names it).
     */
    name: z.string().nullable(),
    /** `chart.spec.version`, the OCIRepository's `ref` (tag, semver or digest) or the HelmChart's version; null when unset or unknown. */
    version: z.string().nullable(),
    /** The HelmRepository / GitRepository / Bucket (chart.spec.sourceRef) or OCIRepository / HelmChart (chartRef), as written. */
    sourceRef: ObjectRefSchema.nullable(),
    /** The source's URL (HelmRepository url, `oci://` for OCI, OCIRepository url, a HelmChart's repository) where it is in the repo. */
    url: z.string().nullable(),
    via: z.enum(['chart', 'chartRef', 'none']),
    /** Where the source the reference resolved to is defined (for chartRef, where the version is written); null when it is not in the repository. */
    sourceAt: SourceSchema.nullable(),
    /**
     * Where `version` is set: the line of spec.chart.spec.version, the OCIRepository's spec.ref or the
     * HelmChart's spec.version, or the patch entry that wrote it (a kustomization.yaml's or Component's
     * patches, a Flux Kustomization's spec.patches: an overlay's pin of the base's release); null
     * without a version, or with a source not in the repository.
     */
    versionAt: SourceSchema.nullable(),
  }),
  interval: z.string().nullable(),
  timeout: z.string().nullable(),
  /**
   * Its other Flux settings as built (`suspend`, `install.*`, `upgrade.*`, `rollback.*`, `uninstall.*`,
   * `test.*`, `driftDetection.*`, `maxHistory`, `serviceAccountName`, `storageNamespace`,
   * `persistentClient`; release-settings.ts), each where it is written. Absent when none is written.
   */
  settings: z.array(ReleaseSettingSchema).optional(),
  dependsOn: z.array(ObjectRefSchema),
  valuesFrom: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      valuesKey: z.string().nullable(),
      found: z.boolean(),
      /** `optional: true`: helm-controller goes on without it. */
      optional: z.literal(true).optional(),
      /** The line of the entry in the release's file. */
      line: z.number().int().optional(),
      /** Not found by this name: a namePrefix or nameSuffix renames the object written with it to this one (VALUES_FROM_RENAMED). */
      renamedTo: z.string().optional(),
    }),
  ),
  /** What of spec.valuesFrom its API refuses: an entry that is no object, or lacks kind or name (`spec.valuesFrom[0] is a list`); absent when none. */
  valuesFromInvalid: z.array(z.string()).optional(),
  /** bjw-s app-template: values have `controllers`. */
  appTemplate: z.boolean(),
  /** metadata.namespace as written, where its build puts it elsewhere (a kustomization's `namespace:`, a targetNamespace); absent otherwise. */
  writtenNamespace: z.string().optional(),
  /** Its namespace is certain: written in its file and kept by every build, or set by the build that deploys it (a targetNamespace, a kustomization's `namespace:`). */
  namespaceSure: z.literal(true).optional(),
  images: z.array(ImageRefSchema),
  /**
   * Where a top-level key of the values comes from, for keys a valuesFrom ConfigMap or Secret gives and
   * spec.values does not (`resources:` of a values.yaml): that file and line. Absent without valuesFrom.
   */
  valuesKeySources: z.record(z.string(), SourceSchema).optional(),
  /** Merged values (inline + valuesFrom ConfigMaps in the repo), secret values already redacted. */
  values: z.unknown(),
});
export type HelmRelease = z.output<typeof HelmReleaseSchema>;

/**
 * The kinds a HelmRelease's spec.chart.spec.sourceRef may name: the CRD enumerates them
 * (`+kubebuilder:validation:Enum=HelmRepository;GitRepository;Bucket` on CrossNamespaceObjectReference,
 * the same in helm.toolkit.fluxcd.io v2, v2beta2 and v2beta1), and the API server refuses any other. An
 * OCIRepository or a HelmChart is named by spec.chartRef instead.
 */
export const CHART_SOURCE_KINDS: readonly string[] = ['HelmRepository', 'GitRepository', 'Bucket'];

/**
 * A chart of bitnami's own repository (charts.bitnami.com, the bitnamicharts OCI registry; not
 * bitnami-labs' sealed-secrets), or of a source named `bitnami` whose URL is not in the repository.
 */
export function isBitnami(hr: Pick<HelmRelease, 'chart'>): boolean {
  const url = hr.chart.url;
  if (url) return /(^|[/.])charts\.bitnami\.com|\/bitnamicharts(\/|$)|github(usercontent)?\.com\/bitnami\/charts(\/|$)/i.test(url);
  return /^bitnami(-charts)?$/i.test(hr.chart.sourceRef?.name ?? '');
}

/** Values keys under which charts render whole manifests as written (`extraObjects`, Bitnami's `extraDeploy` ...). */
export const VALUES_MANIFEST_KEYS: readonly string[] = ['extraObjects', 'extraDeploy', 'extraManifests', 'extraResources'];
