/** The health report on examples/homelab, against the facts in examples/homelab/EXPECTED.md. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appHealthRow, healthReport } from '../../src/analysis/health/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const REPO = join(import.meta.dirname, '../../examples/homelab');

describe('health report on examples/homelab', async () => {
  const { model } = await scanRepo(REPO, parseConfig({}));
  const { result, findings } = healthReport(model, parseConfig({}));
  const m = result.matrices;
  const codes = (code: string) => findings.filter((f) => f.code === code);

  it('backup: 6 PVCs, the CloudNativePG Cluster and the charts\' 3 claims, 5 covered (k8up 1, Longhorn 2, VolSync 1, the operator 1), n8n-data, ollama-models, Prometheus\'s, Alertmanager\'s and Loki\'s not (EXPECTED "Storage and backups"); k8up.skipWithoutAnnotation keeps the media Schedule off sonarr-config', () => {
    expect(m.backup.rows.map((r) => `${r.name}:${r.coveredBy.join('+')}${r.appLevel ? ` (${r.appLevel})` : ''}`)).toEqual([
      'postgres16: (CloudNativePG: ScheduledBackup postgres16 (0 0 3 * * *) to an object store (barmanObjectStore), with the WAL archived)',
      'ollama-models:', 'open-webui-data:longhorn', 'jellyfin-config:k8up', 'sonarr-config:longhorn',
      'alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0:', 'prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0:', 'storage-loki-0:',
      'n8n-data:', 'paperless:volsync',
    ]);
    expect(codes('BACKUP_MISSING').map((f) => `${f.source.file}:${f.source.line}`)).toEqual([
      'kubernetes/apps/ai/ollama/app/pvc.yaml:3',
      'kubernetes/apps/observability/kube-prometheus-stack/app/helmrelease.yaml:41',
      'kubernetes/apps/observability/kube-prometheus-stack/app/helmrelease.yaml:78',
      'kubernetes/apps/observability/loki/app/helmrelease.yaml:49',
      'kubernetes/apps/productivity/n8n/app/pvc.yaml:2',
    ]);
    expect(codes('BACKUP_OVERLAP')).toEqual([]);
  });

  it('monitoring: the five operators EXPECTED lists, plus flux-operator and loki whose monitors are switched off (volsync\'s chart monitors itself)', () => {
    expect(codes('MONITORING_MISSING').map((f) => f.appId).sort()).toEqual([
      'flux-system/flux-operator', 'kube-system/cilium', 'kube-system/system-upgrade-controller', 'observability/loki',
      'security/kyverno', 'security/onepassword-connect', 'storage/k8up',
    ]);
    const kps = m.monitoring.rows.find((r) => r.appId === 'observability/kube-prometheus-stack')!;
    expect([kps.byDefault, kps.prometheusRules]).toEqual([true, 1]);
  });

  it('network: security, database and network have policies; the 9 others (media among them) have none, 8 judged (not flux-system)', () => {
    expect(m.network.namespaces.filter((n) => n.policies.length).map((n) => n.namespace)).toEqual(['database', 'network', 'security']);
    // flux-system is not judged: Flux's own install (flux-operator here) ships its NetworkPolicies.
    expect(codes('NETWORK_POLICY_MISSING')).toHaveLength(8);
    expect(codes('NETWORK_POLICY_MISSING').some((f) => f.message.includes('Namespace flux-system '))).toBe(false);
    expect(codes('NETWORK_POLICY_MISSING').find((f) => f.message.includes('Namespace media '))?.source.file).toBe('kubernetes/apps/media/namespace.yaml');
    expect(m.network.namespaces.filter((n) => n.defaultDeny).map((n) => n.namespace)).toEqual(['database', 'security']);
  });

  it('policy: 3 ClusterPolicies, one Enforce with the jellyfin exception', () => {
    expect(m.policy.policies.map((p) => `${p.name}:${p.action}:${p.excludedNamespaces.join(',')}:${p.exceptions.length}`)).toEqual([
      'disallow-latest-tag:Audit:flux-system,kube-system:0',
      'disallow-privileged-containers:Enforce:kube-system,observability,storage:1',
      'require-requests-limits:Audit:flux-system,kube-system,security:0',
    ]);
  });

  it('flux: the timeout, interval and retryInterval spread of EXPECTED "Flux Kustomizations"', () => {
    expect(m.flux.spread.timeout).toEqual({ '10m': 3, '15m': 1, '3m': 1, '5m': 30, unset: 3 });
    expect(m.flux.spread.interval).toEqual({ '1h': 10, '30m': 28 });
    expect(m.flux.spread.retryInterval).toEqual({ '1m': 30, '2m': 5, unset: 3 });
    expect(m.flux.spread.prune.false).toBe(4);
    expect(m.flux.disabled.map((d) => d.id.split('/')[2]).sort()).toEqual(['cloudflared-dns', 'librechat', 'lidarr']);
  });

  it('retention: 2GB on a 12Gi Prometheus volume is the seed M-7.1 case', () => {
    expect(m.retention.rows.find((r) => r.system === 'prometheus')).toMatchObject({ retention: '14d', retentionSize: '2GB', volumeSize: '12Gi' });
    expect(codes('RETENTION_UNDERUSES_VOLUME').map((f) => f.objectId)).toEqual(['HelmRelease/observability/kube-prometheus-stack']);
  });

  it('VPA, dashboards and versions', () => {
    expect(m.vpa.vpas.map((v) => `${v.appId}:${v.updateMode}`)).toEqual(['ai/ollama:Off']);
    expect(m.dashboards.dashboards.filter((d) => d.kind === 'configmap').map((d) => d.name)).toEqual(['flux-cluster-dashboard']);
    expect(m.versions.unpinned).toEqual([]);
    expect(m.versions.charts.find((c) => c.helmRelease === 'HelmRelease/storage/longhorn')).toMatchObject({ chart: 'longhorn', version: '1.9.1' });
  });

  it('appHealthRow cuts one app out of every matrix', () => {
    const row = appHealthRow(result, 'ai/ollama');
    expect(row.backup.map((b) => b.name)).toEqual(['ollama-models']);
    expect(row.vpas).toHaveLength(1);
    expect(row.network?.policies).toEqual([]);
    expect(row.policies.map((p) => p.name)).toHaveLength(3);
    expect(row.charts.map((c) => c.chart)).toEqual(['app-template']);
  });

  it('scores follow the matrices', () => {
    const score = (a: string) => result.areas.find((x) => x.area === a)!.score;
    expect([score('backup'), score('network')]).toEqual([50, 25]);
  });
});
