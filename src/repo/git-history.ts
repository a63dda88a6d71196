import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Bump, RawCommit } from '../model/changelog-entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';
import { safeGitArgs, safeGitEnv } from './git-env.ts';
import { nameAtLine } from './bump-names.ts';
import { blobStream } from './git-batch.ts';
import { parseNameStatus } from './git-log-text.ts';
import { bumpParser, MAX_DIFF_LINES_PER_COMMIT, type ParsedBump, RS, withoutLine } from './git-bump-diff.ts';
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

/** Largest file a bump is named from; a values file is kilobytes, a bigger one is generated. */
const MAX_NAMING_BLOB = 2 * 1024 * 1024;

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
