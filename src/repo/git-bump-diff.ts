/**
 * Chart and image bumps read from `git log -p -U0` output (the changelog's git read, git-history.ts):
 * per commit and file, removed and added values paired by kind and name; a bump whose hunk does not
 * say its name is marked with where to look (the file's blob and line) for readGitBumps to name it.
 */
import type { Bump } from '../model/changelog-entry.ts';
import { redactUrls } from './redact-url.ts';

/** The record separator `git log --format=%x1e...` puts before each commit. */
export const RS = '\x1e';

/** Diff lines read per commit; beyond it the rest of that commit's diff is skipped (one generated commit can change 200,000 lines). */
export const MAX_DIFF_LINES_PER_COMMIT = 20_000;

/**
 * Bumps in a `git log -p -U0 --format=%x1e%H` output. Per file, removed and added values are paired
 * by (kind, name) in order, so `-tag: 1.2.3` / `+tag: 1.3.0` gives one bump. Read lines:
 * `version: 1.2.3` (HelmRelease chart version), `tag: v1.3.0` (image tag, or the chart tag of an
 * OCIRepository `ref:`), `ref: {tag: 1.2.3}` and `image: repo:tag`.
 */
export function parseBumpsFromDiff(stdout: string): Map<string, Bump[]> {
  const parser = bumpParser();
  let start = 0;
  for (let end = stdout.indexOf('\n'); start <= stdout.length; end = stdout.indexOf('\n', start)) {
    parser.line(stdout.slice(start, end < 0 ? stdout.length : end));
    if (end < 0) break;
    start = end + 1;
  }
  return new Map([...parser.end().bumps].map(([sha, list]) => [sha, list.map(withoutLine)]));
}

/**
 * The diff parser, fed one line at a time so that the git output is streamed rather than held
 * whole; at most MAX_DIFF_LINES_PER_COMMIT lines of one commit are looked at.
 */
export function bumpParser(maxLines = MAX_DIFF_LINES_PER_COMMIT) {
  const result = new Map<string, ParsedBump[]>();
  const capped: string[] = [];
  let sha: string | null = null;
  let bumps: ParsedBump[] = [];
  let file: string | null = null;
  let removed: Value[] = [];
  let added: Value[] = [];
  let context: string | null = null;
  let inHunk = false;
  let lines = 0;
  /** The changed file's blob at the commit (`index a..b` with --full-index): what names a guessed bump. */
  let blob: string | null = null;
  /** The new side's line number of the next `+` or ` ` line of the hunk (from its `@@ -a,b +c,d @@` header). */
  let newLine = 0;
  const flush = (): void => {
    if (file) for (const b of pairValues(file, removed, added, blob)) bumps.push(b);
    removed = [];
    added = [];
  };
  const endCommit = (): void => {
    flush();
    if (sha && bumps.length > 0) {
      const list = result.get(sha) ?? [];
      for (const b of bumps) list.push(b);
      result.set(sha, list);
    }
    sha = null;
    bumps = [];
    file = null;
    inHunk = false;
    lines = 0;
  };
  return {
    line(raw: string): void {
      const rs = raw.indexOf(RS);
      if (rs >= 0) {
        endCommit();
        const head = raw.slice(rs + 1).trim();
        sha = /^[0-9a-f]{7,64}$/.test(head) ? head : null;
        return;
      }
      if (sha === null) return;
      if (++lines > maxLines) {
        if (lines === maxLines + 1) capped.push(sha);
        return;
      }
      // A registry or chart URL with credentials in it (`https://token@host`, `?token=`) must not
      // reach a bump's name, the changelog or the feed: redacted before anything reads the line.
      const line = raw.includes('://') ? redactUrls(raw).text : raw;
      if (line.startsWith('diff --git ')) {
        flush();
        file = null;
        blob = null;
        inHunk = false;
      } else if (!inHunk && line.startsWith('index ')) {
        blob = /^index [0-9a-f]+\.\.([0-9a-f]{40,64})\b/.exec(line)?.[1] ?? null;
      } else if (!inHunk && line.startsWith('--- ')) {
        file = diffPath(line.slice(4)) ?? file;
      } else if (!inHunk && line.startsWith('+++ ')) {
        file = diffPath(line.slice(4)) ?? file;
      } else if (line.startsWith('@@')) {
        inHunk = true;
        context = null;
        newLine = Number(/^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line)?.[1] ?? 0);
      } else if (inHunk && file && (line[0] === '-' || line[0] === '+' || line[0] === ' ')) {
        const at = line[0] === '-' ? 0 : newLine++;
        const repo = /^\s*(?:repository|url):\s*["']?([^\s"'#]+)/.exec(line.slice(1));
        if (repo) context = repo[1]!.replace(/^oci:\/\//, '');
        const value = readValue(file, line.slice(1), context);
        if (value && line[0] === '-') removed.push(value);
        if (value && line[0] === '+') added.push({ ...value, line: at });
      }
    },
    /** The bumps by sha, and the commits whose diff was cut at the cap. */
    end(): { bumps: Map<string, ParsedBump[]>; capped: string[] } {
      endCommit();
      return { bumps: result, capped };
    },
  };
}

interface Value {
  kind: Bump['kind'];
  name: string;
  value: string;
  /** The name is the app folder's: the hunk did not show the image repository or chart. */
  guessed: boolean;
  /** Line of an added value in the file at the commit (1-based). */
  line?: number;
}

/**
 * A bump as the diff shows it. `guessedAt`, where the hunk did not name it: the file's blob at the
 * commit and the value's line in it, which can (nameBumpsAtRevision).
 */
export type ParsedBump = Bump & { guessedAt?: { blob: string | null; line: number } };

function readValue(file: string, text: string, context: string | null): Value | null {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const isOci = /oci-?repository/.test(base);
  const isValues = base.includes('values');
  const name = context ?? appFolderName(file);
  const guessed = context === null;
  const image = /^\s*(?:-\s+)?image:\s*["']?([^\s"'#{}]+)["']?\s*(?:#.*)?$/.exec(text);
  if (image) {
    const ref = image[1]!.replace(/@sha256:[0-9a-f]+$/, '');
    const colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) return { kind: 'image', name: ref.slice(0, colon), value: ref.slice(colon + 1), guessed: false };
    return null;
  }
  const inlineRef = /^\s*ref:\s*\{\s*tag:\s*["']?([^\s"',}]+)/.exec(text);
  if (inlineRef) return { kind: 'chart', name, value: inlineRef[1]!, guessed };
  const tag = /^\s*(?:-\s+)?tag:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/.exec(text);
  if (tag) return { kind: isOci ? 'chart' : 'image', name, value: tag[1]!, guessed };
  const version = /^\s*version:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/.exec(text);
  if (version && !isValues && /\d/.test(version[1]!)) return { kind: 'chart', name, value: version[1]!, guessed };
  return null;
}

function pairValues(file: string, removed: Value[], added: Value[], blob: string | null): ParsedBump[] {
  // Removed values queued by (kind, name): each added value takes the first one left, in order.
  // A queue per key keeps this linear (a generated commit can change 200,000 `tag:` lines).
  const pool = new Map<string, { values: Value[]; next: number }>();
  for (const before of removed) {
    const key = `${before.kind}\0${before.name}`;
    const q = pool.get(key);
    if (q) q.values.push(before);
    else pool.set(key, { values: [before], next: 0 });
  }
  const bumps: ParsedBump[] = [];
  for (const after of added) {
    const q = pool.get(`${after.kind}\0${after.name}`);
    if (!q || q.next >= q.values.length) continue;
    const before = q.values[q.next++]!;
    const from = shortDigest(before.value);
    const to = shortDigest(after.value);
    if (from === to) continue;
    const bump: ParsedBump = { kind: after.kind, name: after.name, from, to, file };
    if (after.guessed) bump.guessedAt = { blob, line: after.line ?? 0 };
    bumps.push(bump);
  }
  return bumps;
}

/** `1.2.3@sha256:abc…` → `1.2.3`; a digest-only value keeps 12 hex characters. */
function shortDigest(value: string): string {
  const tag = value.replace(/@sha256:[0-9a-f]+$/, '');
  return tag.startsWith('sha256:') ? tag.slice(0, 19) : tag;
}

/** `kubernetes/apps/media/plex/app/helmrelease.yaml` → `plex`: the folder people call the app. */
function appFolderName(file: string): string {
  const parts = file.split('/').slice(0, -1);
  while (parts.length > 1 && /^(?:app|apps|base|helm|release|chart|config|resources)$/.test(parts.at(-1)!)) parts.pop();
  return parts.at(-1) ?? file;
}

function diffPath(raw: string): string | null {
  const text = raw.startsWith('"') ? raw.slice(1, raw.lastIndexOf('"')) : raw.replace(/\t.*$/, '');
  if (text === '/dev/null') return null;
  return text.replace(/^[ab]\//, '');
}

/** The bump as the model has it: a name nothing confirmed is marked as the folder's guess. */
export function withoutLine({ guessedAt, ...bump }: ParsedBump): Bump {
  return guessedAt ? { ...bump, nameGuessed: true } : bump;
}
