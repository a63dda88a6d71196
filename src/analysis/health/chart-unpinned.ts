/**
 * HELMRELEASE_CHART_UNPINNED: a HelmRelease takes its chart from a HelmRepository with no version, or
 * `*`. Flux reads an omitted `spec.chart.spec.version` as the latest (`*`), so helm-controller
 * upgrades the release to each new chart version, a major one too, at its next reconcile, with no
 * commit to review or roll back (https://fluxcd.io/flux/components/helm/helmreleases/#chart-template).
 * Not for charts of a GitRepository or Bucket (their version is ignored: the chart's own Chart.yaml
 * says it), nor a chartRef (an OCIRepository's ref pins it), nor a version a variable fills in or a
 * range its owner wrote (`1.x`, `>=4.0.0 <5.0.0`: a deliberate choice).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';

export function chartUnpinnedFindings(model: Pick<RepoModel, 'helmReleases'>): Finding[] {
  const out: Finding[] = [];
  for (const hr of model.helmReleases) {
    const ref = hr.chart.sourceRef;
    if (hr.disabled || hr.chart.via !== 'chart' || ref?.kind !== 'HelmRepository') continue;
    const version = hr.chart.version?.trim() ?? '';
    if (version !== '' && version !== '*') continue;
    out.push(
      finding(
        'HELMRELEASE_CHART_UNPINNED',
        'warning',
        `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} takes chart ${hr.chart.name ?? '?'} from HelmRepository ${ref.name} ${version === '*' ? 'at version `*`' : 'with no version'}: Flux installs the latest chart, so each new release of it (a major one too) is applied at the next reconcile, unreviewed. Pin spec.chart.spec.version (Renovate and Flux's image automation can raise it in a commit).`,
        hr.source,
        { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
      ),
    );
  }
  return out;
}
