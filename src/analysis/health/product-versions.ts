/**
 * The release of each product a cluster runs, as the repository declares it: a live HelmRelease's
 * chart version (for a chartRef, the tag of the OCIRepository it names), and for Flux every common
 * declaration of the Flux release. Each is the newest release its pin allows (releaseCeiling: Flux
 * and the Flux Operator install the newest a range allows), so that an API the release does not have
 * yet is never advised. Where a cluster declares nothing, the lowest of the repository's stands for it.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import { isLive, refOf, type Ref } from './common.ts';
import { ANY, releaseCeiling, versionBelow } from './deprecated-apis.ts';

/** Where the repository says which Flux release a cluster runs. */
export interface FluxVersionRow {
  /** The cluster whose build applies the declaration; null in a repository of one cluster, or where no cluster's build applies it. */
  cluster: string | null;
  /** As written (`2.6.x`, `v2.6.4`; for the flux2 chart, the chart's version). */
  version: string;
  /** What says it: `FluxInstance flux spec.distribution.version`, `flux-system labels (app.kubernetes.io/version)` ... */
  via: string;
  ref: Ref;
}

export interface ProductVersions {
  /** The release of each product a cluster's own declarations give, by cluster name. */
  byCluster: Map<string, Map<string, number[]>>;
  /** The lowest release of each product over every declaration: for a cluster that declares none. */
  lowest: Map<string, number[]>;
  flux: FluxVersionRow[];
}

/** Charts whose version is the product's release. (Flux's own chart, flux2, keeps a version line of its own: fluxChartRelease.) */
const PRODUCT_CHARTS: Record<string, RegExp> = {
  cilium: /^cilium$/,
  'external-secrets': /^external-secrets$/,
  longhorn: /^longhorn$/,
  kyverno: /^kyverno$/,
};

/**
 * The Flux release the fluxcd-community `flux2` chart installs, from the chart's version: the chart
 * keeps a version line of its own, ten minors ahead of Flux's since Flux 2.2 (chart 2.12.4 has
 * appVersion 2.2.3, chart 2.17.2 has 2.7.5); charts before 2.12 install Flux 2.1 at most, and those
 * before 2.8 a Flux 0.x (chart 2.7.0 has appVersion 0.41.1, chart 2.1.1 has 0.37.0). Reading the
 * chart's version as Flux's took chart 2.16 for a Flux that has the image automation v1 APIs.
 */
function fluxChartRelease(chart: readonly number[]): number[] | null {
  const [major = 0, minor = 0] = chart;
  if (major > 2) return null;
  if (major < 2) return [0, ANY, ANY];
  if (minor === ANY) return [2, ANY, ANY];
  if (minor >= 12) return [2, minor - 10, ANY];
  return minor >= 8 ? [2, 1, ANY] : [0, ANY, ANY];
}

/** A Flux release label as `flux install` writes it on every object it makes (`v2.6.4`). */
const FLUX_RELEASE = /^v?\d+\.\d+\.\d+/;

export function productVersions(model: RepoModel): ProductVersions {
  const byCluster = new Map<string, Map<string, number[]>>();
  const lowest = new Map<string, number[]>();
  const flux: FluxVersionRow[] = [];
  const lower = (into: Map<string, number[]>, product: string, v: number[]) => {
    const had = into.get(product);
    if (!had || versionBelow(v, had)) into.set(product, v);
  };
  const note = (product: string, release: number[] | null, cluster: string | null | undefined) => {
    if (!release) return;
    lower(lowest, product, release);
    if (cluster) lower(byCluster.get(cluster) ?? byCluster.set(cluster, new Map()).get(cluster)!, product, release);
  };
  const noteFlux = (release: number[] | null, row: Omit<FluxVersionRow, 'ref' | 'cluster'> & { cluster: string | null | undefined; source: Source }) => {
    if (!release) return;
    note('flux', release, row.cluster);
    flux.push({ cluster: row.cluster ?? null, version: row.version, via: row.via, ref: refOf(row.source) });
  };
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model)) continue;
    const named = (re: RegExp) => re.test(hr.chart.name ?? '') || (hr.chart.via === 'chartRef' && re.test(hr.name));
    for (const [product, re] of Object.entries(PRODUCT_CHARTS)) if (named(re)) note(product, releaseCeiling(hr.chart.version), hr.cluster);
    if (named(/^flux2$/) && hr.chart.version) {
      const chart = releaseCeiling(hr.chart.version);
      noteFlux(chart && fluxChartRelease(chart), { cluster: hr.cluster, version: hr.chart.version, via: `HelmRelease ${hr.name} (chart flux2 ${hr.chart.version})`, source: hr.chart.versionAt ?? hr.source });
    }
    // The Flux Operator's flux-instance chart: the distribution it installs (`2.7.x`, `2.7.2`, `2.x`).
    if (hr.chart.name === 'flux-instance') {
      const version = (hr.values as { instance?: { distribution?: { version?: unknown } } } | null)?.instance?.distribution?.version;
      if (typeof version === 'string') noteFlux(releaseCeiling(version), { cluster: hr.cluster, version, via: `HelmRelease ${hr.name} (chart flux-instance) values.instance.distribution.version`, source: hr.source });
    }
  }
  // Flux's manifests as an OCI artifact, tagged with the release (`v2.6.4`).
  for (const s of model.sources) {
    if (s.kind !== 'OCIRepository' || !/\/flux-manifests$/.test(s.url ?? '') || !isLive(s, model) || !s.ref) continue;
    noteFlux(releaseCeiling(s.ref), { cluster: s.cluster, version: s.ref, via: `OCIRepository ${s.name} (flux-manifests) tag`, source: s.source });
  }
  // A FluxInstance the repository writes, and what `flux bootstrap` or `flux install --export` wrote
  // (gotk-components.yaml): every object it makes carries the release in app.kubernetes.io/version
  // beside app.kubernetes.io/part-of: flux (its `# Flux Version:` header is a comment, which no
  // object keeps). Applied by a build, or by hand where no build reaches it (the bootstrap's own).
  // (One row a file, cluster and release, at its first object: the forty objects of one
  // gotk-components.yaml say one thing.)
  const labelled = new Map<string, (typeof model.objects)[number]>();
  for (const o of model.objects) {
    if (o.disabled || !(o.owner === null || isLive(o, model))) continue;
    if (o.fluxVersion) noteFlux(releaseCeiling(o.fluxVersion.version), { cluster: o.cluster, version: o.fluxVersion.version, via: `FluxInstance ${o.name} spec.distribution.version`, source: o.fluxVersion.source });
    const release = o.labels['app.kubernetes.io/version'];
    if (o.labels['app.kubernetes.io/part-of'] !== 'flux' || !release || !FLUX_RELEASE.test(release)) continue;
    const at = `${o.cluster ?? ''}\u0000${o.source.file}\u0000${release}`;
    const had = labelled.get(at);
    if (!had || o.source.line < had.source.line) labelled.set(at, o);
  }
  for (const o of labelled.values()) {
    const release = o.labels['app.kubernetes.io/version']!;
    noteFlux(releaseCeiling(release), { cluster: o.cluster, version: release, via: `${o.kind} ${o.name} label app.kubernetes.io/version (part-of: flux)`, source: o.source });
  }
  flux.sort((a, b) => (a.cluster ?? '').localeCompare(b.cluster ?? '') || a.ref.file.localeCompare(b.ref.file) || a.ref.line - b.ref.line);
  return { byCluster, lowest, flux };
}

/**
 * The releases to judge a document by that the given clusters apply (null: a repository of one
 * cluster, or none named): for each product, the lowest over those clusters of each one's own
 * release, else the lowest of the repository's. A document two clusters share is changed for both.
 */
export function releasesFor(versions: ProductVersions, clusters: Iterable<string | null>): Map<string, number[]> {
  const list = [...clusters];
  if (list.length === 0 || list.every((c) => c === null || !versions.byCluster.has(c))) return versions.lowest;
  const out = new Map<string, number[]>();
  for (const [product, fallback] of versions.lowest) {
    for (const c of list) {
      const v = (c !== null ? versions.byCluster.get(c)?.get(product) : undefined) ?? fallback;
      const had = out.get(product);
      if (!had || versionBelow(v, had)) out.set(product, v);
    }
  }
  return out;
}
