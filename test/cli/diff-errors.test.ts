/**
 * `atlas diff`'s usage problems, in the manner of errors.test.ts: one line on stderr naming the
 * problem, exit 2, nothing on stdout, no stack trace, and no worktree left behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

const ROOT = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-cli-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function atlas(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasGit)('atlas diff: usage problems are one line, exit 2', () => {
  const repo = join(tmp, 'repo');
  mkdirSync(repo);
  const { git, write, commit } = gitWorkTree(repo);
  git(['init', '-q', '-b', 'main']);
  write('kubernetes/README.md', '# empty\n');
  commit('one commit', '2024-01-01T00:00:00Z');

  it('an unknown --base revision', () => {
    const r = atlas('diff', '--repo', repo, '--base', 'no-such-branch');
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'atlas diff: --base no-such-branch: unknown revision (fetch it first; in CI, check out with fetch-depth: 0)\n']);
    expect(git(['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('an unknown --head revision, and a --base that is not a commit-ish', () => {
    expect(atlas('diff', '--repo', repo, '--base', 'HEAD', '--head', 'HEAD~5').stderr).toBe('atlas diff: --head HEAD~5: unknown revision (fetch it first; in CI, check out with fetch-depth: 0)\n');
    expect(atlas('diff', '--repo', repo, '--base=-x').stderr).toBe('atlas diff: --base -x: a revision cannot start with "-"\n');
  });

  it('no --base', () => {
    const r = atlas('diff', '--repo', repo);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'atlas diff: --base <rev> is required (the revision to compare against, e.g. origin/main)\n']);
  });

  it('a folder that is not in a git work tree', () => {
    const plain = join(tmp, 'plain');
    mkdirSync(plain);
    const r = atlas('diff', '--repo', plain, '--base', 'HEAD');
    expect([r.status, r.stderr]).toEqual([2, `atlas diff: --repo ${plain} is not inside a git work tree (atlas diff compares commits)\n`]);
  });

  it('a bad --format names the choices', () => {
    const r = atlas('diff', '--repo', repo, '--base', 'HEAD', '--format', 'html');
    expect([r.status, r.stderr]).toEqual([2, 'atlas diff: --format html is not one of markdown, json, github\n']);
  });
});

describe('atlas diff --help and --json-schema', () => {
  it('--help shows its flags, an example and the exit codes', () => {
    const r = atlas('diff', '--help');
    expect([r.status, r.stdout.split('\n')[0]]).toEqual([0, 'Usage: atlas diff [--repo PATH] [flags]']);
    for (const f of ['--base <rev>', '--head <rev>', '--format <format>', '--fail-on <severity>', '--json-schema', '(choices: "markdown", "json", "github")']) expect(r.stdout).toContain(f);
    expect(r.stdout).toMatch(/Examples:\n {2}atlas diff --repo \. --base origin\/main\n/);
    expect(r.stdout).toMatch(/Exit codes:\n {2}0 {3}the diff was printed\n {2}1 {3}--fail-on .+\n {2}2 {3}usage/);
  });

  it('atlas --help lists diff', () => {
    expect(atlas('--help').stdout).toMatch(/^ {2}diff +What a change does to the cluster/m);
  });

  it('--json-schema prints a JSON Schema of the report', () => {
    const r = atlas('diff', '--json-schema');
    const schema = JSON.parse(r.stdout) as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(r.status).toBe(0);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['verdict', 'apps', 'versions', 'dependsOn', 'secrets', 'coverage', 'findings', 'roadmap']));
  });
});
