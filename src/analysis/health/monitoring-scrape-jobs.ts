/**
 * Prometheus scrape jobs written in Helm values (`additionalScrapeConfigs`, `extraScrapeConfigs`,
 * `serverFiles`: objects with `job_name`, or a YAML string of them) and what they read: the namespaces
 * of their kubernetes_sd_configs, their keep rules. Read by monitoring.ts and monitoring-annotation-jobs.ts.
 */
import { parse as parseYaml } from 'yaml';
import type { HelmRelease } from '../../model/helm-release.ts';
import { arr, obj, str, strs } from './common.ts';

export type Job = Record<string, unknown>;

/** Prometheus scrape jobs in Helm values: objects with `job_name`, also inside a YAML string (additionalScrapeConfigs). */
export function scrapeJobs(values: unknown): Job[] {
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
export function stripJobs(v: unknown, depth = 0): unknown {
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
export function jobNamespaces(job: Job): string[] {
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
export function keepFilter(job: Job): RegExp | null {
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
export function namesOf(app: { name: string }, hrs: readonly HelmRelease[]): string[] {
  return [app.name, ...hrs.flatMap((h) => [h.name, h.releaseName, h.chart.name ?? '', str(obj(h.values).nameOverride) ?? '', str(obj(h.values).fullnameOverride) ?? ''])].filter((n) => n !== '');
}
