import { lstatSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { finding, type Finding } from '../model/finding.ts';
import { fileSource } from '../model/source.ts';
import { listGitFiles } from './discover-git.ts';
import { SKIPPED_DIRS, walkFiles } from './discover-walk.ts';
import { stampOf } from './file-checks.ts';
import { classifyFile, helmTemplatePaths, type FileKind } from './file-kind.ts';
import { isIncluded } from './globs.ts';
import { resolveLink } from './symlinks.ts';

/** One file of the repository, as later steps read it. */
export interface DiscoveredFile {
  /** Repo-relative POSIX path; what every finding and source names. */
  path: string;
  /** Absolute path to open (below the real path of the root). */
  abs: string;
  /** Size in bytes, from stat (of the target, for a symlink). */
  size: number;
  /** Modification time and size as the stat saw them (fileStamp's form): a dev re-scan need not stat again. */
  stamp: string;
  kind: FileKind;
}

export interface DiscoverOptions {
  /** Globs a file must match one of (all files when empty). */
  include?: readonly string[] | undefined;
  /** Globs that drop a file (`archive/**`); a plain folder name drops the folder. */
  exclude?: readonly string[] | undefined;
  /** Most files returned; a hostile or mistaken root (a home folder) stays bounded. Default 100,000. */
  maxFiles?: number | undefined;
  /** Deepest folder level the walk enters when there is no git. Default 64. */
  maxDepth?: number | undefined;
  /** Set false to walk even inside a git work tree (tests, exported snapshots). Default true. */
  useGit?: boolean | undefined;
}

export interface DiscoverResult {
  /** Sorted by path, plain code-unit order, so two runs list the same bytes. */
  files: DiscoveredFile[];
  findings: Finding[];
  /**
   * Paths that are symbolic links inside the repository (to a file or a folder). Flux's
   * source-controller leaves links out of the artifacts it builds ("Ignore anything that is not a file
   * or directories e.g. symlinks"), so to Flux they are not there.
   */
  links: string[];
  /** The files were listed by git (a work tree), not by a walk of the folder. */
  fromGit: boolean;
}

const DEFAULT_MAX_FILES = 100_000;
const DEFAULT_MAX_DEPTH = 64;

/**
 * List the files of a repository: with git where `root` is in a work tree (tracked plus untracked,
 * not ignored), else by a bounded walk. Either way a symlink is only followed when it stays inside
 * the repository; one leading out, or round a loop, becomes a finding and is skipped.
 */
export async function discoverFiles(root: string, opts: DiscoverOptions = {}): Promise<DiscoverResult> {
  const findings: Finding[] = [];
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const filter = { include: opts.include, exclude: opts.exclude };
  const rootReal = await realpath(root);

  const fromGit = opts.useGit === false ? null : await listGitFiles(rootReal);
  const candidates =
    fromGit ??
    (await walkFiles(rootReal, filter, { maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH, maxEntries: maxFiles * 10 }, findings));
  candidates.sort(byCodeUnit);

  const files: DiscoveredFile[] = [];
  const links: string[] = [];
  for (const path of candidates) {
    if (path.split('/').some((seg) => SKIPPED_DIRS.has(seg))) continue;
    if (!isIncluded(path, filter)) continue;
    const file = await admit(rootReal, path, findings, links);
    if (!file) continue;
    if (files.length >= maxFiles) {
      findings.push(
        finding('TOO_MANY_FILES', 'warning', `Only the first ${maxFiles} files were read; narrow the scan with include/exclude globs.`, fileSource(path), { area: 'yaml' }),
      );
      break;
    }
    files.push(file);
  }
  // A chart's templates are Go templates, not manifests (read as the chart's other files are: not at all).
  const templates = helmTemplatePaths(files.map((f) => f.path));
  for (const f of files) if (templates.has(f.path)) f.kind = 'other';
  return { files, findings, links, fromGit: fromGit !== null };
}

/**
 * What the dev server knows of a repository's listing between scans: the last listing (with the
 * settings it was made with), and the files the watcher has seen changed since, or null when
 * something else happened (a file added, removed or renamed, a folder, a file of another kind such
 * as .gitignore, or nothing known yet): then the next scan lists the repository again.
 */
export interface ListingMemo {
  last: { key: string; result: DiscoverResult } | null;
  changed: Set<string> | null;
  /** What each listing under way has seen change since it began (noteChange fills these too). */
  pending: Set<{ changed: Set<string> | null }>;
}

/** Record a change the watcher saw: a path changed in place, or null for anything else. */
export function noteChange(memo: ListingMemo, path: string | null): void {
  for (const m of [memo, ...memo.pending]) {
    if (path === null) m.changed = null;
    else m.changed?.add(path);
  }
}

/**
 * List the repository's files for a scan: as `memo` last listed them, where since then only files of
 * that listing changed in place (those are stat-ed again: their stamp and size), else with `list`.
 * Afterwards the memo holds this listing and what changed while it was made (a change during the
 * listing is stat-ed again next time, whatever this one saw). Concurrent scans each leave a listing
 * with the changes since it began, so whichever ends last leaves one that is right.
 */
export async function listWithMemo(memo: ListingMemo | undefined, key: string, list: () => Promise<DiscoverResult>): Promise<DiscoverResult> {
  if (!memo) return list();
  const since = { changed: new Set<string>() as Set<string> | null };
  memo.pending.add(since);
  try {
    const result = relist(memo, key) ?? (await list());
    memo.last = { key, result };
    memo.changed = since.changed;
    return result;
  } finally {
    memo.pending.delete(since);
  }
}

/**
 * The repository's files as `memo` last listed them, where since then only files of that listing
 * changed in place: those are stat-ed again. Null where the memo cannot say: another listing key, an
 * unknown change, a changed path the listing lacks, a link, or one gone or no longer a file.
 */
function relist(memo: ListingMemo, key: string): DiscoverResult | null {
  if (!memo.last || memo.last.key !== key || memo.changed === null) return null;
  const { result } = memo.last;
  if (memo.changed.size === 0) return result;
  const at = new Map(result.files.map((f, i) => [f.path, i]));
  const links = new Set(result.links);
  const files = [...result.files];
  for (const path of memo.changed) {
    const i = at.get(path);
    if (i === undefined || links.has(path)) return null;
    const was = files[i]!;
    let st;
    try {
      st = lstatSync(was.abs);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    files[i] = { ...was, size: st.size, stamp: stampOf(st) };
  }
  return { ...result, files };
}

/** lstat one candidate; follow a symlink only inside the repository. */
async function admit(rootReal: string, path: string, findings: Finding[], links: string[]): Promise<DiscoveredFile | null> {
  const abs = `${rootReal}/${path}`;
  let st;
  try {
    // Synchronous: a thread-pool round trip per file was most of a dev re-scan (971 files: 0.2 s).
    st = lstatSync(abs);
  } catch {
    return null; // tracked by git but deleted from the work tree
  }
  if (st.isSymbolicLink()) {
    const target = await resolveLink(abs, rootReal);
    // Flux's artifact leaves every link out, wherever it points: one a kustomization names is missing.
    links.push(path);
    if (!target.ok) {
      if (target.problem === 'outside') {
        findings.push(finding('SYMLINK_OUTSIDE_REPO', 'warning', 'Symlink points outside the repository; it was not read.', fileSource(path), { area: 'yaml' }));
      } else if (target.problem === 'loop') {
        findings.push(finding('SYMLINK_LOOP', 'warning', 'Symlink is part of a loop of links; it was not read.', fileSource(path), { area: 'yaml' }));
      } else {
        findings.push(finding('SYMLINK_BROKEN', 'info', 'Symlink points to nothing; it was not read.', fileSource(path), { area: 'yaml' }));
      }
      return null;
    }
    // A link to a folder: git lists the folder's own files separately; the walk followed it.
    if (!target.stats.isFile()) return null;
    return { path, abs, size: target.stats.size, stamp: stampOf(target.stats), kind: classifyFile(path) };
  }
  if (!st.isFile()) return null; // submodule folders, sockets, fifos
  return { path, abs, size: st.size, stamp: stampOf(st), kind: classifyFile(path) };
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
