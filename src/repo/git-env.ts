/**
 * How every git process of a scan is started. The scanned folder may be untrusted (a pull request's
 * checkout, a downloaded repository), and its `.git/config` is read by every git command run in it:
 * `core.fsmonitor = touch /tmp/pwned` runs a program on `git ls-files`, `core.pager`, `diff.external`
 * and textconv drivers run others. Command-line `-c` settings win over the repository's config, so
 * each git call carries these, and runs with an environment where the system config, pagers,
 * prompts and an outer GIT_DIR (atlas run from a hook) play no part.
 * https://git-scm.com/docs/git-config#Documentation/git-config.txt-corefsmonitor
 */

/** `-c` settings put before the git subcommand. */
export const SAFE_GIT_CONFIG: readonly string[] = [
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
  '-c', 'core.quotepath=false',
  '-c', 'log.showSignature=false',
  '-c', 'protocol.allow=never',
];

/** Variables that would point git at another repository or run a program. */
const DROPPED = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR'];

/** The environment of a git child process: ours, minus the above, with the system config, pager and prompts off. */
export function safeGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of DROPPED) delete env[k];
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', PAGER: 'cat', GIT_NO_REPLACE_OBJECTS: '1' };
}

/** `git -C dir <safe config> ...args`. */
export function safeGitArgs(cwd: string, args: readonly string[]): string[] {
  return ['-C', cwd, ...SAFE_GIT_CONFIG, ...args];
}
