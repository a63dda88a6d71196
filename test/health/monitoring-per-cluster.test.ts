/**
 * Each cluster runs its own Prometheus, which reads that cluster's monitors and scrapes that cluster's
 * pods. Where two overlays build one base and one monitoring component, each cluster's app page listed
 * "ServiceMonitor echo/echo selects it" twice, the other being the other cluster's copy (outside
 * review); a monitor named after an operator on one cluster counted for the other's too; and a cluster
 * that runs nothing reading ServiceMonitors was asked for one because another cluster does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: echo\n  namespace: echo\nspec:\n  selector:\n    matchLabels: {app: echo}\n  template:\n    metadata:\n      labels: {app: echo}\n    spec:\n      containers:\n        - name: echo\n          image: ealen/echo-server:0.8.6\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: echo\n  namespace: echo\n  labels: {app: echo}\nspec:\n  selector: {app: echo}\n  ports:\n    - name: http\n      port: 80\n';
const serviceMonitor = (name: string, ns: string, label: string, value: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      ${label}: ${value}\n  endpoints:\n    - port: http\n`;

describe('monitoring in a repository of several clusters', () => {
  const repo = tempRepos(afterAll);

  it("counts the monitors and the Prometheus of the app's own cluster only", async () => {
    const r = repo('monitoring-per-cluster');
    for (const cluster of ['edge', 'production', 'staging']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/apps.yaml`, fluxKustomization('apps', `./apps/${cluster}`));
    }
    r.put('apps/base/echo/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/base/echo/deployment.yaml', deployment);
    r.put('apps/base/ingress-nginx/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/base/ingress-nginx/helmrelease.yaml', helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx' }));
    r.put('components/monitoring/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - servicemonitor.yaml\n');
    r.put('components/monitoring/servicemonitor.yaml', serviceMonitor('echo', 'echo', 'app', 'echo'));
    // Production also scrapes its ingress controller; edge runs no monitor and no Prometheus at all.
    r.put('apps/production/kustomization.yaml', 'resources:\n  - ../base/echo\n  - ../base/ingress-nginx\n  - ingress-monitor.yaml\ncomponents:\n  - ../../components/monitoring\n');
    r.put('apps/production/ingress-monitor.yaml', serviceMonitor('ingress-nginx', 'monitoring', 'app.kubernetes.io/name', 'ingress-nginx'));
    r.put('apps/staging/kustomization.yaml', 'resources:\n  - ../base/echo\n  - ../base/ingress-nginx\ncomponents:\n  - ../../components/monitoring\n');
    r.put('apps/edge/kustomization.yaml', 'resources:\n  - ../base/ingress-nginx\n');
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['edge', 'production', 'staging']);
    const appId = (cluster: string, name: string) => model.apps.find((a) => a.cluster === cluster && a.name === name)!.id;
    for (const cluster of ['production', 'staging']) {
      expect(appFacts(model, appId(cluster, 'echo'))!.monitoring.monitoredBy).toEqual([{ what: 'ServiceMonitor echo/echo selects Service echo', ref: { file: 'components/monitoring/servicemonitor.yaml', line: 1 } }]);
    }
    expect(appFacts(model, appId('production', 'ingress-nginx'))!.monitoring.monitoredBy.map((m) => m.what)).toEqual(['ServiceMonitor monitoring/ingress-nginx']);
    expect(appFacts(model, appId('staging', 'ingress-nginx'))!.monitoring.monitoredBy).toEqual([]);
    // Staging reads ServiceMonitors (its echo monitor) but none scrapes its controller; edge reads none.
    const missing = analysis.findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    expect(missing).toEqual([appId('staging', 'ingress-nginx')]);
  });
});
