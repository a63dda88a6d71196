import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AtlasConfig } from '../config/schema.ts';
import { memoByHead } from './head-memo.ts';
import type { PastApp, RawCommit } from '../model/changelog-entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { RepoFile } from '../model/repo-model.ts';
import { fileSource } from '../model/source.ts';
import { readPastApps } from './changelog-past-apps.ts';
import { readGitBumps, readGitHistory } from './git-history.ts';
import { redactUrls } from './redact-url.ts';

/**
 * The I/O side of the changelog: the hand-written CHANGELOG.md and the git history (commits with
 * the chart and image bumps of their diffs). Classification and grouping stay pure in
 * src/analysis/changelog/; this file only reads. Nothing here throws on a repository's content:
 * no git, no commits or no CHANGELOG.md give empty answers and at most a finding.
 *
 * Reads are memoised per scanned model (a WeakMap keyed by the `files` array), so the pages, the
 * feed and the app pages of one build share one `git log`, and a rescan in dev reads afresh.
 */

export interface ChangelogText {
  /** Repo-relative POSIX path, as the repository spells it (`CHANGELOG.md`, `changelog.md` ...). */
  file: string;
  text: string;
}

export interface ChangelogInputs {
  /** Commits newest first, each with its diff's bumps; empty without git history. */
  commits: RawCommit[];
  /** App folders whose Kustomization file a commit of the window deleted or moved, as they were then. */
  pastApps: PastApp[];
  /** False when no git history could be read (no git, not a work tree, no commits). */
  available: boolean;
  /** HEAD's sha where there is history. */
  head: string | null;
  /** More commits existed inside the age bound than `changelog.maxCommits` allowed. */
  truncated: boolean;
  /** The hand-written changelog (CHANGELOG.md, docs/CHANGELOG.md or `changelog.file`), when there is one. */
  handwritten: ChangelogText | null;
  findings: Finding[];
}

export interface ChangelogReadOptions {
  /** The git executable (default `git` on PATH); tests point it at a missing binary. */
  gitBinary?: string;
  /**
   * HEAD's sha, when the caller read it already (the memo by HEAD then runs no `git rev-parse`); null
   * when the caller found no commit (the history read then runs its one `git log`, to say why, unkept).
   */
  head?: string | null;
}

/** Largest CHANGELOG.md read; a changelog is prose, not data. */
const MAX_BYTES = 2 * 1024 * 1024;

/** Where a hand-written changelog is looked for when the configuration names none, in order. */
const CHANGELOG_PLACES = ['CHANGELOG.md', 'docs/CHANGELOG.md'] as const;

/**
 * The hand-written changelog: `changelog.file` of the configuration when the scan saw that file,
 * else `CHANGELOG.md` at the root, else `docs/CHANGELOG.md`, any case; the exact spelling wins over
 * other casings. Only a file the scan listed is ever read (so never one outside the repository).
 */
export function findChangelogPath(files: readonly Pick<RepoFile, 'path'>[], configured?: string): string | null {
  const paths = files.map((f) => f.path);
  if (configured !== undefined) {
    const want = configured.replace(/^\.\//, '');
    return paths.find((p) => p === want) ?? null;
  }
  for (const place of CHANGELOG_PLACES) {
    const candidates = paths.filter((p) => p.toLowerCase() === place.toLowerCase());
    const hit = candidates.find((p) => p === place) ?? candidates.sort()[0];
    if (hit) return hit;
  }
  return null;
}

/** Read the hand-written changelog if the scan saw one (findChangelogPath). Unreadable or oversized files are findings. */
export async function readChangelogText(
  repoRoot: string,
  files: readonly Pick<RepoFile, 'path'>[],
  configured?: string,
): Promise<{ result: ChangelogText | null; findings: Finding[] }> {
  const file = findChangelogPath(files, configured);
  if (file === null) {
    if (configured === undefined) return { result: null, findings: [] };
    return { result: null, findings: [finding('CHANGELOG_FILE_MISSING', 'warning',
      `changelog.file in atlas.config.yaml names ${configured}, which is not a file of the repository; the changelog shows no hand-written entries.`,
      fileSource('atlas.config.yaml'), { area: 'changelog' })] };
  }
  try {
    const buf = await readFile(join(repoRoot, file));
    if (buf.length > MAX_BYTES) {
      return { result: null, findings: [finding('CHANGELOG_TOO_LARGE', 'warning',
        `${file} is ${buf.length} bytes; files above ${MAX_BYTES} bytes are not read, so its entries are not on the changelog page.`,
        fileSource(file), { area: 'changelog' })] };
    }
    // Same URL redaction as manifests and git diffs: a pasted `https://token@host` stays out of the page and feed.
    return { result: { file, text: redactUrls(buf.toString('utf8')).text }, findings: [] };
  } catch (error) {
    return { result: null, findings: [finding('FILE_UNREADABLE', 'error',
      `Could not read ${file}: ${(error as Error).message}`, fileSource(file), { area: 'changelog' })] };
  }
}

type History = Pick<ChangelogInputs, 'commits' | 'pastApps' | 'available' | 'head' | 'truncated' | 'findings'>;

/**
 * Start reading the changelog's history at a known HEAD without waiting for it: its git processes
 * (the log, then the bumps' diffs) run beside the scan, on another core, and readChangelogInputs
 * later takes the same promise (memoised by HEAD and bounds).
 */
export function prefetchChangelogHistory(repoRoot: string, bounds: AtlasConfig['changelog'], head: string): void {
  readChangelogHistory(repoRoot, bounds, { head }).catch(() => {});
}

/** Commits within the configured bounds, newest first, with chart and image bumps attached, and the app folders they removed (memoised by HEAD). */
function readChangelogHistory(repoRoot: string, bounds: AtlasConfig['changelog'], options: ChangelogReadOptions = {}): Promise<History> {
  // Without a commit the read is one `git log` that says why there is no history (not a work tree, no
  // commit yet), and that reason changes without a commit (`git init`): read it each time, keep nothing.
  if (options.head === null) return readHistory(repoRoot, bounds, options);
  return memoByHead(repoRoot, options.gitBinary, ['changelog', bounds.maxCommits, bounds.maxAgeDays], () => readHistory(repoRoot, bounds, options), options.head);
}

async function readHistory(repoRoot: string, bounds: AtlasConfig['changelog'], options: ChangelogReadOptions): Promise<History> {
  const gitBinary = options.gitBinary;
  const history = await readGitHistory(repoRoot, {
    maxCommits: bounds.maxCommits,
    maxAgeDays: bounds.maxAgeDays,
    ...(gitBinary ? { gitBinary } : {}),
  });
  if (history.head === null) {
    return { commits: [], pastApps: [], available: false, head: null, truncated: false, findings: history.findings };
  }
  const [found, pastApps] = await Promise.all([
    readGitBumps(repoRoot, history.commits.map((c) => c.sha), gitBinary ? { gitBinary } : {}),
    readPastApps(repoRoot, history.commits, gitBinary),
  ]);
  const commits = history.commits.map((c) => {
    const bumps = found.bumps.get(c.sha);
    return bumps ? { ...c, bumps } : c;
  });
  const findings = [...history.findings, ...found.findings];
  if (history.truncated) {
    findings.push(finding('CHANGELOG_HISTORY_TRUNCATED', 'info',
      `The changelog shows the newest ${bounds.maxCommits} commits of the last ${bounds.maxAgeDays} days; raise changelog.maxCommits in atlas.config.yaml to show more.`,
      fileSource('.'), { area: 'changelog' }));
  }
  return { commits, pastApps, available: true, head: history.head, truncated: history.truncated, findings };
}

type InputsMemo = Map<string, Promise<ChangelogInputs>>;
const memo = new WeakMap<readonly RepoFile[], InputsMemo>();

/**
 * Everything the changelog needs from disk and git, once per scanned model: the same `files` array
 * (one scan) and the same bounds give the same promise.
 */
export function readChangelogInputs(
  repoRoot: string,
  files: readonly RepoFile[],
  bounds: AtlasConfig['changelog'],
  options: ChangelogReadOptions = {},
): Promise<ChangelogInputs> {
  const key = JSON.stringify([repoRoot, bounds.maxCommits, bounds.maxAgeDays, bounds.file ?? null, options.gitBinary ?? null]);
  let perModel = memo.get(files);
  if (!perModel) {
    perModel = new Map();
    memo.set(files, perModel);
  }
  const cached = perModel.get(key);
  if (cached) return cached;
  const promise = (async (): Promise<ChangelogInputs> => {
    const [history, text] = await Promise.all([readChangelogHistory(repoRoot, bounds, options), readChangelogText(repoRoot, files, bounds.file)]);
    return { ...history, handwritten: text.result, findings: [...history.findings, ...text.findings] };
  })();
  perModel.set(key, promise);
  promise.catch(() => perModel.delete(key));
  return promise;
}
