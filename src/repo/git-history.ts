import { execFile } from 'node:child_process';
import type { Bump, RawCommit } from '../model/changelog-entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';
import { parseNameStatus } from './git-log-text.ts';
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
  options: { patterns?: string[]; gitBinary?: string } = {},
): Promise<{ bumps: Map<string, Bump[]>; findings: Finding[] }> {
  const bumps = new Map<string, Bump[]>();
  if (shas.length === 0) return { bumps, findings: [] };
  const patterns = options.patterns ?? DEFAULT_BUMP_PATTERNS;
  // Chunked so that a long history never exceeds the argument-length limit.
  for (let i = 0; i < shas.length; i += 400) {
    const chunk = shas.slice(i, i + 400);
    const diff = await run(options.gitBinary ?? 'git', repoDir, [
      'log', '--no-walk=unsorted', '-p', '-U0', '-M', '--relative', '--no-color', '--no-ext-diff',
      '--no-textconv', `--format=${'%x1e'}%H`, ...chunk, '--', ...patterns,
    ]);
    if (!diff.ok) return { bumps, findings: [noHistoryFinding(diff.error)] };
    for (const [sha, list] of parseBumpsFromDiff(diff.stdout)) bumps.set(sha, list);
  }
  return { bumps, findings: [] };
}

/** Where chart versions and image tags live in a Flux repo; names, because git cannot grep kinds. */
export const DEFAULT_BUMP_PATTERNS = [
  ':(glob,icase)**/*helmrelease*.y*ml',
  ':(glob,icase)**/*helm-release*.y*ml',
  ':(glob,icase)**/*values*.y*ml',
  ':(glob,icase)**/*ocirepository*.y*ml',
  ':(glob,icase)**/*oci-repository*.y*ml',
];

/** Parse `git log -z --name-status` output written with FORMAT into raw commits. */
export function parseGitLogZ(stdout: string): RawCommit[] {
  const commits: RawCommit[] = [];
  for (const record of stdout.split(RS)) {
    if (record.trim() === '') continue;
    const end = record.indexOf('\0');
    const header = end < 0 ? record : record.slice(0, end);
    const [sha = '', parents = '', date = '', subject = '', ...body] = header.split(US);
    const commit: RawCommit = {
      sha,
      date,
      // Commit messages may paste a URL with a token in it; same redaction as manifests.
      subject: redactUrls(subject).text,
      body: redactUrls(body.join(US).trim()).text,
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
  const fullArgs = ['-C', cwd, '-c', 'core.quotepath=false', '-c', 'log.showSignature=false', ...args];
  return new Promise((resolve) => {
    execFile(
      git,
      fullArgs,
      { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
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

/**
 * Bumps in a `git log -p -U0 --format=%x1e%H` output. Per file, removed and added values are paired
 * by (kind, name) in order, so `-tag: 1.2.3` / `+tag: 1.3.0` gives one bump. Read lines:
 * `version: 1.2.3` (HelmRelease chart version), `tag: v1.3.0` (image tag, or the chart tag of an
 * OCIRepository `ref:`), `ref: {tag: 1.2.3}` and `image: repo:tag`.
 */
export function parseBumpsFromDiff(stdout: string): Map<string, Bump[]> {
  const result = new Map<string, Bump[]>();
  for (const record of stdout.split(RS)) {
    const lines = record.split('\n');
    const sha = lines[0]!.trim();
    if (!/^[0-9a-f]{7,64}$/.test(sha)) continue;
    const bumps: Bump[] = [];
    let file: string | null = null;
    let removed: Value[] = [];
    let added: Value[] = [];
    let context: string | null = null;
    let inHunk = false;
    const flush = (): void => {
      if (file) bumps.push(...pairValues(file, removed, added));
      removed = [];
      added = [];
    };
    for (const raw of lines.slice(1)) {
      // A registry or chart URL with credentials in it (`https://token@host`, `?token=`) must not
      // reach a bump's name, the changelog or the feed: redacted before anything reads the line.
      const line = raw.includes('://') ? redactUrls(raw).text : raw;
      if (line.startsWith('diff --git ')) {
        flush();
        file = null;
        inHunk = false;
      } else if (!inHunk && line.startsWith('--- ')) {
        file = diffPath(line.slice(4)) ?? file;
      } else if (!inHunk && line.startsWith('+++ ')) {
        file = diffPath(line.slice(4)) ?? file;
      } else if (line.startsWith('@@')) {
        inHunk = true;
        context = null;
      } else if (inHunk && file && (line[0] === '-' || line[0] === '+' || line[0] === ' ')) {
        const repo = /^\s*(?:repository|url):\s*["']?([^\s"'#]+)/.exec(line.slice(1));
        if (repo) context = repo[1]!.replace(/^oci:\/\//, '');
        const value = readValue(file, line.slice(1), context);
        if (value && line[0] === '-') removed.push(value);
        if (value && line[0] === '+') added.push(value);
      }
    }
    flush();
    if (bumps.length > 0) result.set(sha, [...(result.get(sha) ?? []), ...bumps]);
  }
  return result;
}

interface Value {
  kind: Bump['kind'];
  name: string;
  value: string;
}

function readValue(file: string, text: string, context: string | null): Value | null {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const isOci = /oci-?repository/.test(base);
  const isValues = base.includes('values');
  const fallback = context ?? appFolderName(file);
  const image = /^\s*(?:-\s+)?image:\s*["']?([^\s"'#{}]+)["']?\s*(?:#.*)?$/.exec(text);
  if (image) {
    const ref = image[1]!.replace(/@sha256:[0-9a-f]+$/, '');
    const colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) return { kind: 'image', name: ref.slice(0, colon), value: ref.slice(colon + 1) };
    return null;
  }
  const inlineRef = /^\s*ref:\s*\{\s*tag:\s*["']?([^\s"',}]+)/.exec(text);
  if (inlineRef) return { kind: 'chart', name: fallback, value: inlineRef[1]! };
  const tag = /^\s*(?:-\s+)?tag:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/.exec(text);
  if (tag) return { kind: isOci ? 'chart' : 'image', name: fallback, value: tag[1]! };
  const version = /^\s*version:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$/.exec(text);
  if (version && !isValues && /\d/.test(version[1]!)) return { kind: 'chart', name: fallback, value: version[1]! };
  return null;
}

function pairValues(file: string, removed: Value[], added: Value[]): Bump[] {
  const bumps: Bump[] = [];
  const pool = [...removed];
  for (const after of added) {
    const index = pool.findIndex((before) => before.kind === after.kind && before.name === after.name);
    if (index < 0) continue;
    const [before] = pool.splice(index, 1);
    const from = shortDigest(before!.value);
    const to = shortDigest(after.value);
    if (from !== to) bumps.push({ kind: after.kind, name: after.name, from, to, file });
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
