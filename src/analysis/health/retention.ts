/**
 * Metrics and log retention against the volume that holds it. Prometheus stops at `retentionSize`;
 * if that is at or above the volume size the disk fills first (RETENTION_EXCEEDS_VOLUME, warning).
 * If it is under a fifth of the volume, most of the volume is paid for and never used
 * (RETENTION_UNDERUSES_VOLUME, info; the seed's M-7.1: 2 GiB retention on a 12 Gi volume).
 * Field lines are not in the model, so findings point at the HelmRelease.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { at, formatBytes, isLive, parsePromSize, parseQuantity, refOf, str, type Ref } from './common.ts';

export interface RetentionRow {
  helmRelease: string;
  appId: string | null;
  system: 'prometheus' | 'loki' | 'victoria-metrics' | 'victoria-logs';
  retention: string | null;
  retentionSize: string | null;
  volumeSize: string | null;
  /** retentionSize / volume size, where both are known. */
  ratio: number | null;
  ref: Ref;
}

/** Values paths per chart: [system, retention, retentionSize, volume size]. */
const CHARTS: Record<string, [RetentionRow['system'], string[], string[], string[]]> = {
  'kube-prometheus-stack': ['prometheus', ['prometheus.prometheusSpec.retention'], ['prometheus.prometheusSpec.retentionSize'], ['prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage']],
  prometheus: ['prometheus', ['server.retention'], ['server.retentionSize'], ['server.persistentVolume.size']],
  loki: ['loki', ['loki.limits_config.retention_period', 'loki.tableManager.retention_period'], [], ['singleBinary.persistence.size', 'write.persistence.size', 'backend.persistence.size']],
  'victoria-metrics-single': ['victoria-metrics', ['server.retentionPeriod'], [], ['server.persistentVolume.size']],
  'victoria-logs-single': ['victoria-logs', ['server.retentionPeriod'], ['server.retentionDiskSpaceUsage'], ['server.persistentVolume.size']],
};

const first = (values: unknown, paths: string[]): string | null => paths.map((p) => str(at(values, p))).find((v) => v !== null) ?? null;

export function retentionMatrix(model: RepoModel): { result: { rows: RetentionRow[] }; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows: RetentionRow[] = [];
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model) || !hr.chart.name || !CHARTS[hr.chart.name]) continue;
    const [system, rPaths, sPaths, vPaths] = CHARTS[hr.chart.name]!;
    const retention = first(hr.values, rPaths);
    const retentionSize = first(hr.values, sPaths);
    const volumeSize = first(hr.values, vPaths);
    const size = system === 'victoria-logs' ? parseQuantity(retentionSize) : parsePromSize(retentionSize);
    const vol = parseQuantity(volumeSize);
    const ratio = size !== null && vol !== null && vol > 0 ? size / vol : null;
    rows.push({ helmRelease: hr.id, appId: hr.appId, system, retention, retentionSize, volumeSize, ratio, ref: refOf(hr.source) });
    if (ratio !== null) judge(hr, system, retentionSize!, volumeSize!, size!, vol!, ratio, findings);
  }
  return { result: { rows: rows.sort((a, b) => a.helmRelease.localeCompare(b.helmRelease)) }, findings };
}

function judge(hr: HelmRelease, system: string, rs: string, vs: string, size: number, vol: number, ratio: number, findings: Finding[]): void {
  const extra = { area: 'retention', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) };
  if (ratio >= 1) {
    findings.push(finding('RETENTION_EXCEEDS_VOLUME', 'warning', `${system} in HelmRelease ${hr.name} keeps up to ${rs} (${formatBytes(size)}) on a ${vs} volume (${formatBytes(vol)}): the disk fills before retention deletes anything. Keep retentionSize below about 85% of the volume.`, hr.source, extra));
  } else if (ratio < 0.2) {
    findings.push(finding('RETENTION_UNDERUSES_VOLUME', 'info', `${system} in HelmRelease ${hr.name} keeps only ${rs} (${formatBytes(size)}) on a ${vs} volume (${formatBytes(vol)}, ${Math.round(ratio * 100)}% used at most): raise retentionSize or shrink the volume.`, hr.source, extra));
  }
}
