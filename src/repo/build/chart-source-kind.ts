/**
 * A HelmRelease whose spec.chart.spec.sourceRef.kind is none its API allows (HelmRepository,
 * GitRepository, Bucket: an enum of the CRD), usually an OCIRepository, which only spec.chartRef
 * names. The API server refuses the object ("Unsupported value"), so the kustomize-controller's
 * dry-run of the build that holds it fails and Flux applies nothing of that Kustomization, as for
 * a kustomize configuration in a build (FLUX_APPLY_KUSTOMIZE_CONFIG). Outside review: the tool said
 * only that the source was missing, and the app's page showed the chart as deployed.
 */
import { blockedReason } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { CHART_SOURCE_KINDS } from '../../model/helm-release.ts';
import { obj, str } from '../../model/values.ts';
import { lineOf } from '../extract/base.ts';
import { ksName, metaName, type WorkDoc } from './work-doc.ts';

/** The HelmRelease API versions whose sourceRef.kind the CRD enumerates (v2alpha1 is served by no Flux 2 release). */
const VERSIONS = /^helm\.toolkit\.fluxcd\.io\/v2(beta[12])?$/;

/** The sourceRef.kind the API server refuses, as the build leaves it (patches and substitution done); null when none. */
function refusedChartSourceKind(d: WorkDoc): string | null {
  if (d.kind !== 'HelmRelease' || d.raw.disabled || !VERSIONS.test(d.apiVersion)) return null;
  const kind = str(obj(obj(obj(obj(d.body.spec).chart).spec).sourceRef).kind);
  return kind === null || kind === '' || kind.includes('${') || CHART_SOURCE_KINDS.includes(kind) ? null : kind;
}

/**
 * FLUX_SPEC_INVALID at each such release's sourceRef.kind line, and the Kustomization `k` (with what
 * its build applies) marked as applying nothing. Only for a build Flux runs (`builds`).
 */
export function chartSourceKindStops(k: WorkDoc, owned: readonly WorkDoc[], builds: boolean, report: (f: Finding) => void): void {
  if (!builds) return;
  for (const d of owned) {
    const kind = refusedChartSourceKind(d);
    if (kind === null) continue;
    const at = lineOf(d, 'spec.chart.spec.sourceRef.kind');
    const name = `${d.ns ?? 'default'}/${metaName(d) ?? '?'}`;
    const fix =
      kind === 'OCIRepository' || kind === 'HelmChart'
        ? ` ${kind === 'OCIRepository' ? 'An OCIRepository' : 'A HelmChart'} is referenced with spec.chartRef (kind: ${kind}, name, namespace) instead of spec.chart, and the chart's version is then the ${kind === 'OCIRepository' ? "OCIRepository's spec.ref" : "HelmChart's spec.version"}.`
        : ` Write one of ${CHART_SOURCE_KINDS.join(', ')} (or name an OCIRepository with spec.chartRef).`;
    report(
      finding(
        'FLUX_SPEC_INVALID',
        'error',
        `HelmRelease ${name}: spec.chart.spec.sourceRef.kind is ${kind}, which its API does not allow (only ${CHART_SOURCE_KINDS.join(', ')}): the API server refuses it ("Unsupported value"), so the apply of Kustomization ${ksName(k)} fails and Flux applies nothing of it.${fix}`,
        at,
        { area: 'flux' },
      ),
    );
    k.blockedBy ??= blockedReason(ksName(k), `HelmRelease ${name} has spec.chart.spec.sourceRef.kind ${kind}, which the API server refuses, ${at.file}:${at.line}`);
  }
  if (k.blockedBy) for (const d of owned) d.blockedBy ??= k.blockedBy;
}
