import { execFileSync } from 'node:child_process';
import { safeGitArgs, safeGitEnv } from './git-env.ts';

/**
 * Results that depend only on committed history (git log, git show) stay valid while HEAD does: a dev
 * server that re-scans after every save reads git once per commit, not once per save. A handful of
 * entries are kept; the key is the folder, HEAD and the caller's own arguments.
 */
const entries = new Map<string, Promise<unknown>>();
const KEEP = 16;

export function headOf(repoRoot: string, gitBinary?: string): string | null {
  try {
    return execFileSync(gitBinary ?? 'git', safeGitArgs(repoRoot, ['rev-parse', 'HEAD']), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: safeGitEnv() }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * `knownHead`: HEAD's sha when the caller read it already (computeAtlas reads the commit once per
 * scan and hands it to every git read), which saves a `git rev-parse` process per read.
 */
export function memoByHead<T>(repoRoot: string, gitBinary: string | undefined, args: readonly unknown[], read: () => Promise<T>, knownHead?: string): Promise<T> {
  const head = knownHead ?? headOf(repoRoot, gitBinary);
  if (head === null) return read();
  const key = JSON.stringify([repoRoot, head, gitBinary ?? null, ...args]);
  let p = entries.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    entries.set(key, p);
    p.catch(() => entries.delete(key));
    if (entries.size > KEEP) entries.delete(entries.keys().next().value!);
  }
  return p;
}
