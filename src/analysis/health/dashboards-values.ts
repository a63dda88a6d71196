/**
 * Grafana dashboards a chart renders when its values switch them on, as ConfigMaps for the Grafana
 * sidecar, each read off the chart's own templates and defaults:
 *
 * - kube-prometheus-stack: its default dashboards, when `grafana.defaultDashboardsEnabled` (default
 *   true) and either `grafana.enabled` (default true) or `grafana.forceDeployDashboards`
 *   (templates/grafana/dashboards-1.14/*: `and (or .Values.grafana.enabled .Values.grafana.forceDeployDashboards) ... .Values.grafana.defaultDashboardsEnabled`);
 * - kyverno: `grafana.enabled` (default false; templates/grafana);
 * - cilium: `dashboards.enabled`, `operator.dashboards.enabled` and `hubble.metrics.dashboards.enabled`
 *   (each default false, and each rendered on its own switch alone: `hubble.enabled: false` does not
 *   stop the hubble dashboards' template);
 * - any other chart: a `grafanaDashboard(s)` or `dashboards` block switched on (`enabled` or `create`
 *   true), not in a block switched off, nor a Grafana sidecar's `sidecar.dashboards` (the watcher, not a
 *   dashboard). The grafana chart's own `dashboards:` entries are read in dashboards.ts.
 *
 * Outside review: kyverno's, kube-prometheus-stack's and cilium's dashboards were not counted.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { at, bool, isObj, isSwitchedOff } from '../../model/values.ts';

const DASHBOARD_KEYS = /^(grafanaDashboards?|dashboards?)$/;

/** The values paths that switch on a release's dashboards (kube-prometheus-stack's: on by the chart's default). */
export function valuesDashboards(hr: Pick<HelmRelease, 'chart' | 'values'>): string[] {
  const v = hr.values;
  const on = (path: string, byDefault = false) => bool(at(v, path)) ?? byDefault;
  switch (hr.chart.name) {
    case 'grafana':
      return [];
    case 'kube-prometheus-stack':
      return on('grafana.defaultDashboardsEnabled', true) && (on('grafana.enabled', true) || on('grafana.forceDeployDashboards')) ? ['grafana.defaultDashboardsEnabled'] : [];
    case 'kyverno':
      return on('grafana.enabled') ? ['grafana.enabled'] : [];
    case 'cilium':
      return ['dashboards.enabled', 'operator.dashboards.enabled', 'hubble.metrics.dashboards.enabled'].filter((p) => on(p));
  }
  const out: string[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v, path: '', depth: 0 }];
  while (stack.length) {
    const { v: node, path, depth } = stack.pop()!;
    if (!isObj(node) || depth > 8 || (depth > 0 && isSwitchedOff(node))) continue;
    for (const [key, val] of Object.entries(node)) {
      if (!isObj(val) || key === 'sidecar') continue;
      const p = path ? `${path}.${key}` : key;
      if (DASHBOARD_KEYS.test(key) && (bool(val.enabled) ?? bool(val.create)) === true) out.push(`${p}.${bool(val.enabled) === true ? 'enabled' : 'create'}`);
      else stack.push({ v: val, path: p, depth: depth + 1 });
    }
  }
  return out.sort();
}
