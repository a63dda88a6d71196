/**
 * A Prometheus scrape job that reads a namespace (`kubernetes_sd_configs` with `namespaces.names`)
 * credits the apps of that namespace as monitored, narrowed by a keep rule on a naming label
 * (`app.kubernetes.io/name` / `instance`) where the job has one. How that keep rule is read decides
 * which apps an owner sees as scraped, so these pin the rule as Prometheus applies it:
 * - only `action: keep` narrows (a `drop` rule removes some targets, the rest of the namespace is still scraped);
 * - the regex is anchored (`loki` keeps `loki`, not `loki-canary`);
 * - only a naming label narrows (container, pod or service names are what a chart derives);
 * - an app is matched by the names a label can carry, its release's `nameOverride` among them;
 * - a regex that could backtrack without end (`(a+)+`) is not run: the job counts for the whole namespace.
 * A wrong reading either hides a MONITORING_MISSING or shows a scraped app as unmonitored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/** One job of additionalScrapeConfigs (a YAML string under prometheusSpec), with one relabel rule where given. */
const job = (name: string, ns: string, rule: { label: string; action: string; regex: string } | null) =>
  [
    `          - job_name: ${name}`,
    '            kubernetes_sd_configs:',
    '              - role: pod',
    '                namespaces:',
    `                  names: [${ns}]`,
    ...(rule === null ? [] : ['            relabel_configs:', `              - source_labels: [${rule.label}]`, `                action: ${rule.action}`, `                regex: '${rule.regex}'`]),
    '',
  ].join('\n');

const NAME_LABEL = '__meta_kubernetes_pod_label_app_kubernetes_io_name';

/** The apps credited by a scrape configuration of another release, from a repository of kube-prometheus-stack and `apps`. */
async function scrapedApps(
  repo: (name: string) => ReturnType<ReturnType<typeof tempRepos>>,
  name: string,
  jobs: string,
  apps: { name: string; namespace: string; chart?: string; values?: string }[],
): Promise<string[]> {
  const r = repo(name);
  bootstrap(r);
  r.put('clusters/prod/apps.yaml', ['kube-prometheus-stack', ...apps.map((a) => a.name)].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
  r.put(
    'apps/kube-prometheus-stack/release.yaml',
    helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring', values: `    prometheus:\n      prometheusSpec:\n        additionalScrapeConfigs: |\n${jobs}` }),
  );
  for (const a of apps) r.put(`apps/${a.name}/release.yaml`, helmRelease(a));
  const config = parseConfig({});
  const { model } = await scanRepo(r.root, config);
  const rows = analyse(model, config).health.matrices.monitoring.rows;
  return rows.filter((row) => row.fromElsewhere.some((e) => e.what.startsWith('a scrape configuration in the values of HelmRelease monitoring/kube-prometheus-stack'))).map((row) => row.appId);
}

describe('a scrape job keep rule', () => {
  const repo = tempRepos(afterAll);

  it('narrows only with action keep: a drop rule on the name label leaves the whole namespace scraped', async () => {
    const credited = await scrapedApps(repo, 'keep-drop', job('tracing', 'tracing', { label: NAME_LABEL, action: 'drop', regex: 'jaeger-agent' }), [
      { name: 'tempo', namespace: 'tracing' },
      { name: 'jaeger', namespace: 'tracing' },
    ]);
    expect(credited).toEqual(['tracing/jaeger', 'tracing/tempo']);
  });

  it('is anchored as Prometheus anchors it: `loki` keeps loki, not loki-canary', async () => {
    const credited = await scrapedApps(repo, 'keep-anchored', job('loki', 'logging', { label: NAME_LABEL, action: 'keep', regex: 'loki' }), [
      { name: 'loki', namespace: 'logging' },
      { name: 'loki-canary', namespace: 'logging' },
    ]);
    expect(credited).toEqual(['logging/loki']);
  });

  it('on a container name does not narrow: the whole namespace is credited', async () => {
    const credited = await scrapedApps(repo, 'keep-container', job('tempo', 'tracing', { label: '__meta_kubernetes_pod_container_name', action: 'keep', regex: 'distributor|ingester' }), [
      { name: 'tempo', namespace: 'tracing' },
    ]);
    expect(credited).toEqual(['tracing/tempo']);
  });

  it("credits an app whose release's nameOverride the regex names", async () => {
    const credited = await scrapedApps(repo, 'keep-name-override', job('otel', 'observability', { label: NAME_LABEL, action: 'keep', regex: 'opentelemetry-collector' }), [
      // A vendored chart under another name: only the nameOverride gives the pods the label the rule keeps.
      { name: 'otel', namespace: 'observability', chart: 'otel-collector', values: '    nameOverride: opentelemetry-collector\n' },
      { name: 'loki', namespace: 'observability' },
    ]);
    expect(credited).toEqual(['observability/otel']);
  });

  it('with a regex that could backtrack without end is not run: the whole namespace is credited', async () => {
    const credited = await scrapedApps(repo, 'keep-redos', job('apm', 'apm', { label: NAME_LABEL, action: 'keep', regex: '(a+)+' }), [
      { name: 'jaeger', namespace: 'apm' },
      { name: 'tempo', namespace: 'apm' },
    ]);
    expect(credited).toEqual(['apm/jaeger', 'apm/tempo']);
  });
});
