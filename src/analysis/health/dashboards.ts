/**
 * Grafana dashboards in the repository: ConfigMaps labelled for the Grafana sidecar
 * (`grafana_dashboard`, any value), GrafanaDashboard objects (grafana-operator), `dashboards:` in
 * the grafana chart's values, dashboards another chart's values switch on (dashboards-values.ts),
 * and dashboard JSON files. A component (operators.ts) has a dashboard
 * when one lives in its app or is named after it.
 */
import type { Finding } from '../../model/finding.ts';
import { appOfPath } from '../../model/app-of-path.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isDeployedApp, isFromValues, isLive, isObj, obj, refOf, type Ref } from './common.ts';
import { OPERATORS, operatorOf } from './operators.ts';
import { valuesDashboards } from './dashboards-values.ts';

interface DashboardRow {
  name: string;
  kind: 'configmap' | 'grafana-operator' | 'chart-values' | 'json-file';
  appId: string | null;
  ref: Ref;
}

export interface DashboardMatrix {
  dashboards: DashboardRow[];
  /** Components present in the repository, with the dashboards that cover them. */
  components: { key: string; appId: string; dashboards: string[] }[];
  withoutDashboards: string[];
}

export function dashboardMatrix(model: RepoModel): { result: DashboardMatrix; findings: Finding[] } {
  const dashboards: DashboardRow[] = [];
  // A document two builds of one app make (its `#2` copy) is one dashboard of that app.
  const seen = new Set<string>();
  for (const o of model.objects) {
    if (isFromValues(o) || !isLive(o, model)) continue;
    const at = `${o.source.file}:${o.source.line}:${o.appId ?? ''}`;
    if (seen.has(at)) continue;
    seen.add(at);
    if (o.kind === 'ConfigMap' && o.group === '' && 'grafana_dashboard' in o.labels) dashboards.push({ name: o.name, kind: 'configmap', appId: o.appId, ref: refOf(o.source) });
    else if (o.kind === 'GrafanaDashboard' && o.group === 'grafana.integreatly.org') dashboards.push({ name: o.name, kind: 'grafana-operator', appId: o.appId, ref: refOf(o.source) });
  }
  // ConfigMaps a configMapGenerator makes (the JSON files beside it): kustomize builds them, the
  // model holds no object for them, so they are read off the kustomization file that declares them.
  const appOf = appOfPath(model);
  /** JSON files a dashboard generator reads: its ConfigMap is the dashboard, not each file again. */
  const generatorJson = new Set<string>();
  const live = new Map(model.apps.map((a) => [a.id, isDeployedApp(a, model) && !a.notDeployed]));
  for (const k of model.kustomizeFiles) {
    // Built by a deployed Flux build (a folder commented out in its parent's resources is not), in an
    // app that is deployed; without Flux Kustomizations at all, every file counts, as every object does.
    const appId = appOf(k.file);
    const deployed = (model.kustomizations.length === 0 || k.deployed) && (appId === null || live.get(appId) === true);
    for (const g of k.configMapGenerators) {
      if (!('grafana_dashboard' in g.labels)) continue;
      // Its JSON files are this ConfigMap, deployed or not: never a dashboard of their own.
      for (const read of g.reads) generatorJson.add(read.path);
      // A `merge` or `replace` entry changes a ConfigMap made elsewhere (counted there), not a new one.
      if (deployed && g.behavior === 'create') dashboards.push({ name: g.name, kind: 'configmap', appId, ref: { file: k.file, line: g.line } });
    }
  }
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model) || hr.chart.name !== 'grafana') continue;
    // grafana chart: dashboards.<provider>.<name>: { gnetId | url | json | file }
    for (const [provider, entries] of Object.entries(obj(obj(hr.values).dashboards))) {
      for (const [name, d] of Object.entries(obj(entries))) if (isObj(d)) dashboards.push({ name: `${provider}/${name}`, kind: 'chart-values', appId: hr.appId, ref: refOf(hr.source) });
    }
  }
  // The dashboards another chart renders once its values say so (kyverno's `grafana.enabled`,
  // cilium's `dashboards.enabled`, kube-prometheus-stack's by default): one row per switch.
  // (Such a row covers its own app's component only: its path, `grafana.enabled`, names no component.)
  const switched = new Set<DashboardRow>();
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model)) continue;
    for (const path of valuesDashboards(hr)) {
      const row: DashboardRow = { name: `${hr.name} (${path})`, kind: 'chart-values', appId: hr.appId, ref: refOf(hr.source) };
      switched.add(row);
      dashboards.push(row);
    }
  }
  for (const f of model.files) {
    // A dashboard file of an archived folder or of an app that is not deployed is not one Grafana shows.
    if (f.archived !== undefined || (f.appId !== undefined && live.get(f.appId) === false)) continue;
    if (f.path.endsWith('.json') && /dashboard/i.test(f.path) && !generatorJson.has(f.path)) dashboards.push({ name: f.path.split('/').pop()!.replace(/\.json$/, ''), kind: 'json-file', appId: f.appId ?? null, ref: { file: f.path, line: 1 } });
  }
  dashboards.sort((a, b) => a.name.localeCompare(b.name) || a.ref.file.localeCompare(b.ref.file));

  const components: DashboardMatrix['components'] = [];
  for (const app of model.apps) {
    if (!isDeployedApp(app, model)) continue;
    const op = (groupBy(model.helmReleases, appIdOf).get(app.id) ?? []).filter((h) => isLive(h, model)).map((h) => operatorOf(h.chart.name, h.name)).find((o) => o) ?? null;
    if (!op) continue;
    const spec = OPERATORS.find((o) => o.key === op.key)!;
    const words = [spec.key, ...spec.names].map((n) => n.toLowerCase());
    const hits = dashboards.filter((d) => d.appId === app.id || (!switched.has(d) && words.some((w) => d.name.toLowerCase().includes(w))));
    components.push({ key: op.key, appId: app.id, dashboards: hits.map((d) => d.name) });
  }
  components.sort((a, b) => a.appId.localeCompare(b.appId));
  return { result: { dashboards, components, withoutDashboards: components.filter((c) => c.dashboards.length === 0).map((c) => c.appId) }, findings: [] };
}
