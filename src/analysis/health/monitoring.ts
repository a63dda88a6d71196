/**
 * Monitoring coverage: each live app against the ServiceMonitors, PodMonitors and PrometheusRules
 * it ships, including the ones its Helm values switch on at any depth (`serviceMonitor.enabled` or
 * `.create: true`, `monitoring.enabled`; model.monitors with monitorKind 'values') and the ones an
 * operator makes from a switch on a resource of the app (CloudNativePG's `enablePodMonitor`; `madeBy`).
 * Operators (operators.ts) with none are MONITORING_MISSING: an operator that fails silently takes its
 * whole area down with it.
 *
 * An app is monitored by another app's ServiceMonitor or PodMonitor that selects its Services or its
 * workloads' pods by their labels (selectedBy), and, where the repository does not show those labels
 * (a chart's pods), by one whose selector names its release.
 *
 * An operator also counts as monitored when
 * - another app scrapes it: a monitor named or labelled after it, where its pods are a chart's (a
 *   `flux-system` PodMonitor with `app.kubernetes.io/part-of: flux`), or kube-prometheus-stack's `additionalServiceMonitors` /
 *   `additionalPodMonitors` entries that name it or select its namespace, a scrape job in values that
 *   names its namespace, or one keeping pods by the `prometheus.io/scrape` annotation its pods carry;
 * - it is the monitoring stack itself (kube-prometheus-stack, victoria-metrics: `monitorsByDefault`).
 * No finding where the repository (the app's cluster, where it has several) runs nothing that reads
 * ServiceMonitors: asking for one there is advice the owner cannot use. None either where a job keeps
 * pods by that annotation and the app's pods are chart-made (`ifAnnotated`): whether the chart
 * annotates them is not in the repository. What scrapes an app is of its cluster: a monitor or a
 * Prometheus of another cluster scrapes that cluster's pods (sameCluster).
 */
import { finding, type Finding } from '../../model/finding.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload, type KObject } from '../../model/k8s-object.ts';
import type { Monitor } from '../../model/observability.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { arr, isDeployedApp, isExternalApp, isLive, obj, perModel, refOf, sameCluster, str, strs, type Ref } from './common.ts';
import { isFluxController } from './flux-controllers.ts';
import { NAME_KEYS, podsOf, selectedBy } from './monitor-selection.ts';
import { annotationCoverage, annotationScrapers } from './monitoring-annotation-jobs.ts';
import { jobNamespaces, keepFilter, namesOf, scrapeJobs, stripJobs } from './monitoring-scrape-jobs.ts';
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
  /**
   * Scrape jobs that keep pods (or Services) annotated `prometheus.io/scrape`, where the app's pods are
   * chart-made and the repository does not show their annotations: monitored if its chart annotates them.
   * Empty where the app is monitored otherwise.
   */
  ifAnnotated: { what: string; ref: Ref }[];
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
  // (A monitor an operator makes from a switch, `madeBy`, is what the owner asked for, not a sign that anything reads it.)
  // By cluster: each runs its own Prometheus, and one cluster's stack reads nothing of another's.
  const stacks = [
    ...liveHrs.filter((h) => STACK_CHARTS.test(h.chart.name ?? '') || STACK_CHARTS.test(h.name)),
    ...liveMonitors.filter((m) => (m.monitorKind === 'ServiceMonitor' || m.monitorKind === 'PodMonitor') && !m.madeBy),
    ...scrapes,
  ];
  const prometheusStack = stacks.length > 0;
  const stackFor = (cluster: string | null) => stacks.some((o) => sameCluster(o.cluster, cluster));
  const extra = additionalMonitors(liveHrs);
  const byAnnotation = annotationScrapers(liveHrs);
  const scrapedNamespaces = scrapeConfigNamespaces(liveHrs);
  // Looked up per app: the monitors with a selector, and each app's own scrape objects.
  const selecting = liveMonitors.filter((m) => m.selects);
  const scrapesOf = Map.groupBy(scrapes, (o) => o.appId);
  // Each app's live objects, whose Services and pod templates a monitor's selector picks by their labels.
  const liveOf = Map.groupBy(model.objects.filter((o) => o.appId !== null && isLive(o, model)), (o) => o.appId!);
  // Where the repository holds Flux's controllers (gotk-components.yaml as bootstrap writes it), their pods' labels are known.
  const fluxControllers = model.objects.filter((o) => isFluxController(o) && isLive(o, model));
  // The app's own pods and Services, whose annotations a job keeping by `prometheus.io/scrape` reads.
  const annotatable = Map.groupBy([...model.objects, ...model.endpoints].filter((o) => o.appId !== null && (isWorkload(o) || o.kind === 'Service') && isLive(o, model)), (o) => o.appId!);
  for (const app of model.apps) {
    if (!isDeployedApp(app, model) || isExternalApp(app, model)) continue;
    const allHrs = groupBy(model.helmReleases, appIdOf).get(app.id) ?? [];
    const hrs = allHrs.filter((h) => isLive(h, model));
    const ops = hrs.map((h) => operatorOf(h.chart.name, h.name)).filter((o) => o !== null);
    const op = ops[0] ?? operatorOf(null, app.name);
    // Point at the operator's own HelmRelease (an app may also hold e.g. flux-instance).
    const mainHr = hrs.find((h) => operatorOf(h.chart.name, h.name)?.key === op?.key) ?? hrs[0];
    const mons = groupBy(liveMonitors, appIdOf).get(app.id) ?? [];
    const byAnnotationJob = annotationCoverage(app, { live: hrs, all: allHrs }, annotatable.get(app.id) ?? [], byAnnotation);
    const pods = podsOf(app, liveOf.get(app.id) ?? [], fluxControllers);
    const count = (k: string) => mons.filter((m) => m.monitorKind === k).length;
    const fromValues = mons
      .filter((m) => m.monitorKind === 'values')
      .map((m) => ({ release: m.id.split('#')[0]!.split('/').at(-1)!, path: m.valuesPath ?? '', ref: refOf(m.source) }));
    const fromElsewhere = [
      ...(scrapesOf.get(app.id) ?? []).map((o) => ({ what: `${o.kind} ${o.namespace ?? ''}/${o.name}`, ref: refOf(o.source) })),
      // (Where the repository shows every pod's labels, a ServiceMonitor or PodMonitor counts by what its selector picks, below, not by its name.)
      ...(op ? monitorsElsewhere(op, app, [...liveMonitors.filter((m) => pods.unknownPods || !m.selects), ...scrapes.filter((o) => o.appId !== app.id).map(asMonitor)], extra) : []),
      ...selectedBy(app, hrs, selecting, pods),
      ...(scrapedNamespaces.get(app.namespace) ?? []).filter((s) => s.appId !== app.id && sameCluster(s.cluster, app.cluster) && (s.match === null || namesOf(app, allHrs).some((n) => s.match!.test(n)))).map((s) => ({ what: s.what, ref: s.ref })),
      ...byAnnotationJob.scraped,
    ];
    // The monitoring stack monitors itself, whether or not its HelmRelease is modelled as live.
    const byDefault = ops.some((o) => o.monitorsByDefault === true) || op?.monitorsByDefault === true;
    const monitored = mons.length > 0 || fromElsewhere.length > 0 || byDefault;
    const row: MonitoringRow = {
      appId: app.id,
      namespace: app.namespace,
      operator: op?.key ?? null,
      serviceMonitors: count('ServiceMonitor'),
      podMonitors: count('PodMonitor'),
      prometheusRules: count('PrometheusRule'),
      fromValues,
      fromElsewhere,
      ifAnnotated: monitored ? [] : byAnnotationJob.ifAnnotated,
      byDefault,
      monitored,
      ref: refOf((mainHr ?? app).source),
    };
    rows.push(row);
    // Judge only what is deployed: an operator app whose HelmReleases none is live says nothing.
    // (An app known by its name alone, without a release, is judged where it runs a workload of its own:
    // a folder of Contour HTTPProxies named `contour`, or an operator installed from a remote URL the
    // repository does not hold, says nothing of the operator's monitoring; outside review.)
    const judged = hrs.length > 0 || (allHrs.length === 0 && pods.workloads.length > 0);
    // Not where a job of the owner's keeps chart-made pods by their scrape annotation: the chart may
    // annotate them, and "no other app scrapes it" would be wrong (the app page says which job).
    if (stackFor(app.cluster) && judged && row.operator && !row.monitored && row.ifAnnotated.length === 0) {
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
  /** The release's cluster: its Prometheus scrapes that cluster only. */
  cluster: string | null;
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
    const add = (ns: string, match: RegExp | null) => (out.get(ns) ?? out.set(ns, []).get(ns)!).push({ appId: hr.appId, what, ref: refOf(hr.source), match, cluster: hr.cluster ?? null });
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
  /** The release's cluster: the namespace of that cluster is scraped, not another's of the same name. */
  cluster: string | null;
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
            cluster: hr.cluster ?? null,
            ref: refOf(hr.source),
          });
        }
      }
    }
  }
  return out;
}

function monitorsElsewhere(op: OperatorSpec, app: { id: string; namespace: string; cluster: string | null }, monitors: readonly Monitor[], extra: readonly ExtraMonitor[]): MonitoringRow['fromElsewhere'] {
  const out: MonitoringRow['fromElsewhere'] = [];
  for (const m of monitors) {
    // (One an operator makes for its resource scrapes that resource's pods, whatever it is named. One of
    // another cluster scrapes that cluster's.)
    if (m.appId === app.id || m.monitorKind === 'values' || m.madeBy || !sameCluster(m.cluster, app.cluster)) continue;
    // (And what its selector names: a PodMonitor of another app selecting `app.kubernetes.io/name:
    // cloudnative-pg` in the operator's namespace scrapes the operator; outside review.)
    const texts = [m.name, ...Object.values(m.labels), ...(m.selects?.labels ?? []).filter((l) => NAME_KEYS.test(l.key)).map((l) => l.value)];
    if (texts.some((t) => namesOperator(op, t))) out.push({ what: `${m.kind === 'values' ? m.monitorKind : m.kind} ${m.namespace ?? ''}/${m.name}`, ref: refOf(m.source) });
  }
  for (const e of extra) {
    if (!sameCluster(e.cluster, app.cluster)) continue;
    const byName = e.names.some((n) => namesOperator(op, n));
    const byNs = e.namespaces.includes(app.namespace) && e.namespaces.length === 1;
    if (byName || byNs) out.push({ what: e.what, ref: e.ref });
  }
  return out;
}

