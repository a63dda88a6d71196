/**
 * HELMRELEASE_CHART_NAME_PREFIXED: a HelmRelease names its chart `repo/chart` (`istio/base`), as the
 * helm CLI does after `helm repo add`, from an HTTP(S) HelmRepository. Flux looks the name up in that
 * repository's index.yaml as written, where charts are listed by their own name (`base`): the
 * HelmChart fails with "no chart name found" and the release is never installed
 * (https://fluxcd.io/flux/components/source/helmcharts/#chart, fluxcd/flux2#2629). Not for an OCI
 * HelmRepository (the name is appended to its URL, so a path is valid), a GitRepository or Bucket (a
 * path), a name a variable fills in, nor a source the repository does not define. A warning, not an
 * error: a few mirrors (ChartCenter's) did list charts under `repo/chart` names.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';

export function chartNameFindings(model: Pick<RepoModel, 'helmReleases' | 'sources'>): Finding[] {
  const out: Finding[] = [];
  for (const hr of model.helmReleases) {
    const ref = hr.chart.sourceRef;
    const chart = hr.chart.name ?? '';
    if (hr.disabled || hr.chart.via !== 'chart' || ref?.kind !== 'HelmRepository' || !/^[^/\s]+\/[^/\s]+$/.test(chart) || chart.includes('${') || chart.startsWith('.')) continue;
    const namespace = ref.namespace ?? hr.namespace ?? 'default';
    const sources = model.sources.filter((s) => s.kind === 'HelmRepository' && s.disabled === null && s.name === ref.name && (s.namespace ?? 'default') === namespace && (hr.cluster == null || s.cluster == null || s.cluster === hr.cluster));
    if (sources.length === 0 || !sources.every((s) => s.type !== 'oci' && /^https?:\/\//i.test(s.url ?? ''))) continue;
    const own = chart.slice(chart.indexOf('/') + 1);
    out.push(
      finding(
        'HELMRELEASE_CHART_NAME_PREFIXED',
        'warning',
        `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} names chart "${chart}" from HelmRepository ${ref.name} (${sources[0]!.url}): Flux looks that name up in the repository's index as written, where a chart is listed by its own name, so the chart is not found and the release is not installed. Write \`chart: ${own}\` (the \`${chart.slice(0, chart.indexOf('/'))}/\` prefix is the helm CLI's alias for the repository, which the sourceRef already names).`,
        hr.source,
        { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
      ),
    );
  }
  return out;
}

/**
 * FLUX_SPEC_INVALID for a deployed HelmRelease whose chart its API cannot read: `spec.chart.spec`
 * without `chart` or `sourceRef` (often a doubly nested `spec.chart.spec.spec`, whose extra level the
 * API server prunes), or neither `spec.chart` nor `spec.chartRef`. The API server refuses it
 * ("Required value"), and the apply of the Kustomization that deploys it fails (outside review). The
 * same for a spec.valuesFrom entry that is no object, or lacks kind or name.
 */
export function chartSpecFindings(model: Pick<RepoModel, 'helmReleases'>): Finding[] {
  const out: Finding[] = [];
  for (const hr of model.helmReleases) {
    if (hr.disabled || hr.owner === null || hr.id.includes('#')) continue;
    if (hr.valuesFromInvalid) {
      out.push(
        finding(
          'FLUX_SPEC_INVALID',
          'error',
          `HelmRelease ${hr.namespace ?? 'default'}/${hr.name}: ${hr.valuesFromInvalid.join('; ')}. The API server refuses it, so the apply of the Kustomization that deploys it fails.`,
          hr.source,
          { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
        ),
      );
    }
    const missing = hr.chart.via === 'none' ? ['spec.chart or spec.chartRef'] : hr.chart.via === 'chart' ? [...(hr.chart.name === null ? ['spec.chart.spec.chart'] : []), ...(hr.chart.sourceRef === null ? ['spec.chart.spec.sourceRef'] : [])] : [];
    if (missing.length === 0) continue;
    out.push(
      finding(
        'FLUX_SPEC_INVALID',
        'error',
        `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} has no ${missing.join(' and ')}, which its API requires: the API server refuses it ("Required value"), so the apply of the Kustomization that deploys it fails.${hr.chart.via === 'chart' ? ' The chart is written as `chart: {spec: {chart, version, sourceRef}}` (a doubly nested `spec:`, where there is one, is pruned with what it holds).' : ''}`,
        hr.source,
        { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
      ),
    );
  }
  return out;
}
