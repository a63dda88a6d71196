import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finding, type Finding } from '../model/finding.ts';
import type { RepoFile } from '../model/repo-model.ts';
import { gitText, lastChangeDates, readBlobs } from './git-batch.ts';
import { memoByHead } from './head-memo.ts';
import { findRoadmapPath } from './roadmap/find.ts';

/**
 * The I/O side of the roadmap: which file it is, its text, its history in git (for the burn-down)
 * and when the files it names last changed (for "changed after the roadmap's date"). Parsing and
 * checking stay pure in src/repo/roadmap/ and src/analysis/roadmap/; this file only reads.
 *
 * Git runs with `-C <repoRoot>` and paths relative to it, so a repository that is a sub-folder of a
 * larger git work tree works too (`<sha>:./<path>` is resolved against `-C`). No git, no work
 * tree, or an untracked file give empty answers, never an error.
 */

export interface RoadmapText {
  /** Repo-relative POSIX path. */
  file: string;
  text: string;
}

/** One version of the roadmap file, newest first as git lists them. */
export interface RoadmapVersion {
  sha: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
  text: string;
}

export interface GitOptions {
  /** The git executable (default `git` on PATH); tests point it at a missing binary. */
  gitBinary?: string;
  /**
   * HEAD's sha, when the caller read it already (the memo by HEAD then runs no `git rev-parse`); null
   * when the caller found no commit, so there is no history to ask git about.
   */
  head?: string | null;
}

/** Largest roadmap read (the parser's own line caps apply after this). */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Find the roadmap among the scanned files (configured path first, else the usual names) and read
 * it. A configured path that is not in the repository is a finding, not an error.
 */
export async function readRoadmapText(
  repoRoot: string,
  files: readonly RepoFile[],
  configured?: string | null,
): Promise<{ result: RoadmapText | null; findings: Finding[] }> {
  const file = findRoadmapPath(files.map((f) => f.path), configured);
  if (file === null) {
    const findings = configured
      ? [finding('ROADMAP_NOT_FOUND', 'warning', `roadmap.file is "${configured}", but the repository has no such file.`, { file: configured, line: 1, col: 1 }, { area: 'roadmap' })]
      : [];
    return { result: null, findings };
  }
  try {
    const buf = await readFile(join(repoRoot, file));
    if (buf.length > MAX_BYTES) {
      return { result: null, findings: [finding('ROADMAP_TOO_LARGE', 'warning', `The roadmap is ${buf.length} bytes; files above ${MAX_BYTES} bytes are not read.`, { file, line: 1, col: 1 }, { area: 'roadmap' })] };
    }
    return { result: { file, text: buf.toString('utf8') }, findings: [] };
  } catch (error) {
    return { result: null, findings: [finding('FILE_UNREADABLE', 'error', `Could not read the roadmap: ${(error as Error).message}`, { file, line: 1, col: 1 }, { area: 'roadmap' })] };
  }
}

/**
 * The roadmap file at each of its last `maxCommits` commits (default 50), newest first. One
 * `git log` for the list, then one `git cat-file --batch` for the texts.
 */
export function readRoadmapHistory(repoRoot: string, file: string, options: GitOptions & { maxCommits?: number } = {}): Promise<RoadmapVersion[]> {
  return fromHistory(repoRoot, options, ['roadmap-history', file, options.maxCommits ?? 50], [], () => readHistory(repoRoot, file, options));
}

/**
 * A read of the history, memoised by HEAD; `none` at once when the caller found no commit (head null:
 * not a git work tree, or nothing committed), without asking git a question it can only fail.
 */
function fromHistory<T>(repoRoot: string, options: GitOptions, args: readonly unknown[], none: T, read: () => Promise<T>): Promise<T> {
  if (options.head === null) return Promise.resolve(none);
  return memoByHead(repoRoot, options.gitBinary, args, read, options.head);
}

async function readHistory(repoRoot: string, file: string, options: GitOptions & { maxCommits?: number }): Promise<RoadmapVersion[]> {
  const max = options.maxCommits ?? 50;
  const log = await gitText(repoRoot, ['log', `--max-count=${max}`, '--format=%H%x1f%cI', '--', file], options.gitBinary);
  if (log === null) return [];
  const commits = log
    .split('\n')
    .map((l) => l.trim().split('\x1f'))
    .filter((p): p is [string, string] => p.length === 2 && /^[0-9a-f]{7,64}$/.test(p[0]!) && p[1] !== '');
  // Every version from one `git cat-file --batch`. A commit that deleted the file has no blob: skipped
  // rather than charted as an empty roadmap.
  const texts = await readBlobs(repoRoot, commits.map(([sha]) => `${sha}:./${file}`), options.gitBinary);
  return commits.flatMap(([sha, date], i) => (texts[i] == null ? [] : [{ sha, date, text: texts[i]! }]));
}

/**
 * The last commit date of each path (ISO 8601), or null where git knows nothing (untracked, no
 * git): the paths a roadmap names, the SOPS files of the secrets page. One walk of the history for
 * all of them (git-batch.ts).
 */
export function lastCommitDates(repoRoot: string, paths: readonly string[], options: GitOptions = {}): Promise<Map<string, string | null>> {
  const unique = [...new Set(paths)].sort();
  return fromHistory(repoRoot, options, ['last-commit-dates', unique], new Map(unique.map((p) => [p, null])), () => lastChangeDates(repoRoot, unique, options.gitBinary));
}

/**
 * `changedSince` for checkRoadmap over dates read beforehand: true when the path's last commit is
 * on a later day than `isoDate` (the roadmap's `Last Updated` is a day, so a commit on that same
 * day is taken as already known to its author), null when the date is unknown.
 */
export function changedSinceFrom(dates: ReadonlyMap<string, string | null>): (path: string, isoDate: string) => boolean | null {
  return (path, isoDate) => {
    const d = dates.get(path.replace(/\/+$/, ''));
    if (d === undefined || d === null) return null;
    return d.slice(0, 10) > isoDate.slice(0, 10);
  };
}

/**
 * Date (ISO 8601) of the latest commit that changed a manifest (`*.yaml`, `*.yml`) under the
 * repository, or null (no git, no such commit). Pathspecs are relative to `-C`, so a repository
 * that is a sub-folder of a larger work tree only counts its own files.
 */
export function lastManifestChange(repoRoot: string, options: GitOptions = {}): Promise<string | null> {
  return fromHistory(repoRoot, options, ['last-manifest-change'], null, async () => {
    const out = await gitText(repoRoot, ['log', '-1', '--format=%cI', '--', '*.yaml', '*.yml'], options.gitBinary);
    return out && out.trim() !== '' ? out.trim() : null;
  });
}
