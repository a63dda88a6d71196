/**
 * Monitoring coverage: each live app against the ServiceMonitors, PodMonitors and PrometheusRules
 * it ships, including the ones its Helm values switch on (`serviceMonitor.enabled: true` and the
 * common variants; model.monitors with monitorKind 'values'). Operators (operators.ts) with none
 * are MONITORING_MISSING: an operator that fails silently takes its whole area down with it.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, refOf, type Ref } from './common.ts';
import { operatorOf } from './operators.ts';

export interface MonitoringRow {
  appId: string;
  namespace: string;
  /** Operator key when the app is an infrastructure component, else null. */
  operator: string | null;
  serviceMonitors: number;
  podMonitors: number;
  prometheusRules: number;
  /** Monitors switched on in Helm values, by values path. */
  fromValues: { release: string; path: string; ref: Ref }[];
  /** The chart monitors itself without a values switch (kube-prometheus-stack). */
  byDefault: boolean;
  monitored: boolean;
  ref: Ref;
}

export interface MonitoringMatrix {
  rows: MonitoringRow[];
  operators: number;
  operatorsMonitored: number;
}

export function monitoringMatrix(model: RepoModel): { result: MonitoringMatrix; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows: MonitoringRow[] = [];
  for (const app of model.apps) {
    if (app.disabled || app.unreferenced) continue;
    const hrs = model.helmReleases.filter((h) => h.appId === app.id && isLive(h, model));
    const ops = hrs.map((h) => operatorOf(h.chart.name, h.name)).filter((o) => o !== null);
    const op = ops[0] ?? operatorOf(null, app.name);
    // Point at the operator's own HelmRelease (an app may also hold e.g. flux-instance).
    const mainHr = hrs.find((h) => operatorOf(h.chart.name, h.name)?.key === op?.key) ?? hrs[0];
    const mons = model.monitors.filter((m) => m.appId === app.id && isLive(m, model));
    const count = (k: string) => mons.filter((m) => m.monitorKind === k).length;
    const fromValues = mons
      .filter((m) => m.monitorKind === 'values')
      .map((m) => ({ release: m.id.split('#')[0]!.split('/').at(-1)!, path: m.valuesPath ?? '', ref: refOf(m.source) }));
    const byDefault = ops.some((o) => o.monitorsByDefault === true);
    const row: MonitoringRow = {
      appId: app.id,
      namespace: app.namespace,
      operator: op?.key ?? null,
      serviceMonitors: count('ServiceMonitor'),
      podMonitors: count('PodMonitor'),
      prometheusRules: count('PrometheusRule'),
      fromValues,
      byDefault,
      monitored: mons.length > 0 || byDefault,
      ref: refOf((mainHr ?? app).source),
    };
    rows.push(row);
    if (row.operator && !row.monitored) {
      findings.push(
        finding('MONITORING_MISSING', 'info', `${row.operator} (app ${app.id}) has no ServiceMonitor, PodMonitor or PrometheusRule, and none is enabled in its Helm values.`, (mainHr ?? app).source, {
          area: 'monitoring',
          appId: app.id,
          ...(mainHr ? { objectId: mainHr.id } : {}),
        }),
      );
    }
  }
  rows.sort((a, b) => a.appId.localeCompare(b.appId));
  const opRows = rows.filter((r) => r.operator);
  return { result: { rows, operators: opRows.length, operatorsMonitored: opRows.filter((r) => r.monitored).length }, findings };
}
