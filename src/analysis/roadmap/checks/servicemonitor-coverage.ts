import { monitoringMatrix } from '../../health/monitoring.ts';
import { deployedIn } from '../deployed.ts';
import { appsByPaths, appsNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-7.1: each operator the item names (bold labels of its numbered list, or the app folders of
 * the files it says to create) has a ServiceMonitor or PodMonitor, or a monitor switched on in
 * its Helm values, or is monitored as the health page counts it (another app's monitor names it,
 * its chart monitors itself). A name that matches no app in the repository falls short too; an app
 * the repository has but Flux does not deploy (`ks.dis`) is noted, not counted: nothing of it runs
 * to be monitored, and its monitor (switched off with it) monitors nothing.
 */
export const serviceMonitorCoverage: NamedCheck = {
  name: 'servicemonitor-coverage',
  description: 'Operators named in the item that have a ServiceMonitor, PodMonitor or values-enabled monitor.',
  topic: /service\s*monitor|pod\s*monitor|metrics|scrap/i,
  seedIds: ['H-7.1'],
  run({ item, model, repo }) {
    // Named against every app of the repository, so that a switched-off one is not called absent.
    const { apps: named, unknown } = appsNamed(item, repo);
    for (const m of appsByPaths(item, repo)) if (!named.some((a) => a.value.id === m.value.id)) named.push(m);
    const deployed = deployedIn(repo);
    const apps = model === repo ? named : named.filter((m) => deployed.app(m.value));
    const notes = named.filter((m) => !apps.includes(m)).map((m) => `${m.value.id} is in the repository but Flux does not deploy it: not counted.`);
    // The same judgement as the health page's monitoring matrix: the app's own monitors, ones its
    // values switch on, monitors other apps ship for it, or a chart that monitors itself.
    const monitored = new Set([
      ...model.monitors.filter((m) => !m.disabled && m.monitorKind !== 'PrometheusRule' && m.appId).map((m) => m.appId!),
      ...monitoringMatrix(repo).result.rows.filter((r) => r.serviceMonitors + r.podMonitors + r.fromValues.length + r.fromElsewhere.length > 0 || r.byDefault).map((r) => r.appId),
    ]);
    const shortfalls: Shortfall[] = [];
    for (const { value: app } of apps) {
      if (!monitored.has(app.id)) shortfalls.push({ objectId: app.id, message: `${app.id} has no ServiceMonitor or PodMonitor.`, source: app.source });
    }
    for (const u of unknown) {
      shortfalls.push({ message: `${u.value} is named in the item but is not an app in the repository.`, source: itemSource(item, u.line) });
    }
    const total = apps.length + unknown.length;
    return outcome(total - shortfalls.length, total, shortfalls, notes);
  },
};
