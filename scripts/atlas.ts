#!/usr/bin/env node
/**
 * GitOps Atlas command line: `node scripts/atlas.ts <command> --repo PATH [flags]`.
 * Commands: scan, build, check, export. Each lives in scripts/commands/ and only wires flags to src/.
 */
import { AtlasConfigError } from '../src/config/load.ts';
import { parseCli } from './cli-args.ts';

const USAGE = `Usage: atlas <command> [--repo PATH] [flags]

Commands:
  scan     Print the model's summary (--json for machine output)
  build    Build the static site (--out DIR, --site URL, --base /path)
  check    Print findings for CI (--format text|json|github|sarif, --fail-on error|warning,
           --baseline FILE, --write-baseline FILE)
  export   Write README.md per app, SECRETS.md and CHANGELOG.md between markers (--check: write nothing)

Common flags: --repo PATH (default .), --title, --repo-url URL, --roadmap FILE, --quiet`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return command || parsed.values.help ? 0 : 2;
  }
  switch (command) {
    case 'scan':
      return (await import('./commands/scan.ts')).scanCommand(parsed.values);
    case 'build':
      return (await import('./commands/build.ts')).buildCommand(parsed.values);
    case 'check':
      return (await import('./commands/check.ts')).checkCommand(parsed.values);
    case 'export':
      return (await import('./commands/export.ts')).exportCommand(parsed.values);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
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

main(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (error: unknown) => {
    if (error instanceof AtlasConfigError) {
      process.stderr.write(`${error.message}\n`);
      exitAfterFlush(2);
      return;
    }
    process.stderr.write(`atlas: internal error: ${(error as Error).stack ?? String(error)}\n`);
    exitAfterFlush(70);
  },
);
