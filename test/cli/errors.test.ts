/**
 * The CLI's manners (issue 16): every usage problem is ONE line on stderr naming the problem (and,
 * for a typo, the nearest valid name), exit 2, never a stack trace; --version and per-command
 * --help on stdout, exit 0; a repository without Flux objects says what was looked for.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function atlas(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, first: (r.stderr || r.stdout).split('\n')[0] };
}
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+[(:]\d+|internal error/m);

describe('usage problems: one line, exit 2', () => {
  it('a --repo that does not exist', () => {
    const r = atlas('scan', '--repo', join(tmp, 'missing'));
    expect([r.status, r.stderr]).toEqual([2, `atlas scan: --repo ${join(tmp, 'missing')}: no such folder\n`]);
    expect(r.stdout).toBe('');
  });

  it('a file given as --repo', () => {
    const file = join(tmp, 'kustomization.yaml');
    writeFileSync(file, 'resources: []\n');
    const r = atlas('check', '--repo', file);
    expect([r.status, r.stderr]).toEqual([2, `atlas check: --repo ${file} is a file, not a folder (give the repository's root folder)\n`]);
  });

  it('a path with a file in the middle', () => {
    const r = atlas('export', '--repo', join(ROOT, 'README.md', 'x'), '--check');
    expect([r.status, r.first]).toEqual([2, `atlas export: --repo ${join(ROOT, 'README.md', 'x')}: a part of the path is a file, not a folder`]);
  });

  it('an unknown flag names the nearest flag of that command', () => {
    expect(Object.values(atlas('scan', '--jsn'))).toEqual([2, '', 'atlas scan: unknown flag --jsn (did you mean --json?)\n', 'atlas scan: unknown flag --jsn (did you mean --json?)']);
    expect([atlas('check', '--fail-onn', 'warning').first, atlas('build', '--ouT', 'x').first]).toEqual([
      'atlas check: unknown flag --fail-onn (did you mean --fail-on?)',
      'atlas build: unknown flag --ouT (did you mean --out?)',
    ]);
  });

  it('an unknown command names the nearest command', () => {
    const r = atlas('scna', '--repo', '.');
    expect([r.status, r.stderr]).toEqual([2, 'atlas: unknown command "scna" (did you mean "scan"?)\n']);
    expect(atlas('exprot').first).toBe('atlas: unknown command "exprot" (did you mean "export"?)');
  });

  it('a bad value, a missing value, a stray argument, no command', () => {
    expect([atlas('check', '--format', 'xml').first, atlas('check', '--repo').first, atlas('scan', 'examples/homelab').first, atlas().first]).toEqual([
      'atlas check: --format xml is not one of text, json, github, sarif',
      'atlas check: --repo needs a value (--repo <path>)',
      'atlas scan: unexpected argument examples/homelab (atlas scan takes flags only; the repository is --repo PATH)',
      'atlas: no command given (one of scan, build, check, export, diff); atlas --help says more',
    ]);
  });
});

describe('a repository with no Flux objects', () => {
  const empty = join(tmp, 'empty-repo');
  mkdirSync(join(empty, 'docs'), { recursive: true });
  writeFileSync(join(empty, 'docs', 'values.yaml'), 'replicas: 1\n');

  it('scan prints its counts and says on stderr what it looked for; exit 0', () => {
    const r = atlas('scan', '--repo', empty, '--quiet');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^empty-repo: 0 apps, 0 Flux Kustomizations/);
    expect(r.stderr.split('\n')[0]).toBe(
      `atlas: no Flux objects in ${empty}: looked for Kustomization (kustomize.toolkit.fluxcd.io) and HelmRelease (helm.toolkit.fluxcd.io) documents in 1 YAML file (git ls-files where it is a git repository); is --repo the root of a Flux repository?`,
    );
  });

  it('flags before the command are taken as the command\'s', () => {
    const r = atlas('--repo', empty, '--quiet', 'scan');
    expect([r.status, r.stdout.split(':')[0]]).toEqual([0, 'empty-repo']);
  });

  it('scan --json keeps stdout parseable', () => {
    const r = atlas('scan', '--repo', empty, '--json', '--quiet');
    expect(JSON.parse(r.stdout).counts.apps).toBe(0);
    expect(r.stderr).toMatch(/^atlas: no Flux objects in /);
  });

  it('check exits 0 (its one finding is info: no git history) with the same hint', () => {
    const r = atlas('check', '--repo', empty);
    expect([r.status, r.stdout.split('\n')[0]!.split(' ').slice(0, 3).join(' ')]).toEqual([0, '.:1:1 info NO_GIT_HISTORY']);
    expect(r.stderr.split('\n')[0]).toMatch(/^atlas: no Flux objects in .*empty-repo: looked for Kustomization/);
  });
});

/**
 * A flux-operator repository whose ResourceSets make everything, the Flux Kustomizations among them
 * (outside review: "no Flux objects", an empty model and not one note of what the ResourceSets make).
 */
describe('a repository of ResourceSets only', () => {
  const sets = join(tmp, 'resourcesets-only');
  mkdirSync(join(sets, 'flux', 'apps'), { recursive: true });
  writeFileSync(join(sets, 'flux', 'apps', 'web.yaml'), 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: web\n  namespace: flux-system\nspec:\n  resources:\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata:\n        name: web\n        namespace: web\n');

  it('says what it found, and each ResourceSet gets its note', () => {
    const r = atlas('check', '--repo', sets);
    expect(r.stderr.split('\n')[0]).toMatch(/^atlas: no Flux Kustomization or HelmRelease written as a document in .*resourcesets-only, but 1 flux-operator ResourceSet or FluxInstance: /);
    expect(r.stdout).toMatch(/^flux\/apps\/web\.yaml:1:1 info RESOURCESET_NOT_EXPANDED ResourceSet web makes 1 resource \(HelmRelease\), once;/m);
  });
});

describe('--version and per-command --help', () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it('--version prints the package version', () => {
    expect(Object.values(atlas('--version')).slice(0, 3)).toEqual([0, `gitops-atlas ${version}\n`, '']);
  });

  const own: Record<string, { has: string[]; lacks: string[] }> = {
    scan: { has: ['--json'], lacks: ['--out', '--format', '--check '] },
    build: { has: ['--out <dir>', '--site <url>', '--base <path>'], lacks: ['--json', '--format'] },
    check: { has: ['--format <format>', '--fail-on <severity>', '--baseline <file>', '(choices: "text", "json", "github", "sarif")'], lacks: ['--out', '--json'] },
    export: { has: ['--check', '--format <format>', '(choices: "markdown", "json", "backstage")', '--out <dir>'], lacks: ['--json', '--fail-on'] },
  };
  for (const [command, flags] of Object.entries(own)) {
    it(`${command} --help shows its own flags, an example and the exit codes`, () => {
      const r = atlas(command, '--help');
      expect([r.status, r.first, r.stderr]).toEqual([0, `Usage: atlas ${command} [--repo PATH] [flags]`, '']);
      for (const f of flags.has) expect(r.stdout).toContain(f);
      for (const f of flags.lacks) expect(r.stdout).not.toContain(f);
      expect(r.stdout).toMatch(new RegExp(`Examples:\\n  atlas ${command} --repo `));
      expect(r.stdout).toMatch(/Exit codes:\n {2}0 {3}.+\n( {2}1 {3}.+\n)? {2}2 {3}usage/);
      expect(r.stdout).toContain('--repo <path>');
    });
  }

  it('atlas --help lists every command and the exit codes; `atlas help check` is check --help', () => {
    const r = atlas('--help');
    expect([r.status, r.first]).toEqual([0, 'Usage: atlas <command> [--repo PATH] [flags]']);
    for (const c of Object.keys(own)) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toContain('70  internal error');
    expect(atlas('help', 'check').stdout).toBe(atlas('check', '--help').stdout);
  });
});

describe('no stack traces without --debug', () => {
  it('none of the above prints one', () => {
    for (const args of [['scan', '--repo', join(tmp, 'nope')], ['scan', '--bogus'], ['bogus']]) noStack(atlas(...args).stderr);
  });

  it('a file that cannot be written is one line, exit 2; --debug adds the stack', () => {
    const target = join(tmp, 'no-such-dir', 'baseline.json');
    const r = atlas('check', '--repo', 'examples/homelab', '--quiet', '--write-baseline', target);
    expect([r.status, r.stderr]).toEqual([2, `atlas: ENOENT: no such file or directory, open '${target}'\n`]);
    const debug = atlas('check', '--repo', 'examples/homelab', '--quiet', '--debug', '--write-baseline', target);
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at .+:\d+:\d+/m);
  });
});
