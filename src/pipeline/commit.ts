/** The commit a repository is read at: shown in the site's footer and dates "today" for the roadmap. */
import { execFileSync } from 'node:child_process';
import { safeGitArgs, safeGitEnv } from '../repo/git-env.ts';

/** The commit the site is built from; shown in the footer. Never the clock, so builds reproduce. */
export interface CommitInfo {
  sha: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
}

/** `git log -1` of the repo; null when it is not a git work tree or has no commit. */
export function readCommit(repoRoot: string): CommitInfo | null {
  try {
    const out = execFileSync('git', safeGitArgs(repoRoot, ['log', '-1', '--format=%H%x1f%cI']), {
      env: safeGitEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const [sha, date] = out.split('\x1f');
    return sha && date ? { sha, date } : null;
  } catch {
    return null;
  }
}
