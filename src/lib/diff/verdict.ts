/**
 * The one-line verdict: what the change does to the cluster, most consequential first. Words a
 * reviewer can act on ("1 major update", "1 new error"), never the whole list.
 */
import type { AppChange, DiffReport } from './schema.ts';

type Body = Omit<DiffReport, 'version' | 'base' | 'head' | 'verdict'>;

const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/** Counts of update types, e.g. `3 updates (1 major, 2 patch)`. */
function updates(v: Body['versions']): string | null {
  if (v.length === 0) return null;
  const order = ['major', 'minor', 'patch', 'digest', 'other'] as const;
  const parts = order.map((t) => [t, v.filter((x) => x.update === t).length] as const).filter(([, c]) => c > 0);
  const down = v.filter((x) => x.downgrade).length;
  return `${n(v.length, 'version update')} (${parts.map(([t, c]) => `${c} ${t}`).join(', ')}${down ? `, ${down} downgrade` : ''})`;
}

/**
 * Counts of what else of the apps changed (schema.ts AppChange): a change of source and a removal
 * first, then additions and settings. Each is a change to the cluster: where any is there, the
 * verdict never says "No change".
 */
function contents(c: Body['changes']): (string | null)[] {
  const count = (area: AppChange['area'], change?: AppChange['change']) => c.filter((x) => x.area === area && (change === undefined || x.change === change)).length;
  const said = (k: number, one: string, verb: string) => (k ? `${n(k, one)} ${verb}` : null);
  const values = count('values');
  const flux = count('flux');
  return [
    said(count('chart', 'source changed'), 'chart source', 'changed'),
    said(count('image', 'source changed'), 'image source', 'changed'),
    said(count('chart', 'removed'), 'HelmRelease', 'removed'),
    said(count('image', 'removed'), 'image', 'removed'),
    said(count('chart', 'added'), 'HelmRelease', 'added'),
    said(count('image', 'added'), 'image', 'added'),
    values ? `values of ${n(values, 'HelmRelease')} changed` : null,
    flux ? `Flux settings of ${n(flux, 'object')} changed` : null,
    said(count('endpoint', 'removed'), 'endpoint', 'removed'),
    said(count('endpoint', 'added'), 'endpoint', 'added'),
    said(count('endpoint', 'changed'), 'endpoint', 'changed'),
    said(count('volume', 'removed'), 'volume', 'removed'),
    said(count('volume', 'added'), 'volume', 'added'),
    said(count('volume', 'changed'), 'volume', 'changed'),
    said(count('object', 'removed'), 'object', 'removed'),
    said(count('object', 'added'), 'object', 'added'),
  ];
}

export function verdictOf(d: Body): string {
  const errors = d.findings.introduced.filter((f) => f.severity === 'error').length;
  const warnings = d.findings.introduced.filter((f) => f.severity === 'warning').length;
  // (Counted as the fixed ones are, which include info notes: "11 findings fixed" beside silence
  // on 13 notes introduced read as a clean-up; outside review of bjw-s b8ed20b6.)
  const infos = d.findings.introduced.filter((f) => f.severity === 'info').length;
  const lost = d.coverage.filter((c) => c.change === 'lost').length;
  const gained = d.coverage.length - lost;
  const parts = [
    errors ? n(errors, 'new error') : null,
    d.dependsOn.newCycles.length ? n(d.dependsOn.newCycles.length, 'new dependency cycle') : null,
    d.dependsOn.newMissing.length ? n(d.dependsOn.newMissing.length, 'dependsOn on a missing target', 'dependsOn entries on missing targets') : null,
    lost ? n(lost, 'coverage loss', 'coverage losses') : null,
    d.apps.added.length ? `${n(d.apps.added.length, 'app')} added` : null,
    d.apps.removed.length ? `${n(d.apps.removed.length, 'app')} removed` : null,
    d.apps.disabled.length ? `${n(d.apps.disabled.length, 'app')} disabled` : null,
    d.apps.enabled.length ? `${n(d.apps.enabled.length, 'app')} enabled` : null,
    d.apps.moved.length ? `${n(d.apps.moved.length, 'app')} moved` : null,
    updates(d.versions),
    ...contents(d.changes),
    d.secrets.rotated.length ? `${n(d.secrets.rotated.length, 'secret')} rotated` : null,
    d.secrets.added.length ? `${n(d.secrets.added.length, 'secret')} added` : null,
    d.secrets.removed.length ? `${n(d.secrets.removed.length, 'secret')} removed` : null,
    d.dependsOn.added.length + d.dependsOn.removed.length ? `dependsOn +${d.dependsOn.added.length}/-${d.dependsOn.removed.length}` : null,
    warnings ? n(warnings, 'new warning') : null,
    infos ? n(infos, 'new info note') : null,
    d.findings.fixed.length ? `${n(d.findings.fixed.length, 'finding')} fixed` : null,
    gained ? n(gained, 'coverage gain') : null,
    d.roadmap.length ? `${n(d.roadmap.length, 'roadmap item')} moved` : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return 'No change to the cluster.';
  // Notes alone change nothing in the cluster.
  if (parts.length === 1 && infos) return `No change to the cluster; ${parts[0]}.`;
  return `${parts.join(', ')}.`.replace(/^./, (c) => c.toUpperCase());
}
