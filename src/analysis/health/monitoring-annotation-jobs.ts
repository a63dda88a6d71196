/**
 * Prometheus that scrape by the `prometheus.io/scrape` annotation, and the apps they cover: releases
 * whose chart runs such a Prometheus by default (the prometheus-community `prometheus` chart, Flagger's
 * bundled one, vmagent), and cluster-wide scrape jobs written in a release's values (kube-prometheus-stack
 * `prometheus.prometheusSpec.additionalScrapeConfigs`, the `prometheus` chart's `extraScrapeConfigs` or
 * `serverFiles`) that discover pods, endpoints or services and keep them by the annotation, or keep all.
 * (A job naming its namespaces is read by monitoring.ts as scraping those namespaces; a Prometheus CR's
 * additionalScrapeConfigs Secret holds nothing the repository shows.)
 *
 * An app whose pods the repository writes is covered where they carry the annotation. One whose pods a
 * chart makes, with no annotation in its values, may carry it or not: the chart decides. Outside review:
 * cert-manager, whose chart annotates its pods so, was MONITORING_MISSING "no other app scrapes it"
 * beside a kube-prometheus-stack `kubernetes-pods` job keeping `prometheus.io/scrape: true`.
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import type { KObject } from '../../model/k8s-object.ts';
import { bool } from '../../model/values.ts';
import { arr, obj, refOf, str, strs, type Ref } from './common.ts';
import { keepFilter, namesOf, scrapeJobs, type Job } from './monitoring-scrape-jobs.ts';

export interface AnnotationScraper {
  /** Who scrapes, for a sentence: `the Prometheus of HelmRelease monitoring/prometheus (chart prometheus)`, `scrape job kubernetes-pods of HelmRelease ...`. */
  what: string;
  release: HelmRelease;
  /** What it keeps: pods or Services annotated `prometheus.io/scrape: "true"`, or every target it discovers. */
  keeps: 'pod' | 'service' | 'all';
  /** A keep rule on the app's name label (`app.kubernetes.io/name`), narrowing the job; null where none. */
  match: RegExp | null;
  /** A keep rule on `__meta_kubernetes_namespace`, narrowing it to the namespaces it matches; null where none. */
  namespaces: RegExp | null;
  /** A drop rule on `__meta_kubernetes_namespace` (`kube-system`): the namespaces it leaves out; null where none. */
  notNamespaces: RegExp | null;
  /** Written in the values (a job the owner wrote to scrape by annotation), not a chart's default. */
  written: boolean;
}

/** How the scrapers cover an app: it is scraped, or would be if its chart annotates its pods (or Service) so. */
export interface AnnotationCoverage {
  scraped: { what: string; ref: Ref }[];
  ifAnnotated: { what: string; ref: Ref }[];
}

/** The roles whose targets are pods, or a Service's (endpoints, endpointslice, service). */
const ROLES = new Set(['pod', 'endpoints', 'endpointslice', 'service']);

/** A keep rule's source label on the scrape annotation (`annotationpresent` is "true" where the annotation is there). */
const SCRAPE_ANNOTATION = /^__meta_kubernetes_(pod|service)_annotation(?:present)?_prometheus_io_scrape$/;

/** Releases that run a Prometheus scraping by annotation, by their chart or by a job in their values. */
export function annotationScrapers(hrs: readonly HelmRelease[]): AnnotationScraper[] {
  const out: AnnotationScraper[] = [];
  for (const h of hrs) {
    const chart = h.chart.name ?? '';
    // (The Prometheus Operator's does not read the annotation, by default. Outside review: ingress-nginx,
    // annotated and scraped by Flagger's Prometheus, was MONITORING_MISSING.)
    if (chart === 'prometheus' || chart === 'victoria-metrics-agent' || (chart === 'flagger' && bool(obj(obj(h.values).prometheus).install) === true)) {
      out.push({ what: `the Prometheus of HelmRelease ${h.namespace ?? ''}/${h.name} (chart ${chart})`, release: h, keeps: 'pod', match: null, namespaces: null, notNamespaces: null, written: false });
    }
    for (const job of scrapeJobs(h.values)) {
      const scope = jobScope(job);
      if (scope) out.push({ what: `scrape job ${str(job.job_name)} of HelmRelease ${h.namespace ?? ''}/${h.name}`, release: h, ...scope, written: true });
    }
  }
  return out;
}

/**
 * What a cluster-wide job keeps: pods or Services by the scrape annotation, or all it discovers where it
 * keeps by nothing, in the namespaces its keep and drop rules on `__meta_kubernetes_namespace` leave.
 * Null for a job of another role, one naming its namespaces, or one with a keep rule this does not read
 * (on a port name, several labels at once): it may keep none of the app's pods. (Other drop rules, on a
 * pod's phase, leave its running pods.)
 */
function jobScope(job: Job): Pick<AnnotationScraper, 'keeps' | 'match' | 'namespaces' | 'notNamespaces'> | null {
  const sds = arr(job.kubernetes_sd_configs).map(obj);
  if (sds.length === 0 || !sds.every((sd) => ROLES.has(str(sd.role) ?? '') && strs(obj(sd.namespaces).names).length === 0)) return null;
  let keeps: AnnotationScraper['keeps'] = 'all';
  let namespaces: RegExp | null = null;
  let notNamespaces: RegExp | null = null;
  for (const rule of arr(job.relabel_configs).map(obj)) {
    // (Prometheus reads the action in any case, and a rule without a regex as `(.*)`.)
    const action = str(rule.action)?.toLowerCase();
    const labels = strs(rule.source_labels);
    const regex = anchored(str(rule.regex) ?? '(.*)');
    const onNamespace = labels.length === 1 && labels[0] === '__meta_kubernetes_namespace';
    if (action === 'drop' && onNamespace) {
      if (!regex) return null;
      notNamespaces = regex;
    }
    if (action !== 'keep') continue;
    const by = labels.length === 1 ? SCRAPE_ANNOTATION.exec(labels[0]!) : null;
    if (by && regex?.test('true')) keeps = by[1] as 'pod' | 'service';
    else if (onNamespace && regex) namespaces = regex;
    else if (keepFilter({ relabel_configs: [{ ...rule, action: 'keep' }] }) === null) return null;
  }
  return { keeps, match: keepFilter(job), namespaces, notNamespaces };
}

/** A keep rule's regex as Prometheus runs it (anchored); null where it is too long or would not compile. */
function anchored(regex: string): RegExp | null {
  if (regex.length > 300 || /\([^)]*[+*}][^)]*\)\s*[+*{]/.test(regex)) return null;
  try {
    return new RegExp(`^(?:${regex})$`);
  } catch {
    return null;
  }
}

/**
 * The scrapers of an app's cluster that reach its namespace and name, and how they cover it: its
 * pods (or Service) annotated in its values or manifests are scraped; a chart-made app with no such
 * annotation in view is scraped if its chart annotates it, where an owner's job reads the annotation.
 */
export function annotationCoverage(
  app: { id: string; name: string; namespace: string; cluster: string | null },
  hrs: { live: readonly HelmRelease[]; all: readonly HelmRelease[] },
  objects: readonly KObject[],
  scrapers: readonly AnnotationScraper[],
): AnnotationCoverage {
  const out: AnnotationCoverage = { scraped: [], ifAnnotated: [] };
  const names = namesOf(app, hrs.all);
  const reaching = scrapers.filter(
    (s) => (app.cluster == null || s.release.cluster == null || s.release.cluster === app.cluster) && (s.namespaces === null || s.namespaces.test(app.namespace)) && !s.notNamespaces?.test(app.namespace) && (s.match === null || names.some((n) => s.match!.test(n))),
  );
  const annotatedHr = hrs.live.find((h) => annotatesPods(h.values));
  const pod = objects.find((o) => o.podAnnotations !== undefined && isTrue(o.podAnnotations['prometheus.io/scrape']));
  const service = objects.find((o) => o.group === '' && o.kind === 'Service' && isTrue(o.annotations['prometheus.io/scrape']));
  for (const s of reaching) {
    const ref = refOf(s.release.source);
    if (s.keeps === 'all') out.scraped.push({ what: `${s.what} keeps every target it discovers`, ref });
    else if (s.keeps === 'pod' && annotatedHr) out.scraped.push({ what: `its pods are annotated prometheus.io/scrape (HelmRelease ${annotatedHr.name}), which ${s.what} scrapes by annotation`, ref });
    else if (s.keeps === 'pod' && pod) out.scraped.push({ what: `its pods are annotated prometheus.io/scrape (${pod.kind} ${pod.name}), which ${s.what} scrapes by annotation`, ref });
    else if (s.keeps === 'service' && service) out.scraped.push({ what: `its Service ${service.name} is annotated prometheus.io/scrape, which ${s.what} scrapes by annotation`, ref });
    else if (s.written && hrs.live.length > 0) {
      const part = s.keeps === 'pod' ? 'pods' : 'Services';
      out.ifAnnotated.push({ what: `${s.what} scrapes ${part} annotated prometheus.io/scrape: monitored if its chart annotates its ${part} so`, ref });
    }
  }
  return out;
}

const isTrue = (v: string | undefined): boolean => v === 'true';

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
