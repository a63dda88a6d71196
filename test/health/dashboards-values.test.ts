/**
 * Dashboards a chart renders when its values switch them on count as dashboards, as the monitors a
 * chart's values switch on count as monitors. Outside review: kyverno's `grafana.enabled`,
 * kube-prometheus-stack's dashboards (`forceDeployDashboards` with its Grafana off, and by default with
 * it on) and cilium's `dashboards.enabled` were not counted, and those components were listed
 * "without a dashboard". Each chart's default is its own: kyverno's and cilium's switches are off by
 * default; a Grafana sidecar's `sidecar.dashboards.enabled` is the watcher, not a dashboard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/** One app a release, in its own namespace. */
async function dashboards(repo: ReturnType<ReturnType<typeof tempRepos>>, releases: Record<string, { chart: string; values: string }>) {
  bootstrap(repo);
  for (const [name, { chart, values }] of Object.entries(releases)) {
    repo.put(`clusters/prod/${name}.yaml`, fluxKustomization(name, `./apps/${name}`, `  targetNamespace: ${name}\n`));
    repo.put(`apps/${name}/release.yaml`, helmRelease({ name, chart, values }));
  }
  const { analysis } = await computeAtlas(repo.root, parseConfig({}));
  return analysis.health.matrices.dashboards;
}

describe("dashboards a chart's values switch on", () => {
  const repo = tempRepos(afterAll);

  it('counts kyverno, kube-prometheus-stack and cilium dashboards, each for its component', async () => {
    const d = await dashboards(repo('dashboards-values'), {
      kyverno: { chart: 'kyverno', values: '    grafana:\n      enabled: true\n' },
      // flatops: Grafana elsewhere, the stack's dashboards deployed for it.
      kps: { chart: 'kube-prometheus-stack', values: '    grafana:\n      enabled: false\n      forceDeployDashboards: true\n      sidecar:\n        dashboards:\n          enabled: true\n' },
      // Hubble switched off: its dashboards are not asked for; the agent's are.
      cilium: { chart: 'cilium', values: '    hubble:\n      enabled: false\n    dashboards:\n      enabled: true\n    operator:\n      dashboards:\n        enabled: true\n' },
      spegel: { chart: 'spegel', values: '    grafanaDashboard:\n      enabled: true\n' },
    });
    expect(d.dashboards.map((x) => [x.name, x.kind, x.appId])).toEqual([
      ['cilium (dashboards.enabled)', 'chart-values', 'cilium/cilium'],
      ['cilium (operator.dashboards.enabled)', 'chart-values', 'cilium/cilium'],
      ['kps (grafana.defaultDashboardsEnabled)', 'chart-values', 'kps/kps'],
      ['kyverno (grafana.enabled)', 'chart-values', 'kyverno/kyverno'],
      ['spegel (grafanaDashboard.enabled)', 'chart-values', 'spegel/spegel'],
    ]);
    expect(d.withoutDashboards).toEqual([]);
  });

  it("follows each chart's default: kube-prometheus-stack's are on with its Grafana, kyverno's and cilium's off", async () => {
    const d = await dashboards(repo('dashboards-defaults'), {
      kps: { chart: 'kube-prometheus-stack', values: '    prometheus:\n      enabled: true\n' },
      off: { chart: 'kube-prometheus-stack', values: '    grafana:\n      enabled: false\n' },
      kyverno: { chart: 'kyverno', values: '    admissionController:\n      replicas: 3\n' },
      cilium: { chart: 'cilium', values: '    hubble:\n      metrics:\n        serviceMonitor:\n          enabled: true\n' },
      // A subchart switched off renders none of its dashboards.
      loki: { chart: 'loki', values: '    monitoring:\n      enabled: false\n      dashboards:\n        enabled: true\n' },
    });
    expect(d.dashboards.map((x) => x.name)).toEqual(['kps (grafana.defaultDashboardsEnabled)']);
    expect(d.withoutDashboards).toEqual(['cilium/cilium', 'kyverno/kyverno', 'loki/loki', 'off/off']);
  });
});
