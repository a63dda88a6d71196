import { monitoringMatrix } from '../../health/monitoring.ts';
import { appsByPaths, appsNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-7.1: each operator the item names (bold labels of its numbered list, or the app folders of
 * the files it says to create) has a ServiceMonitor or PodMonitor, or a monitor switched on in
 * its Helm values, or is monitored as the health page counts it (another app's monitor names it,
 * its chart monitors itself). A name that matches no app in the repository falls short too.
 */
export const serviceMonitorCoverage: NamedCheck = {
  name: 'servicemonitor-coverage',
  description: 'Operators named in the item that have a ServiceMonitor, PodMonitor or values-enabled monitor.',
  topic: /service\s*monitor|pod\s*monitor|metrics|scrap/i,
  seedIds: ['H-7.1'],
  run({ item, model }) {
    const { apps, unknown } = appsNamed(item, model);
    for (const m of appsByPaths(item, model)) if (!apps.some((a) => a.value.id === m.value.id)) apps.push(m);
    // The same judgement as the health page's monitoring matrix: the app's own monitors, ones its
    // values switch on, monitors other apps ship for it, or a chart that monitors itself.
    const monitored = new Set([
      ...model.monitors.filter((m) => !m.disabled && m.monitorKind !== 'PrometheusRule' && m.appId).map((m) => m.appId!),
      ...monitoringMatrix(model).result.rows.filter((r) => r.serviceMonitors + r.podMonitors + r.fromValues.length + r.fromElsewhere.length > 0 || r.byDefault).map((r) => r.appId),
    ]);
    const shortfalls: Shortfall[] = [];
    for (const { value: app } of apps) {
      if (!monitored.has(app.id)) shortfalls.push({ objectId: app.id, message: `${app.id} has no ServiceMonitor or PodMonitor.`, source: app.source });
    }
    for (const u of unknown) {
      shortfalls.push({ message: `${u.value} is named in the item but is not an app in the repository.`, source: itemSource(item, u.line) });
    }
    const total = apps.length + unknown.length;
    return outcome(total - shortfalls.length, total, shortfalls);
  },
};
