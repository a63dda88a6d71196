/**
 * Argument handling for the CLI, on commander: each command (scripts/commands/<name>.ts) exports a
 * CommandSpec (its summary, own flags, examples, exit codes and run function); this file turns one
 * into a parser with per-command help, and writes every usage problem as ONE line on stderr with
 * exit 2. Parsing and wording only: no logic of its own lives in scripts/.
 */
import { readFileSync, statSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { RepoModel } from '../src/model/repo-model.ts';

/** One flag, in commander's syntax: `--out <dir>` takes a value, `--json` is a switch. */
export interface FlagSpec {
  flags: string;
  description: string;
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** One line for `atlas --help`; the first line of `atlas <name> --help`. */
  summary: string;
  /** The command's own flags (COMMON_FLAGS are added to every command). */
  flags: FlagSpec[];
  /** Shown under "Examples:" in the command's help. */
  examples: string[];
  /** What exit codes 0 and 1 mean for this command (2 and 70 are the same for all). */
  exitCodes: { 0: string; 1?: string };
  /** The repository the command reads, when it is not `--repo` or `.` (build's default is the example). */
  repo?: (v: CliValues) => { path: string; label: string };
  run(v: CliValues): Promise<number>;
}

/** Flags by their long name, as the commands read them (`v['repo-url']`). */
export interface CliValues {
  repo?: string;
  out?: string;
  site?: string;
  base?: string;
  title?: string;
  'repo-url'?: string;
  roadmap?: string;
  json?: boolean;
  format?: string;
  'fail-on'?: string;
  baseline?: string;
  'write-baseline'?: string;
  check?: boolean;
  'cache-dir'?: string;
  quiet?: boolean;
  debug?: boolean;
  [flag: string]: string | boolean | undefined;
}

/** Flags every command takes. */
export const COMMON_FLAGS: FlagSpec[] = [
  { flags: '--repo <path>', description: 'the Flux repository, a folder (default: the current folder)' },
  { flags: '--title <text>', description: "the site's title (default: the folder's name)" },
  { flags: '--repo-url <url>', description: 'web URL of the repository, for source links (default: repoUrl in atlas.config.yaml)' },
  { flags: '--roadmap <file>', description: 'the roadmap file, relative to the repository' },
  { flags: '--quiet', description: 'no progress output' },
  { flags: '--debug', description: 'print the stack trace of an internal error' },
];

/** Exit codes, the same for every command; 0 and 1 are said per command (CommandSpec.exitCodes). */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;
export const EXIT_CODES_HELP = `Exit codes:
  0   success (check: no finding at --fail-on; export --check: every file up to date)
  1   check: findings at --fail-on; export: files out of date (--check) or with broken markers
  2   usage: unknown command or flag, bad flag value, --repo not a folder, bad atlas.config.yaml,
      a file that cannot be read or written
  70  internal error: a bug in GitOps Atlas (--debug prints the stack trace)`;

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Write one usage line (`atlas scan: ...`) on stderr; returns exit code 2. */
export function usageError(command: string | null, message: string): number {
  process.stderr.write(`atlas${command ? ` ${command}` : ''}: ${message}\n`);
  return EXIT.usage;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The candidate nearest to `word` (ties: the first in the list). */
export function closest(word: string, candidates: readonly string[]): string {
  let best = candidates[0] ?? '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function buildParser(spec: CommandSpec): { program: Command; command: Command; captured: { values: CliValues | null } } {
  const captured: { values: CliValues | null } = { values: null };
  const program = new Command('atlas')
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureHelp({ helpWidth: 110 })
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s), outputError: () => {} });
  const command = program.command(spec.name).description(spec.summary).usage('[--repo PATH] [flags]').allowExcessArguments(false);
  command.optionsGroup('Flags:');
  for (const f of spec.flags) command.addOption(option(f));
  command.optionsGroup('Common flags:');
  for (const f of COMMON_FLAGS) command.addOption(option(f));
  command.addHelpOption(new Option('-h, --help', 'show this help').helpGroup('Common flags:'));
  const exits = [`  0   ${spec.exitCodes[0]}`, ...(spec.exitCodes[1] ? [`  1   ${spec.exitCodes[1]}`] : [])];
  command.addHelpText(
    'after',
    `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}\n\nExit codes:\n${exits.join('\n')}\n  2   usage: unknown flag, bad value, --repo not a folder, bad atlas.config.yaml\n  70  internal error (--debug prints the stack trace)\n`,
  );
  command.action(() => {
    const opts = command.opts();
    const values: CliValues = {};
    for (const o of command.options) if (o.long) values[o.long.slice(2)] = opts[o.attributeName()] as string | boolean | undefined;
    captured.values = values;
  });
  return { program, command, captured };
}

function option(f: FlagSpec): Option {
  const o = new Option(f.flags, f.description);
  return f.choices ? o.choices(f.choices) : o;
}

/** The long flags a command accepts, with --help, for "did you mean". */
export function flagNames(spec: CommandSpec): string[] {
  return [...spec.flags, ...COMMON_FLAGS].map((f) => f.flags.split(/[ ,]+/).find((p) => p.startsWith('--'))!).concat('--help');
}

/**
 * Parse a command's arguments (those after its name). Returns the values, or the exit code when
 * parsing ended the run: 0 after --help, 2 after a usage problem (one line already written).
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): { values: CliValues } | { exit: number } {
  const { program, command, captured } = buildParser(spec);
  try {
    program.parse([spec.name, ...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { exit: EXIT.ok };
    return { exit: usageError(spec.name, describeParseError(spec, error, command.args)) };
  }
  return captured.values ? { values: captured.values } : { exit: usageError(spec.name, 'nothing to run') };
}

/** commander's message, reworded into one line; an unknown flag names the nearest valid one. */
function describeParseError(spec: CommandSpec, error: CommanderError, extra: readonly string[]): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'commander.unknownOption': {
      const flag = quoted.split('=')[0]!;
      if (flag !== quoted && flagNames(spec).includes(flag)) return `${flag} is a switch and takes no value (got ${quoted})`;
      return `unknown flag ${flag} (did you mean ${closest(flag, flagNames(spec))}?)`;
    }
    case 'commander.excessArguments':
      return `unexpected argument ${extra[0] ?? ''} (atlas ${spec.name} takes flags only; the repository is --repo PATH)`;
    case 'commander.invalidArgument': {
      const m = /option '(--[\w-]+)[^']*' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(error.message);
      return m ? `${m[1]} ${m[2]} is not one of ${m[3]}` : error.message.replace(/^error: /, '');
    }
    case 'commander.optionMissingArgument':
      return `${quoted.split(' ')[0]} needs a value (${quoted})`;
    default:
      return error.message.replace(/^error: /, '').replace(/\n+/g, ' ').trim();
  }
}

/** A one-line problem with the folder a command is about to read, or null when it is a folder. */
export function repoProblem(path: string, label = '--repo'): string | null {
  try {
    if (!statSync(path).isDirectory()) return `${label} ${path} is a file, not a folder (give the repository's root folder)`;
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${label} ${path}: no such folder`;
    if (code === 'ENOTDIR') return `${label} ${path}: a part of the path is a file, not a folder`;
    return `${label} ${path}: ${(error as Error).message}`;
  }
}

/**
 * When a repository has no Flux objects, say what was looked for (on stderr, so stdout's JSON stays
 * clean); null when there is something to show.
 */
export function emptyRepoHint(model: Pick<RepoModel, 'files' | 'kustomizations' | 'helmReleases' | 'apps' | 'objects'>, repo: string): string | null {
  if (model.kustomizations.length > 0 || model.helmReleases.length > 0 || model.apps.length > 0) return null;
  const yaml = model.files.filter((f) => f.kind === 'yaml').length;
  // A flux-operator repository whose ResourceSets make everything, the Flux objects among them.
  const sets = model.objects.filter((o) => o.group === 'fluxcd.controlplane.io' && (o.kind === 'ResourceSet' || o.kind === 'FluxInstance') && !o.disabled).length;
  if (sets > 0) {
    return (
      `atlas: no Flux Kustomization or HelmRelease written as a document in ${repo}, but ${sets} flux-operator ResourceSet${sets === 1 ? '' : 's'} ` +
      'or FluxInstance' + (sets === 1 ? '' : 's') + ': what a ResourceSet makes is expanded only where a Flux Kustomization of the repository applies it, so its apps are not shown (see the RESOURCESET_NOT_EXPANDED findings).\n'
    );
  }
  return (
    `atlas: no Flux objects in ${repo}: looked for Kustomization (kustomize.toolkit.fluxcd.io) and HelmRelease ` +
    `(helm.toolkit.fluxcd.io) documents in ${yaml} YAML file${yaml === 1 ? '' : 's'} (git ls-files where it is a git repository); ` +
    'is --repo the root of a Flux repository?\n'
  );
}

/** Config overrides from flags, in the shape of atlas.config.yaml. */
export function configOverrides(v: CliValues): Record<string, unknown> {
  return {
    title: v.title,
    site: v.site,
    base: v.base,
    repoUrl: v['repo-url'],
    ...(v.roadmap ? { roadmap: { file: v.roadmap, checks: {} } } : {}),
  };
}
