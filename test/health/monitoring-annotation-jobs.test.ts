/**
 * Outside review: beside a kube-prometheus-stack `additionalScrapeConfigs` job `kubernetes-pods`
 * (role pod, keeping `prometheus.io/scrape: true`), cert-manager, whose chart annotates its pods so,
 * was MONITORING_MISSING "no other app scrapes it". A chart-made app's pods may carry the annotation:
 * no finding, and its page names the job. Pods the repository writes are judged by their annotations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/** A kube-prometheus-stack release whose Prometheus runs `jobs` (YAML lines of additionalScrapeConfigs entries, indented 10). */
const stack = (jobs: string) => helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring', values: `    prometheus:\n      prometheusSpec:\n        additionalScrapeConfigs:\n${jobs}` });

const podsJob = (keep: string) =>
  [
    '          - job_name: kubernetes-pods',
    '            kubernetes_sd_configs:',
    '              - role: pod',
    '            relabel_configs:',
    keep,
    '              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]',
    '                action: replace',
    '                target_label: __metrics_path__',
    '',
  ].join('\n');
const KEEP_ANNOTATED = '              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]\n                action: keep\n                regex: true';

/** A Deployment of the app in `namespace`, its pod template annotated with `annotations` (YAML lines indented 8). */
const deployment = (name: string, namespace: string, annotations = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n${annotations ? `      annotations:\n${annotations}` : ''}    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('operators a pod-annotation scrape job covers', () => {
  const repo = tempRepos(afterAll);

  const scan = async (name: string, stackRelease: string, put: (r: ReturnType<typeof repo>) => string[]) => {
    const r = repo(name);
    bootstrap(r);
    const apps = put(r);
    r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', ...apps].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', stackRelease);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    return {
      model,
      missing: analysis.findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId),
      row: (id: string) => analysis.health.matrices.monitoring.rows.find((x) => x.appId === id)!,
    };
  };

  it('raises no MONITORING_MISSING for a chart-made operator, and its page names the job', async () => {
    const { model, missing, row } = await scan('monitoring-annotation-job', stack(podsJob(KEEP_ANNOTATED)), (r) => {
      r.put('apps/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager' }));
      return ['cert-manager'];
    });
    expect(missing).not.toContain('cert-manager/cert-manager');
    const what = 'scrape job kubernetes-pods of HelmRelease monitoring/kube-prometheus-stack scrapes pods annotated prometheus.io/scrape: monitored if its chart annotates its pods so';
    expect(row('cert-manager/cert-manager')).toMatchObject({ monitored: false, ifAnnotated: [{ what }] });
    expect(appFacts(model, 'cert-manager/cert-manager')!.monitoring.monitoredBy.map((m) => m.what)).toEqual([what]);
  });

  it("judges pods the repository writes by their annotations, and credits a chart's annotated pods", async () => {
    const { missing, row } = await scan('monitoring-annotation-job-manifests', stack(podsJob(KEEP_ANNOTATED)), (r) => {
      r.put('apps/external-dns/deployment.yaml', deployment('external-dns', 'network'));
      r.put('apps/reloader/deployment.yaml', deployment('reloader', 'reloader', '        prometheus.io/scrape: "true"\n        prometheus.io/port: "9090"\n'));
      r.put('apps/ingress-nginx/release.yaml', helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx', values: '    controller:\n      podAnnotations:\n        prometheus.io/scrape: "true"\n' }));
      return ['external-dns', 'reloader', 'ingress-nginx'];
    });
    expect(missing).toContain('network/external-dns');
    expect(row('network/external-dns').ifAnnotated).toEqual([]);
    expect(missing).not.toContain('reloader/reloader');
    expect(row('reloader/reloader').fromElsewhere.map((e) => e.what)).toEqual(['its pods are annotated prometheus.io/scrape (Deployment reloader), which scrape job kubernetes-pods of HelmRelease monitoring/kube-prometheus-stack scrapes by annotation']);
    expect(row('ingress-nginx/ingress-nginx')).toMatchObject({ monitored: true, ifAnnotated: [] });
  });

  it('counts no job of another role, keeping by something else, not keeping the annotation, or dropping the namespace', async () => {
    const nodes = '          - job_name: nodes\n            kubernetes_sd_configs:\n              - role: node\n';
    const byPort = podsJob('              - source_labels: [__meta_kubernetes_pod_container_port_name]\n                action: keep\n                regex: metrics');
    const falseOnly = podsJob('              - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]\n                action: keep\n                regex: "false"').replace('kubernetes-pods', 'unscraped');
    const byName = podsJob(`${KEEP_ANNOTATED}\n              - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]\n                action: keep\n                regex: opentelemetry-collector`).replace('kubernetes-pods', 'otel');
    const unquotedFalse = falseOnly.replace('"false"', 'false').replace('unscraped', 'unscraped-too');
    const allButSystem = '          - job_name: all-but-system\n            kubernetes_sd_configs:\n              - role: pod\n            relabel_configs:\n              - source_labels: [__meta_kubernetes_namespace]\n                action: drop\n                regex: kube-system|cert-manager\n';
    const jobs = nodes + byPort.replace('kubernetes-pods', 'ports') + falseOnly + unquotedFalse + byName + allButSystem;
    const { missing, row } = await scan('monitoring-annotation-job-none', stack(jobs), (r) => {
      r.put('apps/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager' }));
      return ['cert-manager'];
    });
    expect(missing).toContain('cert-manager/cert-manager');
    expect(row('cert-manager/cert-manager').ifAnnotated).toEqual([]);
  });

  it('credits a job that keeps every pod, and an endpoints job keeping annotated Services', async () => {
    const all = '          - job_name: every-pod\n            kubernetes_sd_configs:\n              - role: pod\n';
    const endpoints = '          - job_name: kubernetes-service-endpoints\n            kubernetes_sd_configs:\n              - role: endpoints\n            relabel_configs:\n              - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape]\n                action: keep\n                regex: "true"\n';
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: reloader\n  namespace: reloader\n  annotations:\n    prometheus.io/scrape: "true"\nspec:\n  selector:\n    app: reloader\n  ports:\n    - port: 9090\n';
    const every = await scan('monitoring-annotation-job-all', stack(all), (r) => {
      r.put('apps/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager' }));
      return ['cert-manager'];
    });
    expect(every.missing).not.toContain('cert-manager/cert-manager');
    expect(every.row('cert-manager/cert-manager')).toMatchObject({ monitored: true, fromElsewhere: [{ what: 'scrape job every-pod of HelmRelease monitoring/kube-prometheus-stack keeps every target it discovers' }] });
    const services = await scan('monitoring-annotation-job-services', stack(endpoints), (r) => {
      r.put('apps/reloader/deployment.yaml', deployment('reloader', 'reloader'));
      r.put('apps/reloader/service.yaml', service);
      r.put('apps/external-dns/deployment.yaml', deployment('external-dns', 'network'));
      return ['reloader', 'external-dns'];
    });
    expect(services.missing).not.toContain('reloader/reloader');
    expect(services.missing).toContain('network/external-dns');
  });
});
