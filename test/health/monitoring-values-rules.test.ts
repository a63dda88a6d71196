/**
 * Outside review: Loki whose values switch on `monitoring.rules.enabled` and `monitoring.alerts.enabled`
 * (PrometheusRules the chart makes) was MONITORING_MISSING. Rules and alerts count under a `monitoring`
 * or `metrics` key only, and only where `enabled: true`; a `rules` block elsewhere is no monitor.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('rules and alerts a monitoring or metrics block switches on', () => {
  const repo = tempRepos(afterAll);

  const scan = async (name: string, releases: { name: string; namespace: string; values: string }[]) => {
    const r = repo(name);
    bootstrap(r);
    const names = ['kube-prometheus-stack', ...releases.map((x) => x.name)];
    r.put('clusters/prod/apps.yaml', names.map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    for (const x of releases) r.put(`apps/${x.name}/release.yaml`, helmRelease(x));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    return {
      missing: analysis.findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId),
      paths: (id: string) => analysis.health.matrices.monitoring.rows.find((x) => x.appId === id)!.fromValues.map((v) => v.path),
    };
  };

  it("credits Loki's monitoring.rules and monitoring.alerts, and monitoring.serviceMonitor", async () => {
    const loki = '    monitoring:\n      selfMonitoring:\n        enabled: false\n      rules:\n        enabled: true\n        alerting: true\n      alerts:\n        enabled: true\n';
    const tempo = '    metrics:\n      serviceMonitor:\n        enabled: true\n';
    const mimir = '    monitoring:\n      serviceMonitor:\n        enabled: true\n';
    const { missing, paths } = await scan('monitoring-values-rules', [
      { name: 'loki', namespace: 'observability', values: loki },
      { name: 'tempo', namespace: 'observability', values: tempo },
      { name: 'mimir', namespace: 'observability', values: mimir },
    ]);
    expect(paths('observability/loki')).toEqual(['monitoring.alerts', 'monitoring.rules']);
    expect(paths('observability/tempo')).toEqual(['metrics.serviceMonitor']);
    expect(paths('observability/mimir')).toEqual(['monitoring.serviceMonitor']);
    expect(missing).not.toContain('observability/loki');
  });

  it('credits nothing switched off, and no rules block outside monitoring or metrics', async () => {
    const off = '    monitoring:\n      rules:\n        enabled: false\n      alerts:\n        enabled: false\n      serviceMonitor:\n        enabled: false\n';
    const parentOff = '    monitoring:\n      enabled: false\n      rules:\n        enabled: true\n';
    const elsewhere = '    rbac:\n      rules:\n        enabled: true\n    alerts:\n      enabled: true\n';
    const { missing, paths } = await scan('monitoring-values-rules-off', [
      { name: 'loki', namespace: 'observability', values: off },
      { name: 'cert-manager', namespace: 'cert-manager', values: parentOff },
      { name: 'external-dns', namespace: 'network', values: elsewhere },
    ]);
    expect(paths('observability/loki')).toEqual([]);
    expect(paths('cert-manager/cert-manager')).toEqual([]);
    expect(paths('network/external-dns')).toEqual([]);
    expect(missing).toEqual(expect.arrayContaining(['observability/loki', 'cert-manager/cert-manager', 'network/external-dns']));
  });
});
