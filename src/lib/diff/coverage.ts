/**
 * Backup, monitoring and network-policy coverage gained or lost per app, read from the health
 * matrices the site's health pages show. Only apps present on both sides are compared: a new app
 * without a ServiceMonitor has not lost anything (its own findings say what it lacks).
 */
import type { BackupRow } from '../../analysis/health/backup.ts';
import type { CoverageChange } from './schema.ts';
import { byString, type DiffSide } from './side.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function backup(base: DiffSide, head: DiffSide, both: Set<string>): CoverageChange[] {
  const out: CoverageChange[] = [];
  const before = new Map<string, BackupRow>(base.analysis.health.matrices.backup.rows.map((r) => [r.pvcId, r]));
  for (const r of head.analysis.health.matrices.backup.rows) {
    if (!r.appId || !both.has(r.appId)) continue;
    const was = before.get(r.pvcId);
    const now = r.coveredBy.length > 0;
    if (!was) {
      if (!now) out.push({ appId: r.appId, area: 'backup', change: 'lost', detail: `new volume ${r.name} is not backed up` });
      continue;
    }
    const then = was.coveredBy.length > 0;
    if (then && !now) out.push({ appId: r.appId, area: 'backup', change: 'lost', detail: r.unknown ? `volume ${r.name} no longer known to be backed up (was ${was.coveredBy.join(', ')}; ${r.unknown})` : `volume ${r.name} no longer backed up (was ${was.coveredBy.join(', ')})` });
    if (!then && now) out.push({ appId: r.appId, area: 'backup', change: 'gained', detail: `volume ${r.name} backed up by ${r.coveredBy.join(', ')}` });
  }
  return out;
}

function monitoring(base: DiffSide, head: DiffSide, both: Set<string>): CoverageChange[] {
  const out: CoverageChange[] = [];
  const before = new Map(base.analysis.health.matrices.monitoring.rows.map((r) => [r.appId, r]));
  const what = (r: { serviceMonitors: number; podMonitors: number; fromValues: unknown[]; byDefault: boolean }): string =>
    [r.serviceMonitors ? plural(r.serviceMonitors, 'ServiceMonitor') : '', r.podMonitors ? plural(r.podMonitors, 'PodMonitor') : '', r.fromValues.length ? plural(r.fromValues.length, 'monitor') + ' from Helm values' : '', r.byDefault ? "the chart's own monitors" : '']
      .filter(Boolean)
      .join(', ');
  for (const r of head.analysis.health.matrices.monitoring.rows) {
    const was = before.get(r.appId);
    if (!was || !both.has(r.appId) || was.monitored === r.monitored) continue;
    out.push(r.monitored
      ? { appId: r.appId, area: 'monitoring', change: 'gained', detail: `monitored by ${what(r)}` }
      : { appId: r.appId, area: 'monitoring', change: 'lost', detail: `no longer monitored (had ${what(was) || 'a monitor'})` });
  }
  return out;
}

function network(base: DiffSide, head: DiffSide, both: Set<string>): CoverageChange[] {
  const out: CoverageChange[] = [];
  const before = new Map(base.analysis.health.matrices.network.apps.map((r) => [r.appId, r]));
  for (const r of head.analysis.health.matrices.network.apps) {
    const was = before.get(r.appId);
    if (!was || !both.has(r.appId)) continue;
    const then = was.policies.length > 0;
    const now = r.policies.length > 0;
    if (then === now) continue;
    const names = (l: typeof r.policies) => l.map((p) => `${p.kind} ${p.name}`).join(', ');
    out.push(now
      ? { appId: r.appId, area: 'network', change: 'gained', detail: `selected by ${names(r.policies)}` }
      : { appId: r.appId, area: 'network', change: 'lost', detail: `no network policy selects it any more (was ${names(was.policies)})` });
  }
  return out;
}

export function diffCoverage(base: DiffSide, head: DiffSide): CoverageChange[] {
  const ids = new Set(base.model.apps.map((a) => a.id));
  const both = new Set(head.model.apps.filter((a) => ids.has(a.id)).map((a) => a.id));
  return [...backup(base, head, both), ...monitoring(base, head, both), ...network(base, head, both)].sort(
    (a, b) => byString(a.appId, b.appId) || byString(a.area, b.area) || byString(a.detail, b.detail),
  );
}
