import { execFile, spawnSync } from 'node:child_process';
import { safeGitArgs, safeGitEnv } from './git-env.ts';

/**
 * Files git would show for the folder `root`: tracked plus untracked-but-not-ignored, so a new app
 * appears before it is committed. Paths come back relative to `root` (git prints them relative to
 * its working directory, and `-- .` limits the listing to it, which makes a repository that lives
 * in a sub-folder of a bigger work tree work). `-z` keeps names with newlines or quotes intact.
 *
 * Returns null when `root` is not inside a git work tree or git is not installed: the caller then
 * walks the folder itself.
 */
export function listGitFiles(root: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // safeGitArgs: the folder's own .git/config must not run a program (core.fsmonitor) here.
      safeGitArgs('.', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']),
      // A huge monorepo listing is tens of MB at most; beyond that we would rather walk.
      { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer', windowsHide: true, env: safeGitEnv() },
      (error, stdout) => {
        if (error) return resolve(null);
        const text = stdout.toString('utf8');
        const paths = new Set<string>();
        for (const p of text.split('\0')) if (p !== '') paths.add(p);
        resolve([...paths]);
      },
    );
  });
}

/**
 * Whether git ignores `path` (relative to `root`, a folder of a work tree): a `.gitignore` or
 * `.git/info/exclude` names it. Asked only of paths the listing lacks though they are on disk (a few a
 * scan); exit code 0 is "ignored", 1 "not ignored", 128 an error (a path in a submodule): not ignored.
 */
export function gitIgnores(root: string, path: string): boolean {
  const run = spawnSync('git', safeGitArgs('.', ['check-ignore', '-q', '--', path]), { cwd: root, env: safeGitEnv(), stdio: 'ignore', windowsHide: true, timeout: 10_000 });
  return run.status === 0;
}
