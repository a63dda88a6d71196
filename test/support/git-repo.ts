import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Environment for deterministic commits: fixed identity and dates, no user or system git config. */
function gitEnv(date: string): NodeJS.ProcessEnv {
  return {
    ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 't@example.org', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
  };
}

/**
 * A git work tree for fixture histories: `git` runs in `top` at a given date, `write` creates a file
 * with its folders, `commit` adds everything and commits at a date. Tests build their own history
 * with these three, so every fixture repository is made the same way.
 */
export function gitWorkTree(top: string) {
  const git = (args: string[], date = '2020-01-01T00:00:00Z'): string =>
    execFileSync('git', ['-C', top, ...args], { encoding: 'utf8', env: gitEnv(date), stdio: ['ignore', 'pipe', 'ignore'] });
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  };
  const commit = (subject: string, date: string): void => {
    git(['add', '-A'], date);
    git(['commit', '-q', '-m', subject], date);
  };
  return { git, write, commit };
}

/** Whether a git binary is on PATH (tests that need one run only then). */
export const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
