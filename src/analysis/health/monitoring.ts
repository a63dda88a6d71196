/**
 * Monitoring coverage: each live app against the ServiceMonitors, PodMonitors and PrometheusRules
 * it ships, including the ones its Helm values switch on at any depth (`serviceMonitor.enabled` or
 * `.create: true`, `monitoring.enabled`; model.monitors with monitorKind 'values'). Operators
 * (operators.ts) with none are MONITORING_MISSING: an operator that fails silently takes its whole
 * area down with it.
 *
 * An operator also counts as monitored when
 * - another app scrapes it: a monitor named or labelled after it (a `flux-system` PodMonitor with
 *   `app.kubernetes.io/part-of: flux`), or kube-prometheus-stack's `additionalServiceMonitors` /
 *   `additionalPodMonitors` entries that name it or select its namespace;
 * - it is the monitoring stack itself (kube-prometheus-stack, victoria-metrics: `monitorsByDefault`).
 * No finding where the repository runs nothing that reads ServiceMonitors: asking for one there
 * is advice the owner cannot use.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload, type KObject } from '../../model/k8s-object.ts';
import type { Monitor } from '../../model/observability.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { arr, isDeployedApp, isExternalApp, isLive, obj, perModel, refOf, str, strs, type Ref } from './common.ts';
import { parse as parseYaml } from 'yaml';
import { bool } from '../../model/values.ts';
import { operatorOf, type OperatorSpec } from './operators.ts';

export interface MonitoringRow {
  appId: string;
  namespace: string;
  /** Operator key when the app is an infrastructure component, else null. */
  operator: string | null;
  serviceMonitors: number;
  podMonitors: number;
  prometheusRules: number;
  /** Monitors switched on in Helm values, by values path. */
  fromValues: { release: string; path: string; ref: Ref }[];
  /** Monitors that other apps ship for this one (by name, label or kube-prometheus-stack values). */
  fromElsewhere: { what: string; ref: Ref }[];
  /** The chart monitors itself without a values switch (kube-prometheus-stack). */
  byDefault: boolean;
  monitored: boolean;
  ref: Ref;
}

export interface MonitoringMatrix {
  rows: MonitoringRow[];
  operators: number;
  operatorsMonitored: number;
  /** Something in the repository reads ServiceMonitors (a Prometheus operator or monitors of its own). */
  prometheusStack: boolean;
}

/** Charts that run something reading ServiceMonitors and PodMonitors (the prometheus-community `prometheus` chart scrapes by annotations, and does not). */
const STACK_CHARTS = /^(kube-prometheus-stack|prometheus-operator|prometheus-operator-crds|victoria-metrics-k8s-stack|victoria-metrics-operator|grafana-agent|grafana-alloy|alloy|k8s-monitoring)$/;

/** Once per model: the health report, the app pages and the runbooks or roadmap checks ask for it. */
export const monitoringMatrix = perModel(computeMonitoringMatrix);

function computeMonitoringMatrix(model: RepoModel): { result: MonitoringMatrix; findings: Finding[] } {
  const findings: Finding[] = [];
  const rows: MonitoringRow[] = [];
  const liveMonitors = model.monitors.filter((m) => isLive(m, model));
  const liveHrs = model.helmReleases.filter((h) => isLive(h, model));
  const scrapes = model.objects.filter((o) => SCRAPE_KINDS.test(`${o.group}/${o.kind}`) && isLive(o, model));
  const prometheusStack =
    liveHrs.some((h) => STACK_CHARTS.test(h.chart.name ?? '') || STACK_CHARTS.test(h.name)) || liveMonitors.some((m) => m.monitorKind === 'ServiceMonitor' || m.monitorKind === 'PodMonitor') || scrapes.length > 0;
  const extra = additionalMonitors(liveHrs);
  const byAnnotation = annotationScrapers(liveHrs);
  const scrapedNamespaces = scrapeConfigNamespaces(liveHrs);
  // Looked up per app: the monitors with a selector, and each app's own scrape objects.
  const selecting = liveMonitors.filter((m) => m.selects);
  const scrapesOf = Map.groupBy(scrapes, (o) => o.appId);
  const runsWorkload = new Set(model.objects.filter((o) => o.appId !== null && isWorkload(o) && isLive(o, model)).map((o) => o.appId!));
  for (const app of model.apps) {
    if (!isDeployedApp(app, model) || isExternalApp(app, model)) continue;
    const allHrs = groupBy(model.helmReleases, appIdOf).get(app.id) ?? [];
    const hrs = allHrs.filter((h) => isLive(h, model));
    const ops = hrs.map((h) => operatorOf(h.chart.name, h.name)).filter((o) => o !== null);
    const op = ops[0] ?? operatorOf(null, app.name);
    // Point at the operator's own HelmRelease (an app may also hold e.g. flux-instance).
    const mainHr = hrs.find((h) => operatorOf(h.chart.name, h.name)?.key === op?.key) ?? hrs[0];
    const mons = groupBy(liveMonitors, appIdOf).get(app.id) ?? [];
    const count = (k: string) => mons.filter((m) => m.monitorKind === k).length;
    const fromValues = mons
      .filter((m) => m.monitorKind === 'values')
      .map((m) => ({ release: m.id.split('#')[0]!.split('/').at(-1)!, path: m.valuesPath ?? '', ref: refOf(m.source) }));
    const fromElsewhere = [
      ...(scrapesOf.get(app.id) ?? []).map((o) => ({ what: `${o.kind} ${o.namespace ?? ''}/${o.name}`, ref: refOf(o.source) })),
      ...(op ? monitorsElsewhere(op, app, [...liveMonitors, ...scrapes.filter((o) => o.appId !== app.id).map(asMonitor)], extra) : []),
      ...selectedBy(app, hrs, selecting),
      ...(scrapedNamespaces.get(app.namespace) ?? []).filter((s) => s.appId !== app.id && (s.match === null || namesOf(app, allHrs).some((n) => s.match!.test(n)))).map((s) => ({ what: s.what, ref: s.ref })),
      ...annotatedFor(hrs, byAnnotation),
    ];
    // The monitoring stack monitors itself, whether or not its HelmRelease is modelled as live.
    const byDefault = ops.some((o) => o.monitorsByDefault === true) || op?.monitorsByDefault === true;
    const row: MonitoringRow = {
      appId: app.id,
      namespace: app.namespace,
      operator: op?.key ?? null,
      serviceMonitors: count('ServiceMonitor'),
      podMonitors: count('PodMonitor'),
      prometheusRules: count('PrometheusRule'),
      fromValues,
      fromElsewhere,
      byDefault,
      monitored: mons.length > 0 || fromElsewhere.length > 0 || byDefault,
      ref: refOf((mainHr ?? app).source),
    };
    rows.push(row);
    // Judge only what is deployed: an operator app whose HelmReleases none is live says nothing.
    // (An app known by its name alone, without a release, is judged where it runs a workload of its own:
    // a folder of Contour HTTPProxies named `contour`, or an operator installed from a remote URL the
    // repository does not hold, says nothing of the operator's monitoring; outside review.)
    const judged = hrs.length > 0 || (allHrs.length === 0 && runsWorkload.has(app.id));
    if (prometheusStack && judged && row.operator && !row.monitored) {
      findings.push(
        finding('MONITORING_MISSING', 'info', `${row.operator} (app ${app.id}) has no ServiceMonitor, PodMonitor or PrometheusRule, none is enabled in its Helm values, and no other app scrapes it.`, (mainHr ?? app).source, {
          area: 'monitoring',
          appId: app.id,
          ...(mainHr ? { objectId: mainHr.id } : {}),
        }),
      );
    }
  }
  rows.sort((a, b) => a.appId.localeCompare(b.appId));
  const opRows = rows.filter((r) => r.operator);
  return { result: { rows, operators: opRows.length, operatorsMonitored: opRows.filter((r) => r.monitored).length, prometheusStack }, findings };
}

/** Scrape objects other than the model's monitors: VictoriaMetrics' and Prometheus' ScrapeConfig/Probe. */
const SCRAPE_KINDS = /^(operator\.victoriametrics\.com\/(VMServiceScrape|VMPodScrape|VMNodeScrape|VMStaticScrape|VMScrapeConfig|VMProbe|VMRule)|monitoring\.coreos\.com\/(ScrapeConfig|Probe))$/;

const asMonitor = (o: KObject): Monitor => ({ ...o, monitorKind: 'ServiceMonitor', valuesPath: null, rules: 0, kind: o.kind }) as Monitor;

/** Lower-case words of a name: `flux-system` -> flux, system. */
const words = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Whether `text` names the operator: one of its names as a whole word sequence (`flux` in `flux-system`). */
function namesOperator(op: OperatorSpec, text: string): boolean {
  const w = words(text);
  return [op.key, ...op.names].some((n) => {
    const nw = words(n);
    return nw.length > 0 && w.some((_, i) => nw.every((x, j) => w[i + j] === x));
  });
}

interface ExtraMonitor {
  what: string;
  names: string[];
  namespaces: string[];
  ref: Ref;
}

/**
 * Namespaces a release's own scrape configuration names, by the release that scrapes them: a Grafana
 * Alloy / k8s-monitoring config in values (`discovery.kubernetes { namespaces { names = ["ingress-nginx"] } }`
 * beside a `prometheus.scrape`), a Prometheus `extraScrapeConfigs` / `additionalScrapeConfigs` job
 * (`kubernetes_sd_configs` with `namespaces.names`), and static targets `<svc>.<namespace>.svc`
 * (outside review: ingress-nginx and reloader, scraped so, were MONITORING_MISSING).
 */
function scrapeConfigNamespaces(hrs: readonly HelmRelease[]): Map<string, ScrapedBy[]> {
  const out = new Map<string, ScrapedBy[]>();
  for (const hr of hrs) {
    const text = JSON.stringify(hr.values ?? {});
    if (!/prometheus\.scrape|discovery\.kubernetes|kubernetes_sd_configs|static_configs|scrape_configs/.test(text)) continue;
    const what = `a scrape configuration in the values of HelmRelease ${hr.namespace ?? ''}/${hr.name} names its namespace`;
    const add = (ns: string, match: RegExp | null) => (out.get(ns) ?? out.set(ns, []).get(ns)!).push({ appId: hr.appId, what, ref: refOf(hr.source), match });
    // Prometheus jobs (`job_name`, as objects or in a YAML string such as additionalScrapeConfigs): each
    // job's namespaces, narrowed by its keep rule on a pod or service label where it has one.
    const jobs = scrapeJobs(hr.values);
    for (const job of jobs) for (const ns of jobNamespaces(job)) add(ns, keepFilter(job));
    // Anything else that names namespaces (an Alloy or agent config as text): the whole namespace.
    const rest = JSON.stringify(stripJobs(hr.values ?? {}));
    const names = new Set<string>();
    for (const m of rest.matchAll(/names\\?"?\s*[=:]\s*\[([^\]]{0,2000})\]/g)) for (const q of m[1]!.matchAll(/\\?"([a-z0-9][a-z0-9-]{0,62})\\?"/g)) names.add(q[1]!);
    for (const m of rest.matchAll(/\b[a-z0-9][a-z0-9-]*\.([a-z0-9][a-z0-9-]{0,62})\.svc\b/g)) names.add(m[1]!);
    for (const ns of names) add(ns, null);
  }
  return out;
}

/** What scrapes a namespace: `match` narrows it to the apps a job's keep rule selects (null: the whole namespace). */
interface ScrapedBy {
  appId: string | null;
  what: string;
  ref: Ref;
  match: RegExp | null;
}

type Job = Record<string, unknown>;

/** Prometheus scrape jobs in Helm values: objects with `job_name`, also inside a YAML string (additionalScrapeConfigs). */
function scrapeJobs(values: unknown): Job[] {
  const jobs: Job[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (typeof v === 'string') {
      if (!v.includes('job_name')) return;
      try {
        walk(parseYaml(v), depth + 1);
      } catch {
        // Not YAML (an agent's own syntax): left to the text match.
      }
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v !== null && typeof v === 'object') {
      if (typeof (v as Job).job_name === 'string') jobs.push(v as Job);
      else for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  walk(values, 0);
  return jobs;
}

/** The values without their scrape jobs (what the text match still reads). */
function stripJobs(v: unknown, depth = 0): unknown {
  if (depth > 40) return null;
  // (Only a string that holds Prometheus jobs: an Alloy config with `job_name = ...` stays for the text match.)
  if (typeof v === 'string') return v.includes('job_name') && stringJobs(v).length > 0 ? '' : v;
  if (Array.isArray(v)) return v.filter((x) => !(x !== null && typeof x === 'object' && typeof (x as Job).job_name === 'string')).map((x) => stripJobs(x, depth + 1));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripJobs(x, depth + 1)]));
  return v;
}

/** The Prometheus jobs of a YAML string (none where it is no YAML, or holds none). */
function stringJobs(text: string): Job[] {
  try {
    return scrapeJobs(parseYaml(text));
  } catch {
    return [];
  }
}

/** The namespaces a job reads: its kubernetes_sd_configs' `namespaces.names`, and `<svc>.<ns>.svc` static targets. */
function jobNamespaces(job: Job): string[] {
  const out = new Set<string>();
  for (const sd of arr(job.kubernetes_sd_configs)) for (const n of strs(obj(obj(sd).namespaces).names)) out.add(n);
  for (const m of JSON.stringify(job.static_configs ?? []).matchAll(/\b[a-z0-9][a-z0-9-]*\.([a-z0-9][a-z0-9-]{0,62})\.svc\b/g)) out.add(m[1]!);
  return [...out];
}

/**
 * Labels of a pod or service whose value is the app's own name (`app.kubernetes.io/name`, `/instance`).
 * Service, pod, endpoints and container names, and an `app` label, are names a chart derives
 * (`<fullname>-controller-metrics`, `reloader-reloader-...`): a keep rule on them does not narrow (code review).
 */
const NAMING_LABEL = /^__meta_kubernetes_(?:pod|service|endpoints?)_label_app_kubernetes_io_(?:name|instance)$/;

/**
 * A job's keep rule on one naming label (`source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]`,
 * `action: keep`, `regex: opentelemetry-collector`): only apps that name matches are scraped. Prometheus
 * anchors the regex. Null where the job keeps by nothing of that kind (it scrapes the whole namespace).
 */
function keepFilter(job: Job): RegExp | null {
  for (const r of arr(job.relabel_configs)) {
    const rule = obj(r);
    if (str(rule.action) !== 'keep') continue;
    const labels = strs(rule.source_labels);
    const regex = str(rule.regex);
    if (labels.length !== 1 || !NAMING_LABEL.test(labels[0]!) || regex === null) continue;
    // (A regex that could backtrack without end on a name, a quantified group, is not run: the whole namespace.)
    if (regex.length > 300 || /\([^)]*[+*}][^)]*\)\s*[+*{]/.test(regex)) return null;
    try {
      return new RegExp(`^(?:${regex})$`);
    } catch {
      return null;
    }
  }
  return null;
}

/** The names a keep rule can see of an app: its own, its releases' names and charts, a values nameOverride. */
function namesOf(app: { name: string }, hrs: readonly HelmRelease[]): string[] {
  return [app.name, ...hrs.flatMap((h) => [h.name, h.releaseName, h.chart.name ?? '', str(obj(h.values).nameOverride) ?? '', str(obj(h.values).fullnameOverride) ?? ''])].filter((n) => n !== '');
}

/**
 * Releases that run a Prometheus scraping pods by their `prometheus.io/scrape` annotation: the
 * prometheus-community `prometheus` chart (its default `kubernetes-pods` job), Flagger's bundled one
 * (`prometheus.install: true`), VictoriaMetrics' vmagent chart. (The Prometheus Operator's does not, by
 * default.) Outside review: ingress-nginx, annotated and scraped by Flagger's Prometheus, was
 * MONITORING_MISSING, "no other app scrapes it".
 */
function annotationScrapers(hrs: readonly HelmRelease[]): HelmRelease[] {
  return hrs.filter((h) => {
    const chart = h.chart.name ?? '';
    if (chart === 'prometheus' || chart === 'victoria-metrics-agent') return true;
    return chart === 'flagger' && bool(obj(obj(h.values).prometheus).install) === true;
  });
}

/**
 * Where a release's values annotate its pods `prometheus.io/scrape: "true"` (a `podAnnotations` map, in
 * no block switched off) and a release of its cluster scrapes by annotation: what scrapes it. (Code
 * review: a scraper of another cluster, and an annotation of a switched-off part, counted.)
 */
function annotatedFor(hrs: readonly HelmRelease[], scrapers: readonly HelmRelease[]): { what: string; ref: Ref }[] {
  if (scrapers.length === 0) return [];
  const annotated = hrs.find((h) => annotatesPods(h.values));
  if (!annotated) return [];
  const sameCluster = scrapers.filter((s) => annotated.cluster == null || s.cluster == null || s.cluster === annotated.cluster);
  return sameCluster.map((s) => ({ what: `its pods are annotated prometheus.io/scrape (HelmRelease ${annotated.name}), which the Prometheus of HelmRelease ${s.namespace ?? ''}/${s.name} (chart ${s.chart.name}) scrapes by annotation`, ref: refOf(s.source) }));
}

/** A `podAnnotations` map with `prometheus.io/scrape` true, outside every block switched off (`enabled: false`). */
function annotatesPods(values: unknown): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: values, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    const o = obj(v);
    if (depth > 6 || o.enabled === false) continue;
    for (const [key, val] of Object.entries(o)) {
      if (/podAnnotations$/i.test(key)) {
        const scrape = obj(val)['prometheus.io/scrape'];
        if (scrape === true || scrape === 'true') return true;
      } else if (val !== null && typeof val === 'object' && !Array.isArray(val)) stack.push({ v: val, depth: depth + 1 });
    }
  }
  return false;
}

/** kube-prometheus-stack `prometheus.additionalServiceMonitors` / `additionalPodMonitors` entries. */
function additionalMonitors(hrs: readonly HelmRelease[]): ExtraMonitor[] {
  const out: ExtraMonitor[] = [];
  for (const hr of hrs) {
    const v = obj(hr.values);
    for (const holder of [obj(v.prometheus), v]) {
      for (const key of ['additionalServiceMonitors', 'additionalPodMonitors']) {
        for (const raw of arr(holder[key])) {
          const e = obj(raw);
          const name = str(e.name);
          if (!name) continue;
          const labels = [...Object.values(obj(obj(e.selector).matchLabels)), ...arr(obj(e.selector).matchExpressions).flatMap((x) => strs(obj(x).values))];
          out.push({
            what: `${key} ${name} in HelmRelease ${hr.name}`,
            names: [name, ...labels.flatMap((l) => (str(l) ? [str(l)!] : []))],
            namespaces: strs(obj(e.namespaceSelector).matchNames),
            ref: refOf(hr.source),
          });
        }
      }
    }
  }
  return out;
}

/**
 * ServiceMonitors and PodMonitors of other apps (a folder of monitors kept together) that select
 * this app: in its namespace (their own, their namespaceSelector's, or any), by a name-like selector
 * label (`app.kubernetes.io/name`, `app` ...; `release` only where none is given) whose value is the
 * app's name or one of its releases', where no other name-like label names something else (all
 * labels of a selector must match: `{app: web, release: prometheus}` selects web's pods, not prometheus').
 */
function selectedBy(app: { id: string; name: string; namespace: string }, hrs: readonly HelmRelease[], monitors: readonly Monitor[]): MonitoringRow['fromElsewhere'] {
  const names = new Set([app.name, ...hrs.map((h) => h.releaseName)]);
  const out: MonitoringRow['fromElsewhere'] = [];
  for (const m of monitors) {
    if (m.appId === app.id || !m.selects) continue;
    const where = m.selects.anyNamespace || (m.selects.namespaces ?? [m.namespace]).includes(app.namespace);
    // `release` names the app only where no other label does (else it is the Prometheus instance's).
    const byName = m.selects.labels.filter((l) => NAME_KEYS.test(l.key));
    const named = byName.length > 0 ? byName : m.selects.labels.filter((l) => l.key === 'release');
    if (where && named.length > 0 && named.every((l) => names.has(l.value))) out.push({ what: `${m.monitorKind} ${m.namespace ?? ''}/${m.name} selects it`, ref: refOf(m.source) });
  }
  return out;
}

/** Selector labels that name an app: `app`, `name`, `k8s-app`, `app.kubernetes.io/name` and `/instance`. */
const NAME_KEYS = /^(app|name|k8s-app|app\.kubernetes\.io\/(name|instance))$/;

function monitorsElsewhere(op: OperatorSpec, app: { id: string; namespace: string }, monitors: readonly Monitor[], extra: readonly ExtraMonitor[]): MonitoringRow['fromElsewhere'] {
  const out: MonitoringRow['fromElsewhere'] = [];
  for (const m of monitors) {
    if (m.appId === app.id || m.monitorKind === 'values') continue;
    // (And what its selector names: a PodMonitor of another app selecting `app.kubernetes.io/name:
    // cloudnative-pg` in the operator's namespace scrapes the operator; outside review.)
    const texts = [m.name, ...Object.values(m.labels), ...(m.selects?.labels ?? []).filter((l) => NAME_KEYS.test(l.key)).map((l) => l.value)];
    if (texts.some((t) => namesOperator(op, t))) out.push({ what: `${m.kind === 'values' ? m.monitorKind : m.kind} ${m.namespace ?? ''}/${m.name}`, ref: refOf(m.source) });
  }
  for (const e of extra) {
    const byName = e.names.some((n) => namesOperator(op, n));
    const byNs = e.namespaces.includes(app.namespace) && e.namespaces.length === 1;
    if (byName || byNs) out.push({ what: e.what, ref: e.ref });
  }
  return out;
}

