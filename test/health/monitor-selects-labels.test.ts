/**
 * A ServiceMonitor selects Services, and a PodMonitor pods, by their labels: matchLabels and
 * matchExpressions (In, NotIn, Exists, DoesNotExist), in the namespaces of its namespaceSelector. An app
 * is monitored where a monitor of another app selects its Services or its workloads' pods, whatever the
 * selector names; by the release's name only where a chart renders them. Outside review: the
 * flux-system app was "Monitored: no" beside Flux's own PodMonitor (`app In [source-controller, ...]`
 * in flux-system), whether the repository holds Flux's controllers or the bootstrap installs them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { monitoringMatrix } from '../../src/analysis/health/monitoring.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/** Flux's own PodMonitor, as fluxcd/flux2-monitoring-example writes it, kept with the monitoring stack. */
const fluxPodMonitor = `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: flux-system
  namespace: flux-system
  labels:
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/component: monitoring
spec:
  namespaceSelector:
    matchNames:
      - flux-system
  selector:
    matchExpressions:
      - key: app
        operator: In
        values: [source-controller, kustomize-controller, helm-controller, notification-controller, image-reflector-controller, image-automation-controller]
  podMetricsEndpoints:
    - port: http-prom
`;

/** A Flux controller's Deployment as gotk-components.yaml has it: its pods carry `app: <controller>`. */
const controller = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: flux-system
  labels:
    app.kubernetes.io/component: ${name}
    app.kubernetes.io/part-of: flux
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: manager
          image: ghcr.io/fluxcd/${name}:v1.5.0
`;

const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n';

/** The bootstrap (clusters/prod/flux-system) and a monitoring app holding kube-prometheus-stack and Flux's PodMonitor. */
function fluxRepo(put: (rel: string, text: string) => void, gotkComponents: string): void {
  put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n');
  put('clusters/prod/flux-system/gotk-components.yaml', gotkComponents);
  put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
  put('clusters/prod/monitoring.yaml', fluxKustomization('monitoring', './apps/monitoring'));
  put('apps/monitoring/kustomization.yaml', 'resources:\n  - release.yaml\n  - podmonitor-flux.yaml\n');
  put('apps/monitoring/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
  put('apps/monitoring/podmonitor-flux.yaml', fluxPodMonitor);
}

const row = (model: RepoModel, appId: string) => monitoringMatrix(model).result.rows.find((r) => r.appId === appId)!;

describe('what a ServiceMonitor or PodMonitor selects', () => {
  const repo = tempRepos(afterAll);

  it("monitors flux-system by its controllers' pods where the repository holds them", async () => {
    const { root, put } = repo('monitor-flux-controllers');
    fluxRepo(put, [namespace, controller('source-controller'), controller('kustomize-controller')].join('---\n'));
    const { model } = await computeAtlas(root, parseConfig({}));
    const facts = appFacts(model, 'flux-system/flux-system')!;
    expect(facts.monitoring.monitoredBy).toEqual([{ what: 'PodMonitor flux-system/flux-system selects the pods of Deployment kustomize-controller, Deployment source-controller', ref: { file: 'apps/monitoring/podmonitor-flux.yaml', line: 1 } }]);
    expect(facts.badges.missingMonitoring).toBe(false);
    expect(row(model, 'flux-system/flux-system').monitored).toBe(true);
  });

  it("monitors flux-system where the bootstrap installs Flux's controllers (gotk-components.yaml holds none)", async () => {
    const { root, put } = repo('monitor-flux-bootstrap');
    // The shape of a repository whose gotk-components.yaml was not committed in full: the Namespace only,
    // beside a Secret the app keeps (so the app is more than Flux's objects).
    fluxRepo(put, namespace);
    put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - gotk-components.yaml\n  - gotk-sync.yaml\n  - alertmanager-url.yaml\n');
    put('clusters/prod/flux-system/alertmanager-url.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-url\n  namespace: flux-system\nstringData:\n  address: http://alertmanager.monitoring:9093/api/v2/alerts/\n');
    const { model } = await computeAtlas(root, parseConfig({}));
    const facts = appFacts(model, 'flux-system/flux-system')!;
    expect(facts.monitoring.monitoredBy.map((m) => m.what)).toEqual(["PodMonitor flux-system/flux-system selects Flux's controllers"]);
    expect(facts.badges.missingMonitoring).toBe(false);
    expect(row(model, 'flux-system/flux-system').monitored).toBe(true);
  });

  it("does not take a PodMonitor of other pods in flux-system for Flux's", async () => {
    const { root, put } = repo('monitor-flux-other-pods');
    fluxRepo(put, namespace);
    put('apps/monitoring/podmonitor-flux.yaml', fluxPodMonitor.replace(/values: \[.*\]/, 'values: [weave-gitops]'));
    const { model } = await computeAtlas(root, parseConfig({}));
    expect(row(model, 'flux-system/flux-system').fromElsewhere).toEqual([]);
  });

  it('selects Services by the whole selector, whatever it names, and only where the labels match', async () => {
    const { root, put } = repo('monitor-selects-expressions');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    for (const name of ['api', 'worker', 'cache', 'monitors']) put(`clusters/prod/${name}.yaml`, fluxKustomization(name, `./apps/${name}`));
    const app = (name: string, labels: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels:\n${labels}spec:\n  selector:\n    app: ${name}\n  ports:\n    - name: metrics\n      port: 9090\n`;
    put('apps/api/app.yaml', app('api', '    app.kubernetes.io/name: api\n    tier: backend\n'));
    put('apps/worker/app.yaml', app('worker', '    app: worker\n    metrics: enabled\n'));
    // Its Service carries `app: cache`, not the label the monitor below asks for.
    put('apps/cache/app.yaml', app('cache', '    app: cache\n'));
    const sm = (name: string, selector: string) => `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: ${name}\n  namespace: monitoring\nspec:\n  namespaceSelector:\n    matchNames: [shop]\n  selector:\n${selector}  endpoints:\n    - port: metrics\n`;
    put('apps/monitors/monitors.yaml', [
      sm('backend', '    matchLabels:\n      app.kubernetes.io/name: api\n    matchExpressions:\n      - {key: tier, operator: NotIn, values: [debug]}\n'),
      sm('opted-in', '    matchExpressions:\n      - {key: metrics, operator: Exists}\n'),
      sm('cache', '    matchLabels:\n      app.kubernetes.io/name: cache\n'),
    ].join('---\n'));
    put('apps/monitors/prometheus.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: main\n  namespace: monitoring\n');
    const { model } = await computeAtlas(root, parseConfig({}));
    const by = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!.monitoring.monitoredBy.map((m) => m.what);
    expect(by('api')).toEqual(['ServiceMonitor monitoring/backend selects Service api']);
    // Selected by a label no app is named after.
    expect(by('worker')).toEqual(['ServiceMonitor monitoring/opted-in selects Service worker']);
    // Named, but not selected: its Service lacks the label.
    expect(by('cache')).toEqual([]);
  });

  it("keeps selecting a chart's pods by the release's name, whose labels the repository does not show", async () => {
    const { root, put } = repo('monitor-selects-chart');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    for (const name of ['paperless', 'monitors']) put(`clusters/prod/${name}.yaml`, fluxKustomization(name, `./apps/${name}`));
    put('apps/paperless/helmrelease.yaml', helmRelease({ name: 'paperless', namespace: 'documents' }));
    put('apps/monitors/paperless.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: paperless\n  namespace: monitoring\nspec:\n  namespaceSelector:\n    any: true\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: paperless\n  endpoints:\n    - port: http\n');
    const { model } = await computeAtlas(root, parseConfig({}));
    expect(appFacts(model, 'documents/paperless')!.monitoring.monitoredBy.map((m) => m.what)).toEqual(['ServiceMonitor monitoring/paperless selects it']);
  });
});
