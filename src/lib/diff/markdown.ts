/**
 * The diff as Markdown for a pull request comment: a one-line verdict, a short table of the most
 * consequential changes, then every kind of change folded in `<details>`. Bounded: the table and
 * each section stop at a limit with "and N more", and the whole stays under GitHub's comment size.
 * Every string from the repository is escaped (it may hold `|`, `<`, `@mention` or backticks).
 */
import { escapeMarkdown } from '../../markdown/escape.ts';
import { appPath, withBase } from '../site/urls.ts';
import type { AppChange, AppRef, DiffReport, Edge, FindingRef, SecretRef, VersionChange } from './schema.ts';

export interface MarkdownOptions {
  /** Published site URL and base path (atlas.config.yaml `site`, `base`): app names become links. */
  site?: string | null;
  base?: string | null;
  /** Rows of the summary table (default 12). */
  tableRows?: number;
  /** Lines per folded section (default 40). */
  sectionLines?: number;
  /** The sticky-comment marker on the first line (`--format github`). */
  marker?: boolean;
}

/** First line of every `--format github` comment: how the workflow finds the comment to update. */
export const STICKY_MARKER = '<!-- atlas-diff -->';
/** GitHub refuses comments over 65,536 characters; stay well under. */
const MAX_CHARS = 60_000;

/** Text from the repository, safe inside Markdown and a table cell: the one Markdown escaper. */
export const esc = escapeMarkdown;

/** A short code span; backticks inside are dropped rather than escaped (not possible in a span). */
const code = (s: string): string => `\`${s.replace(/[`\r\n]+/g, '').replace(/\|/g, '\\|').slice(0, 120)}\``;

const short = (sha: string | null, rev: string | null): string => (sha ? `${code(rev ?? sha.slice(0, 7))}${rev && rev !== sha.slice(0, 7) ? ` (${code(sha.slice(0, 7))})` : ''}` : 'the working tree');

function linker(o: MarkdownOptions): (id: string | null) => string {
  return (id) => {
    if (!id) return '-';
    if (!o.site) return esc(id);
    const url = `${o.site.replace(/\/+$/, '')}${withBase(appPath({ id }), o.base ?? '/')}`;
    return `[${esc(id)}](${url})`;
  };
}

const versionText = (v: VersionChange): string =>
  `${v.kind} ${code(v.name)} ${code(v.from)} -> ${code(v.to)} (${v.update}${v.downgrade ? ', downgrade' : ''})`;
const edgeText = (e: Edge): string => `${code(e.from)} -> ${code(e.to)}${e.resolved ? '' : ' (target missing)'} at ${code(`${e.file}:${e.line}`)}`;
const secretText = (s: SecretRef): string => `${s.kind} ${code(s.id)}${s.names.length ? ` (${s.names.map(code).join(', ')})` : ''}`;
const findingText = (f: FindingRef): string => `**${f.severity}** ${code(f.code)} ${esc(f.message)} (${code(`${f.file}:${f.line}`)})`;
const appText = (a: AppRef): string => `${esc(a.name)} in ${code(a.cluster ? `${a.cluster}/${a.namespace}` : a.namespace)} (${code(a.dir)})`;

const AREA_WORDS: Record<AppChange['area'], string> = { image: 'image', chart: 'chart', values: 'values', flux: 'Flux settings', endpoint: 'endpoint', volume: 'volume', object: 'object' };
const changeWhat = (c: AppChange): string => (c.area === 'chart' && c.change !== 'source changed' ? `HelmRelease ${c.change}` : `${AREA_WORDS[c.area]} ${c.change}`);
/** A change of source or a removal before an addition, an addition before a setting. */
const CHANGE_RANK = { 'source changed': 0, removed: 1, added: 2, changed: 3 } as const;

interface Row {
  app: string | null;
  what: string;
  detail: string;
}

function rows(d: DiffReport): Row[] {
  return [
    ...d.findings.introduced.filter((f) => f.severity === 'error').map((f) => ({ app: f.appId, what: 'new error', detail: `${code(f.code)} ${esc(f.message)}` })),
    ...d.dependsOn.newCycles.map((c) => ({ app: null, what: 'new cycle', detail: c.map(code).join(' -> ') })),
    ...d.dependsOn.newMissing.map((e) => ({ app: null, what: 'missing dependsOn', detail: edgeText(e) })),
    ...d.coverage.filter((c) => c.change === 'lost').map((c) => ({ app: c.appId, what: `${c.area} lost`, detail: esc(c.detail) })),
    ...d.apps.removed.map((a) => ({ app: a.id, what: 'app removed', detail: appText(a) })),
    ...d.apps.disabled.map((a) => ({ app: a.id, what: 'app disabled', detail: esc(a.reason ?? '') })),
    ...d.apps.added.map((a) => ({ app: a.id, what: 'app added', detail: appText(a) })),
    ...d.apps.enabled.map((a) => ({ app: a.id, what: 'app enabled', detail: a.reason ? `was: ${esc(a.reason)}` : '' })),
    ...d.apps.moved.map((m) => ({ app: m.to.id, what: `moved (${m.what})`, detail: `from ${code(m.from.id)}` })),
    ...[...d.versions].sort((a, b) => rankOf(a) - rankOf(b)).map((v) => ({ app: v.appId, what: `${v.update} update`, detail: versionText(v) })),
    ...[...d.changes].sort((a, b) => CHANGE_RANK[a.change] - CHANGE_RANK[b.change]).map((c) => ({ app: c.appId, what: changeWhat(c), detail: esc(c.detail) })),
    ...d.secrets.rotated.map((s) => ({ app: s.appId, what: 'secret rotated', detail: secretText(s) })),
    ...d.secrets.removed.map((s) => ({ app: s.appId, what: 'secret removed', detail: secretText(s) })),
    ...d.secrets.added.map((s) => ({ app: s.appId, what: 'secret added', detail: secretText(s) })),
    ...d.coverage.filter((c) => c.change === 'gained').map((c) => ({ app: c.appId, what: `${c.area} gained`, detail: esc(c.detail) })),
  ];
}
const RANK = { major: 0, minor: 1, patch: 2, digest: 3, other: 4 } as const;
const rankOf = (v: VersionChange): number => (v.downgrade ? -1 : RANK[v.update]);

function section(title: string, lines: string[], limit: number): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, limit).map((l) => `- ${l}`);
  if (lines.length > limit) shown.push(`- and ${lines.length - limit} more`);
  return `<details><summary>${title} (${lines.length})</summary>\n\n${shown.join('\n')}\n\n</details>\n`;
}

export function renderMarkdown(d: DiffReport, o: MarkdownOptions = {}): string {
  const link = linker(o);
  const limit = o.sectionLines ?? 40;
  const all = rows(d);
  const max = o.tableRows ?? 12;
  const out: string[] = [];
  if (o.marker) out.push(STICKY_MARKER);
  out.push(`### GitOps Atlas: what this change does to the cluster`, '', `**${esc(d.verdict)}**`, '', `<sub>${short(d.base.sha, d.base.rev)} -> ${short(d.head.sha, d.head.rev)}</sub>`, '');
  if (all.length > 0) {
    out.push('| App | Change | Details |', '| --- | --- | --- |');
    for (const r of all.slice(0, max)) out.push(`| ${link(r.app)} | ${r.what} | ${r.detail} |`);
    if (all.length > max) out.push(`| | and ${all.length - max} more | see below |`);
    out.push('');
  }
  const sections = [
    section('Version updates', d.versions.map((v) => `${link(v.appId)}: ${versionText(v)}`), limit),
    section('Images, charts, values, hosts, volumes, settings and objects of apps', d.changes.map((c) => `${link(c.appId)}: ${changeWhat(c)}: ${esc(c.detail)} (${code(`${c.file}:${c.line}`)})`), limit),
    section('Apps', [
      ...d.apps.added.map((a) => `added ${link(a.id)}: ${appText(a)}`),
      ...d.apps.removed.map((a) => `removed ${esc(a.id)}: ${appText(a)}`),
      ...d.apps.disabled.map((a) => `disabled ${link(a.id)}${a.reason ? `: ${esc(a.reason)}` : ''}`),
      ...d.apps.enabled.map((a) => `enabled ${link(a.id)}${a.reason ? ` (was: ${esc(a.reason)})` : ''}`),
      ...d.apps.moved.map((m) => `moved ${code(m.from.id)} -> ${link(m.to.id)} (${m.what})`),
    ], limit),
    section('dependsOn', [
      ...d.dependsOn.newCycles.map((c) => `new cycle: ${c.map(code).join(' -> ')}`),
      ...d.dependsOn.fixedCycles.map((c) => `cycle resolved: ${c.map(code).join(' -> ')}`),
      ...d.dependsOn.newMissing.map((e) => `new missing target: ${edgeText(e)}`),
      ...d.dependsOn.fixedMissing.map((e) => `missing target fixed: ${edgeText(e)}`),
      ...d.dependsOn.added.map((e) => `added ${edgeText(e)}`),
      ...d.dependsOn.removed.map((e) => `removed ${edgeText(e)}`),
    ], limit),
    section('Secrets (names and files only)', [
      ...d.secrets.rotated.map((s) => `rotated (re-encrypted) ${secretText(s)}`),
      ...d.secrets.added.map((s) => `added ${secretText(s)}`),
      ...d.secrets.removed.map((s) => `removed ${secretText(s)}`),
    ], limit),
    section('Backup, monitoring and network coverage', d.coverage.map((c) => `${link(c.appId)}: ${c.area} ${c.change}: ${esc(c.detail)}`), limit),
    section(`Findings introduced`, d.findings.introduced.map(findingText), limit),
    section(`Findings fixed`, d.findings.fixed.map(findingText), limit),
    section('Roadmap progress', d.roadmap.map((r) => `${esc(r.title)} (${code(r.id)}): ${esc(r.fromText)} -> ${esc(r.toText)}`), limit),
  ].filter(Boolean);
  let text = `${out.join('\n')}\n${sections.join('\n')}`;
  if (text.length > MAX_CHARS) {
    // Whole sections are dropped from the end rather than cut mid-tag, which would break the comment.
    let kept = sections.length;
    while (kept > 0 && text.length > MAX_CHARS) text = `${out.join('\n')}\n${sections.slice(0, --kept).join('\n')}\n_${sections.length - kept} more sections left out for length; run \`atlas diff --format json\` for all._\n`;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
