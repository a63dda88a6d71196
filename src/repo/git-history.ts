import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Bump, RawCommit } from '../model/changelog-entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';
import { safeGitArgs, safeGitEnv } from './git-env.ts';
import { nameAtLine } from './bump-names.ts';
import { blobStream } from './git-batch.ts';
import { parseNameStatus } from './git-log-text.ts';
import { redactProse } from './redact-inline.ts';
import { redactUrls } from './redact-url.ts';

/** Bounds of the history read. Both apply; the age is measured from HEAD's commit date, never from the clock. */
export interface GitHistoryOptions {
  /** Most commits to read (default 500). */
  maxCommits?: number;
  /** Oldest commit age in days, counted back from HEAD's committer date (default 365). */
  maxAgeDays?: number;
  /** The git executable (default `git` on PATH); tests use it to simulate a missing git. */
  gitBinary?: string;
}

export interface GitHistory {
  commits: RawCommit[];
  findings: Finding[];
  /** HEAD's sha, or null where there is no history. */
  head: string | null;
  /** True when more commits exist inside the age bound than `maxCommits` allowed. */
  truncated: boolean;
}

const RS = '\x1e';
const US = '\x1f';
/** Machine format: record separator, then fields split by unit separators; `-z` ends it with NUL. */
const FORMAT = `--format=${'%x1e'}%H${'%x1f'}%P${'%x1f'}%aI${'%x1f'}%s${'%x1f'}%b`;

/**
 * Read the history of `repoDir` (which may be a sub-folder of a larger git repository: the `.`
 * pathspec and `--relative` keep commits and paths to that folder, paths relative to it).
 */
export async function readGitHistory(repoDir: string, options: GitHistoryOptions = {}): Promise<GitHistory> {
  const git = options.gitBinary ?? 'git';
  const maxCommits = options.maxCommits ?? 500;
  const maxAgeDays = options.maxAgeDays ?? 365;
  const headInfo = await run(git, repoDir, ['log', '-1', '--format=%H %ct', 'HEAD']);
  const match = headInfo.ok ? /^([0-9a-f]{7,64}) (\d+)/.exec(headInfo.stdout.trim()) : null;
  if (!match) return noHistory(headInfo.ok ? 'the repository has no commits yet' : headInfo.error);
  const since = Number(match[2]) - maxAgeDays * 86_400;
  const log = await run(git, repoDir, [
    'log', '-z', '--name-status', '-M', '--relative', '--no-color', `--max-count=${maxCommits + 1}`,
    `--since=@${since}`, FORMAT, 'HEAD', '--', '.',
  ]);
  if (!log.ok) return noHistory(log.error);
  const commits = parseGitLogZ(log.stdout);
  const truncated = commits.length > maxCommits;
  return { commits: commits.slice(0, maxCommits), findings: [], head: match[1]!, truncated };
}

/**
 * Chart and image bumps of the given commits, from ONE `git log -p -U0` restricted to HelmRelease,
 * values and OCIRepository files (not one process per commit). Keyed by sha; commits without
 * bumps are absent.
 */
export async function readGitBumps(
  repoDir: string,
  shas: readonly string[],
  options: { patterns?: string[]; gitBinary?: string; maxLinesPerCommit?: number } = {},
): Promise<{ bumps: Map<string, Bump[]>; findings: Finding[] }> {
  const bumps = new Map<string, Bump[]>();
  const capped: string[] = [];
  if (shas.length === 0) return { bumps, findings: [] };
  const patterns = options.patterns ?? DEFAULT_BUMP_PATTERNS;
  // Chunked so that a long history never exceeds the argument-length limit. Bumps the hunks do not
  // name are asked of one `git cat-file` after each chunk, which answers while the next chunk is read.
  const naming = blobStream(repoDir, { maxBytes: MAX_NAMING_BLOB, ...(options.gitBinary ? { gitBinary: options.gitBinary } : {}) });
  const parsed = new Map<string, ParsedBump[]>();
  let failed: string | null = null;
  for (let i = 0; i < shas.length; i += 400) {
    const chunk = shas.slice(i, i + 400);
    const parser = bumpParser(options.maxLinesPerCommit);
    const diff = await runLines(options.gitBinary ?? 'git', repoDir, [
      'log', '--no-walk=unsorted', '-p', '-U0', '--full-index', '-M', '--relative', '--no-color', '--no-ext-diff',
      '--no-textconv', `--format=${'%x1e'}%H`, ...chunk, '--', ...patterns,
    ], parser.line);
    if (!diff.ok) {
      failed = diff.error;
      break;
    }
    const read = parser.end();
    nameAtRevision(naming, read.bumps);
    for (const [sha, list] of read.bumps) parsed.set(sha, list);
    for (const sha of read.capped) capped.push(sha);
  }
  await naming.close();
  for (const [sha, list] of parsed) bumps.set(sha, list.map(withoutLine));
  if (failed !== null) return { bumps, findings: [noHistoryFinding(failed)] };
  const findings = capped.length === 0 ? [] : [finding(
    'CHANGELOG_DIFF_TRUNCATED',
    'info',
    `${capped.length} commit${capped.length === 1 ? '' : 's'} (${capped.slice(0, 3).map((s) => s.slice(0, 12)).join(', ')}${capped.length > 3 ? ', ...' : ''}) changed more than ${options.maxLinesPerCommit ?? MAX_DIFF_LINES_PER_COMMIT} lines of HelmRelease or values files; only the first lines were read for chart and image bumps.`,
    fileSource('.'),
    { area: 'changelog' },
  )];
  return { bumps, findings };
}

/** Where chart versions and image tags live in a Flux repo; names, because git cannot grep kinds. */
const DEFAULT_BUMP_PATTERNS = [
  ':(glob,icase)**/*helmrelease*.y*ml',
  ':(glob,icase)**/*helm-release*.y*ml',
  ':(glob,icase)**/*values*.y*ml',
  ':(glob,icase)**/*ocirepository*.y*ml',
  ':(glob,icase)**/*oci-repository*.y*ml',
];

/** Parse `git log -z --name-status` output written with FORMAT into raw commits. */
function parseGitLogZ(stdout: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const record of stdout.split(RS)) {
    if (record.trim() === '') continue;
    const end = record.indexOf('\0');
    const header = end < 0 ? record : record.slice(0, end);
    const [sha = '', parents = '', date = '', subject = '', ...body] = header.split(US);
    const commit: RawCommit = {
      sha,
      date,
      // Commit messages may paste a URL with a token in it, or `password=x`: the same inline rules as
      // manifests' strings, and `token: x` inside a sentence.
      subject: redactProse(subject),
      body: redactProse(body.join(US).trim()),
      parents: parents.split(' ').filter(Boolean),
      files: [],
    };
    const tokens = end < 0 ? [] : record.slice(end + 1).replace(/^\n/, '').split('\0');
    for (let i = 0; i < tokens.length; ) {
      const status = tokens[i]!.trim();
      if (status === '') {
        i += 1;
        continue;
      }
      const twoPaths = status.startsWith('R') || status.startsWith('C');
      const change = parseNameStatus(twoPaths ? [status, tokens[i + 1]!, tokens[i + 2]!] : [status, tokens[i + 1]!]);
      if (change) commit.files.push(change);
      i += twoPaths ? 3 : 2;
    }
    commits.push(commit);
  }
  return commits;
}

type RunResult = { ok: true; stdout: string } | { ok: false; error: string };

function run(git: string, cwd: string, args: string[]): Promise<RunResult> {
  const fullArgs = safeGitArgs(cwd, args);
  return new Promise((resolve) => {
    execFile(
      git,
      fullArgs,
      { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: safeGitEnv() },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const code = (error as NodeJS.ErrnoException).code;
        // git's own words may name a remote with its credentials (`unable to access 'https://tok@host/'`).
        const why = code === 'ENOENT' ? 'git is not installed' : redactUrls(firstLine(stderr) || error.message).text;
        resolve({ ok: false, error: why });
      },
    );
  });
}

/**
 * git's stdout fed line by line to `onLine` as it arrives: a diff of any size is never held whole
 * (the old single read had a 512 MB buffer). stderr keeps its first 64 KiB for the error message.
 */
function runLines(git: string, cwd: string, args: string[], onLine: (line: string) => void): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(git, safeGitArgs(cwd, args), { env: safeGitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      if (stderr.length < 65_536) stderr += c;
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', onLine);
    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (e: NodeJS.ErrnoException) => (spawnError = e));
    let closed = false;
    let exit: number | null = null;
    const done = () => {
      if (spawnError) return resolve({ ok: false, error: spawnError.code === 'ENOENT' ? 'git is not installed' : spawnError.message });
      resolve(exit === 0 ? { ok: true, stdout: '' } : { ok: false, error: redactUrls(firstLine(stderr) || `git exited with ${exit}`).text });
    };
    // Resolve once both the process has exited and every line has been read.
    let pending = 2;
    const settle = () => {
      if (--pending === 0 && !closed) {
        closed = true;
        done();
      }
    };
    lines.on('close', settle);
    child.on('close', (code) => {
      exit = code;
      settle();
    });
  });
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

function noHistory(why: string): GitHistory {
  return { commits: [], findings: [noHistoryFinding(why)], head: null, truncated: false };
}

function noHistoryFinding(why: string): Finding {
  return finding(
    'NO_GIT_HISTORY',
    'info',
    `No git history could be read (${why}); the changelog shows only the hand-written CHANGELOG.md.`,
    fileSource('.'),
    { area: 'changelog' },
  );
}

/** Diff lines read per commit; beyond it the rest of that commit's diff is skipped (one generated commit can change 200,000 lines). */
const MAX_DIFF_LINES_PER_COMMIT = 20_000;

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

/** Largest file a bump is named from; a values file is kilobytes, a bigger one is generated. */
const MAX_NAMING_BLOB = 2 * 1024 * 1024;

/** The bump as the model has it: a name nothing confirmed is marked as the folder's guess. */
function withoutLine({ guessedAt, ...bump }: ParsedBump): Bump {
  return guessedAt ? { ...bump, nameGuessed: true } : bump;
}

/**
 * Bumps whose hunk showed only `tag: 0.8.4` (or `version:`) are named from the file at their commit:
 * the image repository, OCIRepository url or chart beside the value (bump-names.ts), the file asked
 * of `git cat-file` by its blob id (no walk of the commit's trees); a bump whose file does not say
 * keeps the folder's name, marked as a guess.
 */
function nameAtRevision(naming: ReturnType<typeof blobStream>, bumps: ReadonlyMap<string, ParsedBump[]>): void {
  const wanted = new Map<string, ParsedBump[]>();
  for (const list of bumps.values()) {
    for (const b of list) {
      const blob = b.guessedAt?.blob;
      if (blob) (wanted.get(blob) ?? wanted.set(blob, []).get(blob)!).push(b);
    }
  }
  const blobs = [...wanted.keys()];
  naming.read(blobs, (i, text) => {
    const lines = text.split('\n');
    for (const b of wanted.get(blobs[i]!)!) {
      const named = nameAtLine(lines, b.guessedAt!.line, b.kind);
      if (named) {
        Object.assign(b, named);
        delete b.guessedAt;
      }
    }
  });
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
