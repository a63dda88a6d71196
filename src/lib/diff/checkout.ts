/**
 * The one file of src/lib/diff that does I/O: resolve a revision and check it out into a temporary
 * folder (`git worktree add --detach`), so that the base is scanned exactly as a site build of that
 * commit would scan it (git ls-files, its history, its atlas.config.yaml), and the user's working
 * tree is never touched. Every git call runs with the safe settings below: the repository may be a
 * pull request's checkout, and its config could otherwise run programs (core.fsmonitor, hooks on
 * checkout, pagers, external diffs).
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAFE_GIT_CONFIG, safeGitEnv } from '../../repo/git-env.ts';

/** The project's safe git settings (src/repo/git-env.ts), plus what a detached checkout needs. */
const SAFE_CONFIG = [...SAFE_GIT_CONFIG, '-c', 'advice.detachedHead=false'];

function env(): NodeJS.ProcessEnv {
  // No LFS download for a checkout that is only read.
  return { ...safeGitEnv(), GIT_LFS_SKIP_SMUDGE: '1' };
}

/** Thrown for a problem the user can fix (not a git repository, unknown revision): one line, exit 2. */
export class DiffInputError extends Error {}

/** `git -C cwd <safe settings> ...args`; stdout, or throws with git's first stderr line. */
export function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', ['-C', cwd, ...SAFE_CONFIG, ...args], { encoding: 'utf8', env: env(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new DiffInputError('git is not installed');
    const line = String(e.stderr ?? '').split('\n').find((l) => l.trim() !== '')?.trim();
    throw new Error(line || e.message);
  }
}

export interface RepoLocation {
  /** The work tree's top folder. */
  top: string;
  /** `--repo` relative to the top, with a trailing slash, or '' at the top. */
  prefix: string;
}

/** Where `repo` sits in its git work tree; a DiffInputError when it is not in one. */
export function locateRepo(repo: string): RepoLocation {
  let out: string;
  try {
    out = git(repo, ['rev-parse', '--show-toplevel', '--show-prefix']);
  } catch (error) {
    if (error instanceof DiffInputError) throw error;
    throw new DiffInputError(`--repo ${repo} is not inside a git work tree (atlas diff compares commits)`);
  }
  const [top = '', prefix = ''] = out.split('\n');
  return { top, prefix };
}

/** The full sha of `rev`, or a DiffInputError naming the flag. */
export function resolveRevision(repo: string, rev: string, flag: string): string {
  if (rev.startsWith('-')) throw new DiffInputError(`${flag} ${rev}: a revision cannot start with "-"`);
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).trim();
  } catch {
    throw new DiffInputError(`${flag} ${rev}: unknown revision (fetch it first; in CI, check out with fetch-depth: 0)`);
  }
}

/**
 * Check out `sha` into a new temporary folder, call `use` with the folder that corresponds to
 * `--repo` inside it, and always remove the worktree afterwards (also when `use` throws).
 */
export async function withCheckout<T>(loc: RepoLocation, sha: string, use: (dir: string) => Promise<T>): Promise<T> {
  const parent = mkdtempSync(join(scratchFolder(treeBytes(loc.top, sha)), 'atlas-diff-'));
  const dir = join(parent, 'tree');
  try {
    // checkout.workers=0: files written in parallel, one writer per core (a third less time on a slow disk).
    git(loc.top, ['-c', 'checkout.workers=0', 'worktree', 'add', '--detach', '--quiet', dir, sha]);
    return await use(loc.prefix ? join(dir, loc.prefix) : dir);
  } finally {
    try {
      git(loc.top, ['worktree', 'remove', '--force', dir]);
    } catch {
      // Removed below; prune forgets the record of a worktree whose folder is gone.
    }
    rmSync(parent, { recursive: true, force: true });
    try {
      git(loc.top, ['worktree', 'prune']);
    } catch {
      // Nothing to prune.
    }
  }
}

/** The bytes of the files of `sha`'s tree (what a checkout writes); 0 when git cannot say. */
function treeBytes(top: string, sha: string): number {
  try {
    let bytes = 0;
    // `<mode> blob <object> <size>\t<path>`, one per file.
    for (const line of git(top, ['ls-tree', '-r', '-l', '-z', '--full-tree', sha]).split('\0')) {
      const size = Number(/^\d+ blob \S+ +(\d+)\t/.exec(line)?.[1] ?? 0);
      bytes += size;
    }
    return bytes;
  } catch {
    return 0;
  }
}

/** Room left in a memory-backed folder for a checkout: four times the tree, and never under this. */
const MIN_FREE = 256 << 20;

/**
 * Where the temporary checkout goes: a memory-backed folder (Linux's /dev/shm) where there is one,
 * writable, with room to spare, else the OS temp folder. A checkout is thousands of small files that
 * live for seconds; on a disk, writing them was most of a diff (a 1,000-app repository: 3.7-5.3 s
 * a checkout on this machine's disk, 0.16 s on /dev/shm). A TMPDIR the user set is used as it is.
 */
export function scratchFolder(bytes: number, candidates: readonly string[] = process.platform === 'linux' ? ['/dev/shm'] : [], env: NodeJS.ProcessEnv = process.env): string {
  if (env.TMPDIR) return tmpdir();
  for (const dir of candidates) {
    try {
      const fs = statfsSync(dir);
      accessSync(dir, constants.W_OK);
      if (fs.bavail * fs.bsize >= Math.max(MIN_FREE, bytes * 4)) return dir;
    } catch {
      // Not there, not writable: the next one.
    }
  }
  return tmpdir();
}
