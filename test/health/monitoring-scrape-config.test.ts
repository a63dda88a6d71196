/**
 * An operator scraped by another app's own scrape configuration is monitored: a Grafana Alloy config
 * in k8s-monitoring's values (`discovery.kubernetes "ingress_nginx" { namespaces { names =
 * ["ingress-nginx"] } }` beside `prometheus.scrape`), or a static target `<svc>.<namespace>.svc`.
 * MONITORING_MISSING said "no other app scrapes it" of both (outside review). One no config names is
 * still missing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('operators a scrape configuration in values names', () => {
  const repo = tempRepos(afterAll);
  it('are monitored; one no configuration names is MONITORING_MISSING', async () => {
    const r = repo('monitoring-scrape-config');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', 'k8s-monitoring', 'ingress-nginx', 'reloader', 'cert-manager'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    r.put(
      'apps/k8s-monitoring/release.yaml',
      helmRelease({
        name: 'k8s-monitoring',
        namespace: 'monitoring',
        values: '    collectors:\n      alloy-metrics:\n        extraConfig: |\n          discovery.kubernetes "ingress_nginx" {\n            role = "pod"\n            namespaces {\n              names = ["ingress-nginx"]\n            }\n          }\n          prometheus.scrape "ingress_nginx" {\n            targets = discovery.kubernetes.ingress_nginx.targets\n            job_name = "ingress-nginx"\n          }\n          prometheus.scrape "reloader" {\n            targets = [{"__address__" = "reloader.reloader.svc.cluster.local:9090"}]\n          }\n',
      }),
    );
    r.put('apps/ingress-nginx/release.yaml', helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx' }));
    r.put('apps/reloader/release.yaml', helmRelease({ name: 'reloader', namespace: 'reloader' }));
    r.put('apps/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    expect(missing).toContain('cert-manager/cert-manager');
    expect(missing).not.toContain('ingress-nginx/ingress-nginx');
    expect(missing).not.toContain('reloader/reloader');
  });

  // Outside review: a kube-prometheus-stack job read the `observability` namespace with a keep rule on
  // app.kubernetes.io/name = opentelemetry-collector; loki and tempo beside it were shown monitored.
  it('credits only the apps a job keep rule selects, where it has one', async () => {
    const r = repo('monitoring-scrape-keep');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', 'opentelemetry-collector', 'loki', 'cert-manager', 'external-dns'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    const job = (name: string, ns: string, keep: string | null) =>
      [
        `          - job_name: ${name}`,
        '            kubernetes_sd_configs:',
        '              - role: pod',
        '                namespaces:',
        `                  names: [${ns}]`,
        ...(keep === null ? [] : ['            relabel_configs:', '              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]', '                action: keep', `                regex: ${keep}`]),
        '',
      ].join('\n');
    r.put(
      'apps/kube-prometheus-stack/release.yaml',
      helmRelease({
        name: 'kube-prometheus-stack',
        namespace: 'monitoring',
        values: `    prometheus:\n      prometheusSpec:\n        additionalScrapeConfigs:\n${job('otel', 'observability', 'opentelemetry-collector')}${job('dns', 'network', null)}`,
      }),
    );
    r.put('apps/opentelemetry-collector/release.yaml', helmRelease({ name: 'opentelemetry-collector', namespace: 'observability' }));
    r.put('apps/loki/release.yaml', helmRelease({ name: 'loki', namespace: 'observability' }));
    r.put('apps/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'observability' }));
    // A job without a keep rule scrapes its namespace as a whole.
    r.put('apps/external-dns/release.yaml', helmRelease({ name: 'external-dns', namespace: 'network' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    const missing = analysis.findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    expect(missing).toContain('observability/cert-manager');
    expect(missing).not.toContain('network/external-dns');
    const row = (id: string) => analysis.health.matrices.monitoring.rows.find((x) => x.appId === id)!;
    expect(row('observability/loki').fromElsewhere).toEqual([]);
    expect(row('observability/opentelemetry-collector').fromElsewhere.map((x) => x.what)).toEqual(['a scrape configuration in the values of HelmRelease monitoring/kube-prometheus-stack names its namespace']);
  });

  // Outside review: ingress-nginx's pods annotated prometheus.io/scrape, scraped by the Prometheus
  // Flagger bundles (prometheus.install: true), were "no other app scrapes it". An annotated operator
  // without such a Prometheus (the Prometheus Operator's does not read the annotation) stays missing.
  it('are monitored where their pods are annotated for scraping and a Prometheus scrapes by annotation', async () => {
    const annotated = '    controller:\n      podAnnotations:\n        prometheus.io/scrape: "true"\n        prometheus.io/port: "10254"\n';
    const setup = async (name: string, flaggerValues: string) => {
      const r = repo(name);
      bootstrap(r);
      r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', 'flagger', 'ingress-nginx'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
      r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
      r.put('apps/flagger/release.yaml', helmRelease({ name: 'flagger', namespace: 'ingress-nginx', values: flaggerValues }));
      r.put('apps/ingress-nginx/release.yaml', helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx', values: annotated }));
      const config = parseConfig({});
      const { model } = await scanRepo(r.root, config);
      return analyse(model, config).findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    };
    expect(await setup('monitoring-annotation-flagger', '    prometheus:\n      install: true\n')).not.toContain('ingress-nginx/ingress-nginx');
    expect(await setup('monitoring-annotation-none', '    meshProvider: nginx\n')).toContain('ingress-nginx/ingress-nginx');
  });

  // Code review: an annotation of a part switched off annotates no pod that runs.
  it('are not monitored by an annotation of a switched-off part', async () => {
    const r = repo('monitoring-annotation-off');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', 'prometheus', 'ingress-nginx'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    r.put('apps/prometheus/release.yaml', helmRelease({ name: 'prometheus', namespace: 'monitoring' }));
    r.put('apps/ingress-nginx/release.yaml', helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx', values: '    defaultBackend:\n      enabled: false\n      podAnnotations:\n        prometheus.io/scrape: "true"\n' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId)).toContain('ingress-nginx/ingress-nginx');
  });

  // Outside review: a PodMonitor of the monitoring app selecting `app.kubernetes.io/name: cloudnative-pg`
  // in the operator's namespace scrapes it; a folder of Contour routes named `contour` is no operator.
  it("credits a monitor of another app whose selector names the operator, and judges no app known by name alone that runs nothing", async () => {
    const r = repo('monitoring-selector-names');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', 'cloudnative-pg', 'contour'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    r.put('apps/kube-prometheus-stack/podmonitor.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: operators\n  namespace: monitoring\nspec:\n  namespaceSelector:\n    matchNames: [cnpg-system]\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: cloudnative-pg\n  podMetricsEndpoints:\n    - port: metrics\n');
    r.put('apps/cloudnative-pg/release.yaml', helmRelease({ name: 'cloudnative-pg', namespace: 'cnpg-system' }));
    r.put('apps/contour/proxy.yaml', 'apiVersion: projectcontour.io/v1\nkind: HTTPProxy\nmetadata:\n  name: grafana\n  namespace: contour\nspec:\n  virtualhost:\n    fqdn: grafana.example.org\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    expect(missing).toEqual([]);
  });
});

