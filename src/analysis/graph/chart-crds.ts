import type { HelmRelease } from '../../model/helm-release.ts';

/**
 * How an operator's chart installs its API group's CRDs, so that a release of it counts as their provider
 * only where it does: cert-manager's chart installs none unless `crds.enabled` (or the older
 * `installCRDs`) is true, and its ClusterIssuers then wait for whatever does (a `cert-manager-crds` app,
 * the CRD manifests), not for the release.
 */
export interface ChartCrds {
  /** The operator's own charts (by chart name, else release name); another chart the rule's `appName` matches (`cert-manager-crds`) is one of the CRDs alone, which always installs them. */
  charts: RegExp;
  /**
   * Dotted value paths of the chart's switch (`!` before one that skips them when true: emqx-operator's
   * `skipCRDs`), and whether the chart installs them where the values set none. Installed where any is on;
   * with `byDefault`, unless one is off.
   */
  switches?: readonly string[];
  byDefault: boolean;
  /** The CRDs lie in the chart's `crds/` folder, which helm-controller installs unless `spec.install.crds` is `Skip`. */
  crdsFolder?: true;
}

/**
 * Whether a release installs its chart's CRDs: a chart of the CRDs alone always does; the operator's own
 * chart where its values switch them on (or leave them at an on default), and for CRDs in the chart's
 * crds/ folder unless `spec.install.crds: Skip` (https://fluxcd.io/flux/components/helm/helmreleases/#crds).
 * Values a valuesFrom the repository does not hold are not known: the written ones decide.
 */
export function installsCrds(h: HelmRelease, crds: ChartCrds): boolean {
  const chart = (h.chart.name ?? h.name).replace(/^.*\//, '');
  crds.charts.lastIndex = 0;
  if (!crds.charts.test(chart)) return true;
  if (crds.crdsFolder && (h.settings ?? []).some((s) => s.path === 'install.crds' && s.value === 'Skip')) return false;
  const set = (crds.switches ?? []).map((p) => {
    const v = p.replace(/^!/, '').split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), h.values);
    const on = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
    return on === undefined ? undefined : p.startsWith('!') ? !on : on;
  });
  return crds.byDefault ? !set.includes(false) : set.includes(true);
}
