/**
 * The health report: every coverage matrix over the model, a 0-100 score per area, and their
 * findings. `appHealthRow` cuts one app's row out of every matrix for the app page. Pure.
 */
import type { AtlasConfig } from '../../config/schema.ts';
import { sortFindings, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { backupMatrix, type BackupMatrix, type BackupRow } from './backup.ts';
import { dashboardMatrix, type DashboardMatrix } from './dashboards.ts';
import { fluxHygiene, type AppLayout, type FluxHygiene, type KustomizationRow } from './flux-hygiene.ts';
import { monitoringMatrix, type MonitoringMatrix, type MonitoringRow } from './monitoring.ts';
import { networkMatrix, type AppNetworkRow, type NetworkMatrix } from './network.ts';
import { policiesForNamespace, policyMatrix, type PolicyMatrix, type PolicyRow } from './policy.ts';
import { retentionMatrix, type RetentionRow } from './retention.ts';
import { versionsInventory, type ChartRow, type DeprecatedRow, type ImageRow, type VersionsInventory } from './versions.ts';
import { vpaMatrix, type VpaMatrix, type VpaRow } from './vpa.ts';

import { HEALTH_AREAS, type HealthArea } from './areas.ts';

export interface Matrices {
  backup: BackupMatrix;
  monitoring: MonitoringMatrix;
  network: NetworkMatrix;
  policy: PolicyMatrix;
  flux: FluxHygiene;
  versions: VersionsInventory;
  vpa: VpaMatrix;
  dashboards: DashboardMatrix;
  retention: { rows: RetentionRow[] };
}

interface AreaScore {
  area: HealthArea;
  /** 0-100; null where the area is informational only (nothing to judge). */
  score: number | null;
  /** What the score measures, in words. */
  basis: string;
  findings: { error: number; warning: number; info: number };
}

export interface HealthReport {
  areas: AreaScore[];
  matrices: Matrices;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((100 * part) / whole));
/** Areas judged by their findings: 100 minus 10 per warning and 2 per info, never below 0. */
const byFindings = (f: Finding[]): number => Math.max(0, 100 - 25 * f.filter((x) => x.severity === 'error').length - 10 * f.filter((x) => x.severity === 'warning').length - 2 * f.filter((x) => x.severity === 'info').length);

export function healthReport(model: RepoModel, config: Pick<AtlasConfig, 'standards'>): { result: HealthReport; findings: Finding[] } {
  const backup = backupMatrix(model);
  const monitoring = monitoringMatrix(model);
  const network = networkMatrix(model);
  const policy = policyMatrix(model);
  const flux = fluxHygiene(model, config);
  const versions = versionsInventory(model);
  const vpa = vpaMatrix(model);
  const dashboards = dashboardMatrix(model);
  const retention = retentionMatrix(model);
  const b = backup.result;
  const m = monitoring.result;
  const n = network.result;
  const d = dashboards.result;
  const scores: Record<HealthArea, { score: number | null; basis: string; findings: Finding[] }> = {
    backup: { score: pct(b.covered, b.rows.length - b.notApplicable), basis: `${b.covered} of ${b.rows.length - b.notApplicable} volumes backed up${b.notApplicable ? ` (${b.notApplicable} shares or caches not counted)` : ''}`, findings: backup.findings },
    monitoring: { score: pct(m.operatorsMonitored, m.operators), basis: `${m.operatorsMonitored} of ${m.operators} operators monitored`, findings: monitoring.findings },
    network: { score: pct(n.covered, n.namespaces.length), basis: `${n.covered} of ${n.namespaces.length} namespaces with a network policy`, findings: network.findings },
    policy: { score: policy.result.policies.length ? byFindings(policy.findings) : null, basis: `${policy.result.enforce} enforcing and ${policy.result.audit} auditing Kyverno policies`, findings: policy.findings },
    flux: { score: byFindings(flux.findings), basis: `${flux.result.kustomizations.length} Kustomizations; ${flux.findings.length} settings off the standard`, findings: flux.findings },
    versions: { score: byFindings(versions.findings), basis: `${versions.result.unpinned.length} unpinned images, ${versions.result.deprecated.length} deprecated API versions`, findings: versions.findings },
    vpa: { score: null, basis: `${vpa.result.vpas.length} VerticalPodAutoscalers`, findings: vpa.findings },
    dashboards: { score: pct(d.components.length - d.withoutDashboards.length, d.components.length), basis: `${d.components.length - d.withoutDashboards.length} of ${d.components.length} components with a dashboard`, findings: dashboards.findings },
    retention: { score: retention.result.rows.length ? byFindings(retention.findings) : null, basis: `${retention.result.rows.length} retention settings checked against their volumes`, findings: retention.findings },
  };
  const areas: AreaScore[] = HEALTH_AREAS.map((area) => {
    const s = scores[area];
    const count = (sev: Finding['severity']) => s.findings.filter((f) => f.severity === sev).length;
    return { area, score: s.score, basis: s.basis, findings: { error: count('error'), warning: count('warning'), info: count('info') } };
  });
  const matrices: Matrices = { backup: b, monitoring: m, network: n, policy: policy.result, flux: flux.result, versions: versions.result, vpa: vpa.result, dashboards: d, retention: retention.result };
  return { result: { areas, matrices }, findings: sortFindings(Object.values(scores).flatMap((s) => s.findings)) };
}

/** One app's row of every matrix, for the app page. */
export interface AppHealthRow {
  appId: string;
  backup: BackupRow[];
  monitoring: MonitoringRow | null;
  network: AppNetworkRow | null;
  policies: PolicyRow[];
  kustomizations: KustomizationRow[];
  layout: AppLayout | null;
  charts: ChartRow[];
  images: ImageRow[];
  deprecated: DeprecatedRow[];
  vpas: VpaRow[];
  dashboards: string[] | null;
  retention: RetentionRow[];
}

export function appHealthRow(report: HealthReport, appId: string): AppHealthRow {
  const x = report.matrices;
  const network = x.network.apps.find((a) => a.appId === appId) ?? null;
  const ns = network?.namespace ?? x.monitoring.rows.find((r) => r.appId === appId)?.namespace ?? null;
  return {
    appId,
    backup: x.backup.rows.filter((r) => r.appId === appId),
    monitoring: x.monitoring.rows.find((r) => r.appId === appId) ?? null,
    network,
    policies: ns ? policiesForNamespace(x.policy, ns) : [],
    kustomizations: x.flux.kustomizations.filter((k) => k.appId === appId),
    layout: x.flux.layouts.find((l) => l.appId === appId) ?? null,
    charts: x.versions.charts.filter((c) => c.appId === appId),
    images: x.versions.images.filter((i) => i.appId === appId),
    deprecated: x.versions.deprecated.filter((d) => d.appId === appId),
    vpas: x.vpa.vpas.filter((v) => v.appId === appId),
    dashboards: x.dashboards.components.find((c) => c.appId === appId)?.dashboards ?? null,
    retention: x.retention.rows.filter((r) => r.appId === appId),
  };
}
