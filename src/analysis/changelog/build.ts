import type { AppEvent, Bump, ChangeKind, ChangelogEntry, RawCommit } from '../../model/changelog-entry.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { fileSource } from '../../model/source.ts';
import {
  appsForFiles,
  appsForPath,
  buildAppIndex,
  detectFirstAdds,
  detectKsEvents,
  sortEvents,
  type AppDescriptor,
  type AppIndex,
} from './attribute.ts';
import { classifySubject } from './classify.ts';

/** One ISO week of the changelog, newest first in `byWeek`. */
export interface ChangelogWeek {
  /** ISO week id, `2026-W34`. */
  week: string;
  /** Monday of the week, `YYYY-MM-DD`. */
  start: string;
  entries: ChangelogEntry[];
}

interface ChangelogStats {
  commits: number;
  handwritten: number;
  byKind: Record<ChangeKind, number>;
  /** Commits carrying a recognised dependency update (Renovate's or a person's). */
  updates: number;
  /** Commits from Renovate's own flow (update commits and renovate/ branch merges). */
  renovate: number;
  /** Commits that touched at least one app folder. */
  attributed: number;
  breaking: number;
  appEvents: Record<AppEvent['event'], number>;
  bumps: number;
  /** Dates of the newest and oldest commit, or null without commits. */
  newest: string | null;
  oldest: string | null;
}

export interface Changelog {
  entries: ChangelogEntry[];
  byWeek: ChangelogWeek[];
  stats: ChangelogStats;
}

/**
 * Turn raw commits into classified, attributed entries, merge the hand-written ones, and group by
 * ISO week of the author's day. Pure and deterministic: the same input gives the same output.
 */
export function buildChangelog(
  commits: readonly RawCommit[],
  apps: readonly AppDescriptor[],
  handwritten: readonly ChangelogEntry[],
): { result: Changelog; findings: Finding[] } {
  const index = buildAppIndex(apps);
  const findings: Finding[] = [];
  // Oldest first, so that "first seen" app additions are decided in history order.
  const ordered = commits
    .map((commit, position) => ({ commit, position, time: Date.parse(commit.date) }))
    .filter(({ commit, time }) => {
      if (Number.isFinite(time)) return true;
      findings.push(finding('GIT_COMMIT_DATE_UNREADABLE', 'warning',
        `Commit ${commit.sha.slice(0, 12)} has an unreadable date "${commit.date}"; it is left out of the changelog.`,
        fileSource('.'), { area: 'changelog' }));
      return false;
    })
    .sort((a, b) => a.time - b.time || b.position - a.position);
  const seen = new Set<string>();
  const generated = ordered.map(({ commit }) => {
    const entry = toEntry(commit, index, seen);
    // A root commit credits no app, but every app it holds was there from the start.
    for (const app of isRoot(commit) ? appsForFiles(index, commit.files) : entry.apps) seen.add(app);
    return entry;
  });
  const entries = [...generated, ...handwritten].sort(compareEntries);
  return { result: { entries, byWeek: groupByWeek(entries), stats: computeStats(entries) }, findings };
}

/**
 * The first commit of a history (no parent: a repository's first, or where a shallow clone or a
 * bundle starts) lists every file as added. That is where the history starts, not what the commit
 * changed: it adds no app and touches none. (Commits read from git-log.txt carry no parents: never root.)
 */
function isRoot(commit: RawCommit): boolean {
  return commit.parents !== undefined && commit.parents.length === 0;
}

function toEntry(commit: RawCommit, index: AppIndex, seen: ReadonlySet<string>): ChangelogEntry {
  const classified = classifySubject(commit.subject, commit.body);
  const isMerge = (commit.parents?.length ?? 0) > 1;
  const root = isRoot(commit);
  const bumps: Bump[] = (commit.bumps ?? []).map((bump) => {
    const app = appsForPath(index, bump.file)?.ids[0];
    return app ? { ...bump, app } : { ...bump };
  });
  const apps = new Set(root ? [] : appsForFiles(index, commit.files));
  for (const bump of bumps) if (bump.app) apps.add(bump.app);
  const ksEvents = root ? [] : detectKsEvents(index, commit.files);
  const withKs = new Set(ksEvents.map((e) => e.app));
  const firstAdds = root ? [] : detectFirstAdds(index, commit.files, seen).filter((e) => !withKs.has(e.app));
  return {
    sha: commit.sha,
    date: commit.date,
    day: commit.date.slice(0, 10),
    subject: commit.subject,
    kind: isMerge ? 'merge' : classified.kind,
    conventional: classified.conventional,
    renovate: classified.renovate,
    files: commit.files.map((f) => ({ ...f })),
    apps: [...apps].sort(),
    appEvents: sortEvents([...ksEvents, ...firstAdds]),
    bumps,
    handwritten: false,
  };
}

/** Newest day first; within a day commits (newest first) before hand-written bullets (file order). */
function compareEntries(a: ChangelogEntry, b: ChangelogEntry): number {
  if (a.day !== b.day) return a.day < b.day ? 1 : -1;
  if (a.handwritten !== b.handwritten) return a.handwritten ? 1 : -1;
  if (a.handwritten) return (a.source?.line ?? 0) - (b.source?.line ?? 0) || a.subject.localeCompare(b.subject);
  return Date.parse(b.date) - Date.parse(a.date) || (a.sha ?? '').localeCompare(b.sha ?? '');
}

function groupByWeek(entries: readonly ChangelogEntry[]): ChangelogWeek[] {
  const weeks = new Map<string, ChangelogWeek>();
  for (const entry of entries) {
    const { week, start } = isoWeek(entry.day);
    if (!weeks.has(week)) weeks.set(week, { week, start, entries: [] });
    weeks.get(week)!.entries.push(entry);
  }
  return [...weeks.values()].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
}

/** ISO 8601 week of a `YYYY-MM-DD` day: weeks start on Monday, week 1 holds the year's first Thursday. */
function isoWeek(day: string): { week: string; start: string } {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return { week: 'unknown', start: '0000-00-00' };
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(date.getTime() - weekday * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 86_400_000);
  const number = 1 + Math.round((monday.getTime() - firstMonday.getTime()) / (7 * 86_400_000));
  return { week: `${year}-W${String(number).padStart(2, '0')}`, start: monday.toISOString().slice(0, 10) };
}

function computeStats(entries: readonly ChangelogEntry[]): ChangelogStats {
  const byKind = Object.fromEntries(
    (['update', 'feature', 'fix', 'chore', 'docs', 'refactor', 'ci', 'revert', 'merge', 'other'] as const).map((k) => [k, 0]),
  ) as Record<ChangeKind, number>;
  const appEvents: ChangelogStats['appEvents'] = { added: 0, removed: 0, disabled: 0, enabled: 0 };
  const commits = entries.filter((e) => !e.handwritten);
  let bumps = 0;
  for (const entry of commits) {
    byKind[entry.kind] += 1;
    for (const event of entry.appEvents) appEvents[event.event] += 1;
    bumps += entry.bumps.length;
  }
  const times = commits.map((e) => e.date).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    commits: commits.length,
    handwritten: entries.length - commits.length,
    byKind,
    updates: commits.filter((e) => e.renovate).length,
    renovate: commits.filter((e) => e.renovate?.isRenovate).length,
    attributed: commits.filter((e) => e.apps.length > 0).length,
    breaking: commits.filter((e) => e.conventional?.breaking).length,
    appEvents,
    bumps,
    newest: times.at(-1) ?? null,
    oldest: times[0] ?? null,
  };
}
