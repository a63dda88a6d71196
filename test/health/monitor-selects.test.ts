/**
 * ServiceMonitors kept together in one folder (a `monitoring/servicemonitors/` app) scrape the apps
 * they select: the selected app's page said "No ServiceMonitor" and carried a "no monitoring" badge.
 * A monitor selects an app in its namespace (its own, its namespaceSelector's, or any): the app's
 * Services by their labels, or, for a chart's pods (whose labels the repository does not show), by a
 * selector label whose value is its release's name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const monitor = (name: string, ns: string, selector: string, namespaces: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${selector}\n${namespaces}  endpoints:\n    - port: metrics\n`;
const deploy = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${name}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/${name}:1.0.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app.kubernetes.io/name: ${name}\nspec:\n  selector:\n    app.kubernetes.io/name: ${name}\n  ports:\n    - name: metrics\n      port: 9090\n`;

describe('a ServiceMonitor of another app', () => {
  const repo = tempRepos(afterAll);

  it('monitors the app it selects, in the namespaces it looks at', async () => {
    const { root, put } = repo('monitor-selects');
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    for (const [name, path] of [['sonarr', 'media/sonarr'], ['radarr', 'media/radarr'], ['tools-sonarr', 'tools/sonarr'], ['servicemonitors', 'monitoring/servicemonitors']] as const) {
      put(`clusters/home/${name}.yaml`, fluxKustomization(name, `./apps/${path}`));
    }
    put('apps/media/sonarr/deploy.yaml', deploy('sonarr', 'media'));
    put('apps/media/radarr/deploy.yaml', deploy('radarr', 'media'));
    put('apps/tools/sonarr/deploy.yaml', deploy('sonarr', 'tools'));
    put('apps/monitoring/servicemonitors/sonarr.yaml', monitor('sonarr', 'monitoring', 'sonarr', '  namespaceSelector:\n    matchNames:\n      - media\n'));
    put('apps/monitoring/servicemonitors/prometheus.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: main\n  namespace: monitoring\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const facts = (name: string, ns: string) => appFacts(model, model.apps.find((a) => a.name === name && a.namespace === ns)!.id)!;
    expect(facts('sonarr', 'media').monitoring.monitoredBy.map((m) => m.what)).toEqual(['ServiceMonitor monitoring/sonarr selects Service sonarr']);
    expect(facts('sonarr', 'media').badges.missingMonitoring).toBe(false);
    // Another namespace, another name: not selected.
    expect(facts('tools-sonarr', 'tools').monitoring.monitoredBy).toEqual([]);
    expect(facts('radarr', 'media').monitoring.monitoredBy).toEqual([]);
  });

  it('selects by all its name-like labels: {app: web, release: prometheus} is web, not prometheus', async () => {
    const { root, put } = repo('monitor-selects-all');
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    for (const [name, path] of [['web', 'media/web'], ['prometheus', 'observability/prometheus'], ['monitors', 'observability/monitors']] as const) {
      put(`clusters/home/${name}.yaml`, fluxKustomization(name, `./apps/${path}`));
    }
    // Charts: the labels of the pods and Services they render are not in the repository.
    put('apps/media/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'media' }));
    put('apps/observability/prometheus/helmrelease.yaml', helmRelease({ name: 'prometheus', namespace: 'observability' }));
    put('apps/observability/monitors/web.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web-metrics\n  namespace: observability\nspec:\n  namespaceSelector:\n    any: true\n  selector:\n    matchLabels:\n      app: web\n      release: prometheus\n  endpoints:\n    - port: metrics\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    expect(facts('web').monitoring.monitoredBy.map((m) => m.what)).toEqual(['ServiceMonitor observability/web-metrics selects it']);
    expect(facts('prometheus').monitoring.monitoredBy).toEqual([]);
  });
});
