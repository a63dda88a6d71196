import type { Effort, RoadmapPriority, RoadmapStatus } from '../../model/roadmap.ts';

/**
 * Normalisers for the words authors put in `**Status**:`, `**Priority**:` and `**Effort**:` lines.
 * They look at words, never at emoji, so that a roadmap reads the same with or without them.
 */

/** Drop emoji, symbols and markdown emphasis so that only words remain (`✅ **Done**` -> `Done`). */
export function plainWords(text: string): string {
  return text
    .replace(/[*_`~]/g, '')
    .replace(/[^\p{L}\p{N}\s()\-/.,:;'&+%#]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const STATUS_WORDS: Array<[RegExp, RoadmapStatus]> = [
  [/\b(not started|not yet started|to ?do|open|planned|pending|to be analy[sz]ed|proposed|backlog|new)\b/, 'not-started'],
  [/\b(in progress|in-progress|wip|started|ongoing|partial|partially|underway|in review)\b/, 'in-progress'],
  [/\b(blocked|on hold|waiting)\b/, 'blocked'],
  [/\b(deferred|postponed|won'?t do|wontfix|cancell?ed|dropped|skipped|rejected)\b/, 'deferred'],
  [/\b(completed?|done|resolved|fixed|implemented|finished|closed|shipped)\b/, 'completed'],
];

function matchStatus(text: string): RoadmapStatus {
  const lower = text.toLowerCase();
  let best: { index: number; status: RoadmapStatus } | null = null;
  for (const [re, status] of STATUS_WORDS) {
    const m = re.exec(lower);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, status };
  }
  return best?.status ?? 'unknown';
}

/**
 * The status a line states. The words before any parenthesis decide (`To Be Analyzed (partial
 * analysis done)` is not started); the first recognised word wins (`Not Started` is not `started`).
 * A lone ✅ (or ✔) counts as completed when there are no words.
 */
export function normaliseStatus(raw: string): RoadmapStatus {
  const head = raw.split('(')[0] ?? raw;
  const fromHead = matchStatus(plainWords(head));
  if (fromHead !== 'unknown') return fromHead;
  const fromAll = matchStatus(plainWords(raw));
  if (fromAll !== 'unknown') return fromAll;
  return /[\u2705\u2714\u2611]/u.test(raw) ? 'completed' : 'unknown';
}

/** `HIGH`, `High priority`, `P1`, `urgent` -> a priority; null when the text names none. */
export function normalisePriority(raw: string): RoadmapPriority | null {
  const lower = plainWords(raw).toLowerCase();
  const m = /\b(critical|urgent|blocker|p0|high|p1|medium|med|moderate|normal|p2|low|minor|p3|p4)\b/.exec(lower);
  if (!m) return null;
  switch (m[1]) {
    case 'critical':
    case 'urgent':
    case 'blocker':
    case 'p0':
      return 'critical';
    case 'high':
    case 'p1':
      return 'high';
    case 'low':
    case 'minor':
    case 'p3':
    case 'p4':
      return 'low';
    default:
      return 'medium';
  }
}

/** Priority implied by an id prefix as the seed format uses it: C-, H-, M-, L-. */
export function priorityFromId(id: string): RoadmapPriority | null {
  const prefix = id.slice(0, id.indexOf('-')).toUpperCase();
  return ({ C: 'critical', H: 'high', M: 'medium', L: 'low' } as Record<string, RoadmapPriority>)[prefix] ?? null;
}

const UNIT_HOURS: Array<[RegExp, number]> = [
  [/^(m|min|mins|minute|minutes)$/, 1 / 60],
  [/^(h|hr|hrs|hour|hours)$/, 1],
  [/^(d|day|days)$/, 8],
  [/^(w|wk|wks|week|weeks)$/, 40],
];

function unitHours(unit: string): number | null {
  for (const [re, hours] of UNIT_HOURS) if (re.test(unit)) return hours;
  return null;
}

const EFFORT_PART = /(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*([a-z]+)/g;

/**
 * `4-6 hours` -> 4..6, `30 minutes` -> 0.5, `1-2 days` -> 8..16 (a day is 8 working hours),
 * `1 hour 30 minutes` -> 1.5; text in parentheses is a comment (`2 hours (documentation)`).
 * `Ongoing`, `As needed`, `TBD` give null bounds; the raw text is always kept.
 */
export function parseEffort(raw: string): Effort {
  const text = (raw.split('(')[0] ?? '').toLowerCase().slice(0, 200);
  let min = 0;
  let max = 0;
  let parts = 0;
  for (const m of text.matchAll(EFFORT_PART)) {
    const hours = unitHours(m[3]!);
    if (hours === null) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    min += Math.min(lo, hi) * hours;
    max += Math.max(lo, hi) * hours;
    parts++;
  }
  if (parts === 0) return { raw, minHours: null, maxHours: null };
  const round = (h: number): number => Math.round(h * 6000) / 6000;
  return { raw, minHours: round(min), maxHours: round(max) };
}

/**
 * URL segment for an id. Lower case; `.` becomes `_` and every other character that is not a
 * letter, digit or `-` becomes `~` plus its hex code, so different ids (up to case) never collide:
 * H-1.11 -> `h-1_11`, H-11.1 -> `h-11_1`, H-1-11 -> `h-1-11`.
 */
export function slugForId(id: string): string {
  let out = '';
  for (const ch of id.toLowerCase()) {
    if (/[a-z0-9-]/.test(ch)) out += ch;
    else if (ch === '.') out += '_';
    else out += `~${ch.codePointAt(0)!.toString(16)}`;
  }
  return out;
}

/** Slug for a title (deep dives): lower-case words joined by `-`. */
export function slugForTitle(title: string): string {
  const words = plainWords(title).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join('-').slice(0, 80) || 'topic';
}
