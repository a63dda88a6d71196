import type { FluxSource } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { ObjectRef } from '../../model/k8s-object.ts';
import { offInText, type RawDoc } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';
import { obj, str } from '../../model/values.ts';
import { metaName, type WorkDoc } from '../build/work-doc.ts';
import { base, ref, versionLineOf } from './base.ts';
import { groupBy } from '../../model/group-by.ts';

/** A HelmChart (source.toolkit.fluxcd.io) in the repository, for `chartRef: {kind: HelmChart}`. */
export interface HelmChartSource {
  kind: 'HelmChart';
  name: string;
  namespace: string | null;
  cluster?: string | null;
  /** `spec.chart`: a chart name (HelmRepository) or a path (GitRepository, Bucket). */
  chart: string | null;
  version: string | null;
  /** Where `version` is set (its line, or the patch that wrote it). */
  versionAt: Source;
  sourceRef: ObjectRef | null;
  source: Source;
}

type Chart = HelmRelease['chart'];
type Candidate = { kind: string; name: string; namespace: string | null; cluster?: string | null };
/** Candidates by kind and name (`kind\0name`), in model order. */
type ByName<T extends Candidate> = ReadonlyMap<string, readonly T[]>;

/**
 * What the chart of a HelmRelease can resolve against: the model's Flux sources and HelmCharts,
 * indexed by kind and name once (every HelmRelease asks; scanning the lists per release was
 * quadratic in a 1,000-app repository). Made by chartSources().
 */
export interface ChartSources {
  sources: ByName<FluxSource>;
  helmCharts: ByName<HelmChartSource>;
}

const keyOf = (kind: string | null | undefined, name: string): string => `${kind}\u0000${name}`;
const kindAndName = (s: Candidate): string => keyOf(s.kind, s.name);

export function chartSources(sources: readonly FluxSource[], helmCharts: readonly HelmChartSource[]): ChartSources {
  return { sources: groupBy(sources, kindAndName), helmCharts: groupBy(helmCharts, kindAndName) };
}

export function toHelmChartSource(d: WorkDoc): HelmChartSource {
  const b = base(d);
  const spec = obj(d.body.spec);
  return {
    kind: 'HelmChart',
    name: b.name,
    namespace: b.namespace,
    ...(b.cluster ? { cluster: b.cluster } : {}),
    chart: str(spec.chart),
    version: str(spec.version),
    versionAt: versionLineOf(d, 'spec.version'),
    sourceRef: ref(d, spec.sourceRef, 'spec.sourceRef', 'HelmRepository'),
    source: b.source,
  };
}

/** The name of an OCI artifact (a chart's) in its URL: the last path segment (`oci://ghcr.io/org/charts/x` -> `x`). */
export function artifactNameOfUrl(url: string): string | null {
  return url.replace(/\/+$/, '').split('/').pop() || null;
}

/** A chart path in a GitRepository or Bucket (`./charts/podinfo`) names the chart by its last folder. */
/**
 * A Git or Bucket chart's name by its path's last folder (`./charts/podinfo` -> podinfo). A folder that
 * names no chart (`./`, `./_helm`, `./helm`, `./chart`) gives the release's name instead (outside
 * review: an app's chart and purpose read "_helm").
 */
function nameOfPath(path: string | null, release: string | null): string | null {
  if (!path) return null;
  const last = path.replace(/\/+$/, '').split('/').pop() || path;
  return last === '.' || last.startsWith('_') || /^(helm|charts?|deploy(ment)?)$/i.test(last) ? (release ?? last) : last;
}

/**
 * The object a reference names, as Flux looks it up: same kind, name and namespace (a reference
 * without a namespace means the HelmRelease's own, which `ref` already filled in), and the copy of
 * the same cluster, never another cluster's. Flux never looks in another namespace, so neither does
 * this, except for a HelmRelease no Flux build deploys (archived, unreached): no Kustomization set
 * its namespace or its source's (`targetNamespace`), so the one source of that kind and name stands in.
 */
function lookup<T extends Candidate>(r: ObjectRef, index: ByName<T>, from: WorkDoc): T | undefined {
  const cluster = from.cluster ?? null;
  // A deployed HelmRelease reads only a source Flux creates: one commented out of its list, or in a
  // file no Kustomization applies, is "source not found" to Flux, and gives no chart here.
  const named = (index.get(keyOf(r.kind, r.name)) ?? []).filter((s) => from.owners.length === 0 || !('owner' in s) || (s.owner !== null && !offInText((s as { disabled?: RawDoc['disabled'] }).disabled ?? null)));
  const exact = named.filter((s) => s.namespace === r.namespace);
  // Each cluster's source-controller makes its own sources: a release deployed to one cluster never
  // reads another cluster's copy (a shared base's copies are one per cluster; a copy of no cluster
  // stands in, as in a repository of one cluster).
  const found = exact.find((s) => (s.cluster ?? null) === cluster) ?? (cluster === null ? exact[0] : exact.find((s) => (s.cluster ?? null) === null));
  if (found || from.owners.length > 0) return found;
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The chart of a HelmRelease, resolved once at model time: every view (app page, versions
 * inventory, runbooks, claim names) reads this. https://fluxcd.io/flux/components/helm/helmreleases/#chart-template
 * - `spec.chart.spec`: chart name and version as written; the source a HelmRepository (its `url`,
 *   `oci://...` for an OCI one), GitRepository or Bucket (the chart is a path there, and Flux
 *   ignores `version`: the chart's own Chart.yaml gives it).
 * - `spec.chartRef` to an OCIRepository: the chart is the artifact; its name is the URL's last
 *   segment and its version the repository's `ref` (tag, semver or digest).
 * - `spec.chartRef` to a HelmChart: that HelmChart's chart and version, from its own source.
 * A source that is not in the repository leaves `url` and `sourceAt` null, and a chartRef's chart
 * name null too: nothing is guessed. (The OCIRepository's name once stood in for the chart's, and the
 * page showed it as fact: outside review, OCIRepository `glance` serves app-template. Views name the
 * source instead: "chart of OCIRepository/glance, not in the repository".)
 */
export function resolveChart(d: WorkDoc, at: ChartSources): Chart {
  const spec = obj(d.body.spec);
  const chartRef = obj(spec.chartRef);
  const chartSpec = obj(obj(spec.chart).spec);
  if (Object.keys(chartRef).length > 0) {
    const r = ref(d, chartRef, 'spec.chartRef', 'OCIRepository');
    if (r?.kind === 'HelmChart') {
      const hc = lookup(r, at.helmCharts, d);
      const upstream = hc?.sourceRef ? lookup(hc.sourceRef, at.sources, d) : undefined;
      const fromPath = upstream?.kind === 'GitRepository' || upstream?.kind === 'Bucket';
      return {
        name: (fromPath ? nameOfPath(hc?.chart ?? null, metaName(d)) : hc?.chart) ?? null,
        version: fromPath ? null : (hc?.version ?? null),
        sourceRef: r,
        url: upstream?.url ?? null,
        via: 'chartRef',
        sourceAt: hc?.source ?? null,
        versionAt: fromPath || !hc?.version ? null : hc.versionAt,
      };
    }
    const src = r ? lookup(r, at.sources, d) : undefined;
    return {
      name: src?.url ? artifactNameOfUrl(src.url) : null,
      version: src?.ref ?? null,
      sourceRef: r,
      url: src?.url ?? null,
      via: 'chartRef',
      sourceAt: src?.source ?? null,
      versionAt: src?.ref ? (src.refAt ?? src.source) : null,
    };
  }
  if (Object.keys(chartSpec).length > 0) {
    const r = ref(d, chartSpec.sourceRef, 'spec.chart.spec.sourceRef', 'HelmRepository');
    const src = r ? lookup(r, at.sources, d) : undefined;
    const fromPath = r?.kind === 'GitRepository' || r?.kind === 'Bucket';
    return {
      name: fromPath ? nameOfPath(str(chartSpec.chart), metaName(d)) : str(chartSpec.chart),
      version: fromPath ? null : str(chartSpec.version),
      sourceRef: r,
      url: src?.url ?? null,
      via: 'chart',
      sourceAt: src?.source ?? null,
      // (Where an overlay's patch pinned it, there: the base's line says another version.)
      versionAt: fromPath || str(chartSpec.version) === null ? null : versionLineOf(d, 'spec.chart.spec.version'),
    };
  }
  return { name: null, version: null, sourceRef: null, url: null, via: 'none', sourceAt: null, versionAt: null };
}
