/**
 * GitOps Atlas command line: `atlas <command> [--repo PATH] [flags]`. Each command is one file in
 * scripts/commands/ exporting a CommandSpec; adding a command is that file and one line in COMMANDS.
 * A command's module is loaded only when it runs (or for `atlas --help`), so `atlas scan` does not
 * pay for loading the site build. Started by scripts/atlas.mjs, after Node's compile cache is on.
 */
import { AtlasConfigError } from '../src/config/load.ts';
import { type CommandSpec, closest, EXIT, EXIT_CODES_HELP, parseCommand, repoProblem, usageError, VERSION } from './cli-args.ts';

const COMMANDS: Record<string, () => Promise<{ spec: CommandSpec }>> = {
  scan: () => import('./commands/scan.ts'),
  build: () => import('./commands/build.ts'),
  check: () => import('./commands/check.ts'),
  export: () => import('./commands/export.ts'),
  diff: () => import('./commands/diff.ts'),
};
const NAMES = Object.keys(COMMANDS);

async function topHelp(): Promise<string> {
  const specs = await Promise.all(NAMES.map(async (n) => (await COMMANDS[n]!()).spec));
  const width = NAMES.reduce((w, n) => Math.max(w, n.length), 0);
  return `Usage: atlas <command> [--repo PATH] [flags]

GitOps Atlas reads a Flux CD repository and publishes a static site, findings for CI and Markdown exports.

Commands:
${specs.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n')}

  atlas <command> --help   the command's own flags and an example
  atlas --version          the version

Examples:
  atlas scan --repo ../home-ops
  atlas check --repo ../home-ops --format github
  atlas build --repo ../home-ops --out site

${EXIT_CODES_HELP}
`;
}

async function main(argv: string[]): Promise<number> {
  // Flags before the command (`atlas --repo x scan`) are moved after it.
  const at = argv[0]?.startsWith('-') ? argv.findIndex((a) => Object.hasOwn(COMMANDS, a)) : -1;
  const args = at > 0 ? [argv[at]!, ...argv.slice(0, at), ...argv.slice(at + 1)] : argv;
  const [name, ...rest] = args;
  if (name === undefined) {
    process.stderr.write(`atlas: no command given (one of ${NAMES.join(', ')}); atlas --help says more\n`);
    return EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    process.stdout.write(`gitops-atlas ${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    process.stdout.write(await topHelp());
    return EXIT.ok;
  }
  if (name === 'help') return main([rest[0]!, '--help']);
  if (name.startsWith('-')) return usageError(null, `unknown flag ${name} before the command (did you mean ${closest(name, ['--help', '--version'])}?)`);
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) return usageError(null, `unknown command "${name}" (did you mean "${closest(name, NAMES)}"?)`);
  const { spec } = await load();
  const parsed = parseCommand(spec, rest);
  if ('exit' in parsed) return parsed.exit;
  const repo = spec.repo ? spec.repo(parsed.values) : { path: parsed.values.repo ?? '.', label: '--repo' };
  const problem = repoProblem(repo.path, repo.label);
  if (problem) return usageError(spec.name, problem);
  return spec.run(parsed.values);
}

/**
 * Exit once stdout and stderr are flushed. On a pipe (`atlas check --format json | jq`) writes are
 * asynchronous, and process.exit() right after a large write cut the JSON short; an empty write's
 * callback runs after every earlier chunk is out.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** One line for what went wrong; the stack only with --debug. */
function report(error: unknown, debug: boolean): number {
  if (error instanceof AtlasConfigError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  const err = error as NodeJS.ErrnoException;
  if (debug) process.stderr.write(`${err?.stack ?? String(error)}\n`);
  // A file the user named that cannot be read or written (ENOENT, EACCES, EISDIR ...) is not a bug.
  if (err && typeof err.syscall === 'string' && typeof err.code === 'string') {
    process.stderr.write(`atlas: ${err.message}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`atlas: internal error: ${err?.message ?? String(error)}${debug ? '' : ' (run again with --debug for the stack trace)'}\n`);
  return EXIT.internal;
}

const argv = process.argv.slice(2);
main(argv).then(exitAfterFlush, (error: unknown) => exitAfterFlush(report(error, argv.includes('--debug'))));
