/**
 * Issue 15, class 7 (monitoring): what a homelab owner counts as monitored. Cases in the fixture's README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monitoringMatrix } from '../../src/analysis/health/monitoring.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/repos');

describe('monitoring class 7 on the health-monitoring-class7 fixture', async () => {
  const { model } = await scanRepo(join(FIXTURES, 'health-monitoring-class7'), parseConfig({}));
  const { result, findings } = monitoringMatrix(model);
  const row = (id: string) => result.rows.find((r) => r.appId === id)!;

  it('credits serviceMonitor.create, monitoring.enabled and podMonitorEnabled switches at any depth of the values', () => {
    expect(row('flux-system/flux-operator').fromValues.map((v) => v.path)).toEqual(['serviceMonitor']);
    expect(row('kube-system/snapshot-controller').fromValues.map((v) => v.path)).toEqual(['controller.serviceMonitor']);
    expect(row('rook-ceph/rook-ceph').fromValues.map((v) => v.path)).toEqual(['monitoring']);
    expect(row('cnpg-system/cloudnative-pg').fromValues.map((v) => v.path)).toEqual(['monitoring.podMonitorEnabled']);
    expect(row('network/external-dns').fromValues).toEqual([]);
  });

  it("credits monitors another app's values create for it (additionalServiceMonitors, additionalPodMonitors)", () => {
    expect(row('metallb-system/metallb').fromElsewhere.map((e) => e.what)).toEqual(['additionalServiceMonitors metallb in HelmRelease kube-prometheus-stack']);
    expect(row('reloader/reloader').fromElsewhere.map((e) => e.what)).toEqual(['additionalPodMonitors pods-of-one-namespace in HelmRelease kube-prometheus-stack']);
  });

  it('credits a PodMonitor named and labelled after the operator in another folder, and rules in its own folder', () => {
    expect(row('flux-system/flux-instance').fromElsewhere.map((e) => e.what)).toEqual(['PodMonitor observability/flux-system']);
    expect(row('cert-manager/cert-manager').prometheusRules).toBe(1);
  });

  it('counts the monitoring stack itself as monitored', () => {
    expect(row('observability/kube-prometheus-stack')).toMatchObject({ byDefault: true, monitored: true });
  });

  it('reports only the operator nothing scrapes', () => {
    expect(result.rows.filter((r) => r.operator && !r.monitored).map((r) => r.appId)).toEqual(['network/external-dns']);
    expect(findings.map((f) => [f.code, f.severity, f.source.file])).toEqual([['MONITORING_MISSING', 'info', 'network/external-dns/helmrelease.yaml']]);
    expect(result.prometheusStack).toBe(true);
  });
});

describe('monitoring class 7 where nothing reads ServiceMonitors', async () => {
  const { model } = await scanRepo(join(FIXTURES, 'health-monitoring-class7-no-stack'), parseConfig({}));
  const { result, findings } = monitoringMatrix(model);

  it('shows the unmonitored operator but raises no finding the owner cannot act on', () => {
    expect(result.rows.find((r) => r.appId === 'cert-manager/cert-manager')).toMatchObject({ operator: 'cert-manager', monitored: false });
    expect(result.prometheusStack).toBe(false);
    expect(findings).toEqual([]);
  });
});

describe('the app page says what /health/monitoring/ says', async () => {
  const { appFacts } = await import('../../src/lib/site/app-facts.ts');
  const { model } = await scanRepo(join(FIXTURES, 'health-monitoring-class7'), parseConfig({}));
  const facts = (id: string) => appFacts(model, id)!;

  it('no "no monitoring" badge where the chart monitors itself or another app scrapes it (it contradicted the matrix)', () => {
    const stack = facts('observability/kube-prometheus-stack');
    expect(stack.monitoring.monitoredBy.map((m) => m.what)).toEqual(['the kube-prometheus-stack chart monitors itself by default']);
    expect(stack.badges.missingMonitoring).toBe(false);
    const metallb = facts('metallb-system/metallb');
    expect(metallb.monitoring.monitors).toEqual([]);
    expect(metallb.monitoring.monitoredBy.map((m) => m.what)).toEqual(['additionalServiceMonitors metallb in HelmRelease kube-prometheus-stack']);
    expect(metallb.badges.missingMonitoring).toBe(false);
    // What the matrix reports (MONITORING_MISSING) still has the badge.
    expect(facts('network/external-dns').badges.missingMonitoring).toBe(true);
  });
});

describe('a Prometheus that reads no ServiceMonitors', async () => {
  const { tempRepos } = await import('../support/temp-repo.ts');
  const { afterAll } = await import('vitest');
  const repo = tempRepos(afterAll);

  it('(the prometheus-community prometheus chart) makes no MONITORING_MISSING: nothing would read a ServiceMonitor', async () => {
    const r = repo('plain-prometheus');
    const ks = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: infra\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./infra\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
    r.put('clusters/prod/infra.yaml', ks);
    const hr = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: monitoring\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`;
    r.put('infra/prometheus.yaml', hr('prometheus'));
    r.put('infra/loki.yaml', hr('loki'));
    r.put('infra/grafana.yaml', hr('grafana'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = monitoringMatrix(model);
    expect(result.prometheusStack).toBe(false);
    expect(findings.filter((f) => f.code === 'MONITORING_MISSING')).toEqual([]);
  });
});
