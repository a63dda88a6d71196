/**
 * How a changelog entry reads on the site: the category it is filed under, Renovate updates in
 * words people use ("jellyfin image 10.10.3 → 10.10.4"), the anchor the feed links to and the
 * commit's web page. Pure string work for the changelog components; every string is escaped by
 * Astro's `{expr}` where it is rendered, never set as HTML.
 */
import type { App } from '../../model/app.ts';
import type { AppEvent, Bump, ChangelogEntry, RenovateInfo } from '../../model/changelog-entry.ts';
import { appPath, withBase } from '../../lib/site/urls.ts';
import { safeHref } from '../../markdown/escape.ts';

/** An app as the changelog links it: display name and its page (base included). */
export interface AppLinkInfo {
  name: string;
  href: string;
}

/** App id → name and page, for linking the apps an entry names. */
export function appLinks(apps: readonly Pick<App, 'id' | 'name' | 'namespace' | 'cluster'>[], base: string): Map<string, AppLinkInfo> {
  return new Map(apps.map((a) => [a.id, { name: a.name, href: withBase(appPath(a), base) }]));
}

/** The filters and sections of /changelog/, in display order. */
export const CATEGORIES = [
  { id: 'breaking', label: 'Breaking changes' },
  { id: 'apps', label: 'Apps added or removed' },
  { id: 'update', label: 'Updates' },
  { id: 'feature', label: 'Features' },
  { id: 'fix', label: 'Fixes' },
  { id: 'other', label: 'Other changes' },
  { id: 'handwritten', label: 'Hand-written' },
] as const;
export type Category = (typeof CATEGORIES)[number]['id'];

/**
 * Every category an entry belongs to (a breaking feature is both), in badge order. `other` only
 * when nothing more telling applies.
 */
export function categoriesOf(entry: ChangelogEntry): Category[] {
  const out: Category[] = [];
  if (entry.conventional?.breaking) out.push('breaking');
  if (entry.appEvents.length > 0) out.push('apps');
  if (isUpdate(entry)) out.push('update');
  else if (entry.kind === 'feature') out.push('feature');
  else if (entry.kind === 'fix') out.push('fix');
  // A hand-written bullet that is nothing more telling is just "hand-written", not also "other".
  if (out.length === 0 && !entry.handwritten) out.push('other');
  if (entry.handwritten) out.push('handwritten');
  return out;
}

/** Updates are Renovate's commits, a person's commit about an update, or a chart/image bump in the diff. */
function isUpdate(entry: ChangelogEntry): boolean {
  return entry.kind === 'update' || (entry.renovate !== null && entry.kind !== 'revert') || entry.bumps.length > 0;
}

/** The badge word of a category. */
export function badgeLabel(category: Category): string {
  return { breaking: 'breaking', apps: 'app', update: 'update', feature: 'feature', fix: 'fix', other: 'change', handwritten: 'hand-written' }[category];
}

const datasourceWord: Record<RenovateInfo['datasource'], string> = {
  container: 'image',
  helm: 'chart',
  'github-release': 'release',
  'github-actions': 'action',
  'github-tags': 'tag',
  mise: 'tool',
  'renovate-config': 'preset',
  'grafana-dashboards': 'dashboard',
  lockfile: 'lock file',
  other: '',
};

/** `ghcr.io/home-operations/jellyfin` → `jellyfin`: the name people call an image or chart by. */
export function shortName(name: string): string {
  const trimmed = name.replace(/^oci:\/\//, '').replace(/\/+$/, '');
  return trimmed.split('/').at(-1) || trimmed;
}

function versions(from: string | null, to: string | null): string {
  if (from && to) return `${from} → ${to}`;
  if (to) return `→ ${to}`;
  return '';
}

/**
 * `chart app-template 3.5.1 → 3.6.0`, `jellyfin image 10.10.3 → 10.10.4`; `image 1.2 → 1.3` where
 * nothing named it (the folder's name that stands in is the app's, not the image's).
 */
export function bumpWords(bump: Pick<Bump, 'kind' | 'name' | 'from' | 'to' | 'nameGuessed'>): string {
  const name = shortName(bump.name);
  const what = bump.nameGuessed ? bump.kind : bump.kind === 'chart' ? `chart ${name}` : `${name} image`;
  return `${what} ${versions(bump.from, bump.to)}`.trim();
}

/** A Renovate update as words, from the subject when the diff showed no bump. */
export function renovateWords(r: RenovateInfo): string {
  const github = r.datasource.startsWith('github-');
  const name = github ? r.package : shortName(r.package);
  const word = datasourceWord[r.datasource];
  const what = r.group ? `${name} group` : r.datasource === 'helm' ? `chart ${name}` : word ? `${name} ${word}` : name;
  return `${what} ${versions(r.from, r.to)}`.trim();
}

/**
 * The headline of an entry: updates in words (bumps read from the diff win over the subject,
 * which Renovate may have written before a person edited the commit), else the subject.
 */
export function headline(entry: ChangelogEntry): string {
  if (entry.bumps.length > 0) return [...new Set(entry.bumps.map(bumpWords))].join('; ');
  if (entry.renovate && entry.kind !== 'revert') return renovateWords(entry.renovate);
  return entry.subject;
}

/** True when the headline is not the subject, so the subject is worth showing beside it. */
export function headlineIsRewritten(entry: ChangelogEntry): boolean {
  return headline(entry) !== entry.subject;
}

/** The element id of an entry on /changelog/; the feed's entry links use the same. */
export function entryAnchor(entry: ChangelogEntry): string {
  return entry.sha ?? `${entry.day}-line-${entry.source?.line ?? 0}`;
}

/** The anchor of an app's line in the "By app" list. */
export function appAnchor(id: string): string {
  return `app-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** `added` → `added`, in a sentence: "open-webui added". */
export function eventWords(event: AppEvent['event']): string {
  return { added: 'added', removed: 'removed', disabled: 'disabled (renamed to .dis)', enabled: 're-enabled' }[event];
}

/**
 * The web page of a commit, derived from repoUrl (which points at files, "up to the branch"):
 * GitHub and Forgejo/Gitea `…/blob|tree|src/<ref>/…` and GitLab `…/-/blob/<ref>/…`. Null for
 * other hosts' shapes: the sha is then shown as text.
 */
export function commitHref(repoUrl: string | null | undefined, sha: string): string | null {
  if (!repoUrl || !/^[0-9a-f]{7,64}$/.test(sha)) return null;
  let url: URL;
  try {
    url = new URL(repoUrl);
  } catch {
    return null;
  }
  if (safeHref(repoUrl) === null) return null;
  const path = url.pathname;
  const gitlab = /^(\/.+?)\/-\/(?:blob|tree)\//.exec(path);
  if (gitlab) return `${url.origin}${gitlab[1]}/-/commit/${sha}`;
  const forge = /^(\/[^/]+\/[^/]+)\/(?:blob|tree|src)\//.exec(path);
  if (forge) return `${url.origin}${forge[1]}/commit/${sha}`;
  return null;
}

/** `2026-08-18` → `Tue 18 Aug`: days are calendar days, so UTC arithmetic is exact. */
export function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()]!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getUTCMonth()]!;
  return `${weekday} ${date.getUTCDate()} ${month} ${date.getUTCFullYear()}`;
}

/**
 * Split text at backtick code spans (`wait: true`), the one piece of Markdown that commit subjects
 * and changelog bullets use all the time. Unbalanced backticks leave the text as it is. The pieces
 * are rendered with `{expr}`, so nothing here can inject markup.
 */
export function codeSpans(text: string): Array<{ text: string; code: boolean }> {
  const parts = text.split('`');
  if (parts.length < 3 || parts.length % 2 === 0) return [{ text, code: false }];
  const spans = parts.map((part, i) => ({ text: part, code: i % 2 === 1 })).filter((p) => p.text !== '');
  // Only empty code spans (a stray ``): nothing to mark, keep the text as written.
  return spans.some((p) => p.code) ? spans : [{ text, code: false }];
}

/** Merge commits are left out of every list: the commits they merge are listed already. */
export function shown(entries: readonly ChangelogEntry[]): ChangelogEntry[] {
  return entries.filter((e) => e.kind !== 'merge');
}

/** Entries of one day, in the changelog's order (commits, then hand-written bullets). */
export function groupByDay<T extends Pick<ChangelogEntry, 'day'>>(entries: readonly T[]): Array<{ day: string; entries: T[] }> {
  const out: Array<{ day: string; entries: T[] }> = [];
  for (const entry of entries) {
    const last = out.at(-1);
    if (last && last.day === entry.day) last.entries.push(entry);
    else out.push({ day: entry.day, entries: [entry] });
  }
  return out;
}
