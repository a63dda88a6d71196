/**
 * Outside review: the cloudnative-pg page said "no monitoring" beside CloudNativePG Clusters with
 * `spec.monitoring.enablePodMonitor: true`, for which the operator makes a PodMonitor. Such a
 * PodMonitor is the app's (the matrix, MONITORING_MISSING and the page agree), but Flux applies no
 * such object: it needs no Prometheus CRDs upstream, is no sign of a Prometheus stack, and scrapes
 * only its Cluster's pods, not the operator of another app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const cnpg = (kind: 'Cluster' | 'Pooler', name: string, podMonitor: boolean) =>
  `apiVersion: postgresql.cnpg.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n${kind === 'Pooler' ? '  cluster:\n    name: postgres\n  pgbouncer:\n    poolMode: session\n' : '  storage:\n    size: 5Gi\n'}  monitoring:\n    enablePodMonitor: ${podMonitor}\n`;

describe('monitors an operator makes from a switch on its resource', () => {
  const repo = tempRepos(afterAll);

  /** A cluster with the CloudNativePG operator in databases/cloudnative-pg and the given database folders, each an app of its own. */
  const scan = async (name: string, o: { stack: boolean; operatorFiles: Record<string, string>; apps?: Record<string, Record<string, string>> }) => {
    const r = repo(name);
    bootstrap(r);
    const apps: Record<string, Record<string, string>> = { 'cloudnative-pg': o.operatorFiles, ...o.apps };
    const ks = Object.keys(apps).map((a) => fluxKustomization(a, `./apps/databases/${a}`, '  targetNamespace: databases\n'));
    if (o.stack) ks.push(fluxKustomization('kube-prometheus-stack', './apps/monitoring/kube-prometheus-stack', '  targetNamespace: monitoring\n'));
    r.put('clusters/prod/apps.yaml', ks.join('---\n'));
    r.put('apps/monitoring/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack' }));
    r.put('apps/databases/cloudnative-pg/release.yaml', helmRelease({ name: 'cloudnative-pg', values: '    crds:\n      create: true\n' }));
    for (const [app, files] of Object.entries(apps)) for (const [file, text] of Object.entries(files)) r.put(`apps/databases/${app}/${file}`, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    const id = (app: string) => model.apps.find((a) => a.name === app)!.id;
    return {
      model,
      matrix: analysis.health.matrices.monitoring,
      row: (app: string) => analysis.health.matrices.monitoring.rows.find((x) => x.appId === id(app))!,
      facts: (app: string) => appFacts(model, id(app))!,
      missing: analysis.findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId),
      crds: analysis.findings.filter((f) => f.message.includes('prometheus-crds')).map((f) => f.message),
    };
  };

  it("counts a Cluster's and a Pooler's enablePodMonitor as the app's PodMonitors, with no CRD ordering asked", async () => {
    const s = await scan('cnpg-podmonitor', { stack: true, operatorFiles: { 'cluster.yaml': cnpg('Cluster', 'postgres', true), 'pooler.yaml': cnpg('Pooler', 'postgres-rw', true) } });
    expect(s.row('cloudnative-pg')).toMatchObject({ monitored: true, podMonitors: 2 });
    expect(s.missing).not.toContain(s.row('cloudnative-pg').appId);
    const f = s.facts('cloudnative-pg');
    expect(f.badges.missingMonitoring).toBe(false);
    expect(f.monitoring.monitors.map((m) => [m.kind, m.name, m.ref.file, m.ref.line])).toEqual([
      ['PodMonitor (made by the operator: Cluster postgres, spec.monitoring.enablePodMonitor)', 'postgres', 'apps/databases/cloudnative-pg/cluster.yaml', 10],
      ['PodMonitor (made by the operator: Pooler postgres-rw, spec.monitoring.enablePodMonitor)', 'postgres-rw', 'apps/databases/cloudnative-pg/pooler.yaml', 12],
    ]);
    expect(s.crds).toEqual([]);
  });

  it('counts nothing where the switch is off', async () => {
    const s = await scan('cnpg-podmonitor-off', { stack: true, operatorFiles: { 'cluster.yaml': cnpg('Cluster', 'postgres', false) } });
    expect(s.row('cloudnative-pg')).toMatchObject({ monitored: false, podMonitors: 0 });
    expect(s.missing).toContain(s.row('cloudnative-pg').appId);
  });

  it("monitors a Cluster of another app, not the operator's app, and is no sign of a Prometheus stack", async () => {
    const other = { stack: false, operatorFiles: {}, apps: { postgres: { 'cluster.yaml': cnpg('Cluster', 'cloudnative-pg', true) } } };
    const noStack = await scan('cnpg-podmonitor-no-stack', other);
    expect(noStack.matrix.prometheusStack).toBe(false);
    const s = await scan('cnpg-podmonitor-other-app', { ...other, stack: true });
    expect(s.row('postgres')).toMatchObject({ monitored: true, podMonitors: 1 });
    expect(s.facts('postgres').badges.missingMonitoring).toBe(false);
    // (Named after the operator, it still scrapes its Cluster's pods only.)
    expect(s.row('cloudnative-pg')).toMatchObject({ monitored: false, fromElsewhere: [] });
    expect(s.missing).toContain(s.row('cloudnative-pg').appId);
  });
});
