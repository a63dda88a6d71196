/**
 * Issue 22, "a .git/config of the scanned repository can run commands through core.fsmonitor
 * during discovery": a repository whose own config names programs for fsmonitor, the pager, an
 * external diff and a textconv driver. Every git read of a scan (file listing, history, bumps,
 * HEAD, the roadmap's history) runs without any of them starting, and still reads the repository.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommit } from '../../src/pipeline/commit.ts';
import { listGitFiles } from '../../src/repo/discover-git.ts';
import { safeGitArgs, safeGitEnv } from '../../src/repo/git-env.ts';
import { readGitBumps, readGitHistory } from '../../src/repo/git-history.ts';
import { headOf } from '../../src/repo/head-memo.ts';
import { readRoadmapHistory } from '../../src/repo/roadmap-read.ts';

const tmp = mkdtempSync(join(tmpdir(), 'atlas-git-config-'));
const repo = join(tmp, 'repo');
const marker = join(tmp, 'ran');
const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=T', '-c', 'user.email=t@e', '-c', 'commit.gpgsign=false', ...args], { stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });

beforeAll(() => {
  mkdirSync(repo);
  const hook = join(tmp, 'hook.sh');
  writeFileSync(hook, `#!/bin/sh\necho "$0 $*" >> '${marker}'\ncat\n`);
  chmodSync(hook, 0o755);
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'apps/a'), { recursive: true });
  writeFileSync(join(repo, 'apps/a/helmrelease.yaml'), 'version: 1.0.0\n');
  writeFileSync(join(repo, 'ROADMAP.md'), '# Roadmap\n');
  writeFileSync(join(repo, '.gitattributes'), '*.yaml diff=evil\n');
  git('add', '-A');
  git('commit', '-qm', 'one');
  writeFileSync(join(repo, 'apps/a/helmrelease.yaml'), 'version: 1.1.0\n');
  writeFileSync(join(repo, 'ROADMAP.md'), '# Roadmap\n\nmore\n');
  git('commit', '-qam', 'two');
  writeFileSync(join(repo, 'untracked.yaml'), 'x: 1\n');
  // The attack: the repository's own config names programs.
  for (const [k, v] of [['core.fsmonitor', hook], ['core.pager', hook], ['diff.external', hook], ['diff.evil.textconv', hook], ['core.hooksPath', tmp]] as const) git('config', k, v);
  writeFileSync(join(tmp, 'post-checkout'), `#!/bin/sh\necho hook >> '${marker}'\n`);
  chmodSync(join(tmp, 'post-checkout'), 0o755);
  // Proof that the config is live: plain git runs the fsmonitor program on a listing.
  execFileSync('git', ['-C', repo, 'ls-files', '--others', '--exclude-standard'], { stdio: 'pipe' });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('core.fsmonitor and other programs named in the scanned .git/config never run', () => {
  it('the fixture is live: plain `git ls-files` in it runs the fsmonitor program', () => {
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
  });

  it('discovery, history, bumps, HEAD, commit and roadmap history read the repository without running them', async () => {
    const files = await listGitFiles(repo);
    expect(files).toEqual(expect.arrayContaining(['apps/a/helmrelease.yaml', 'untracked.yaml', 'ROADMAP.md']));
    const history = await readGitHistory(repo);
    expect(history.commits.map((c) => c.subject)).toEqual(['two', 'one']);
    const bumps = await readGitBumps(repo, history.commits.map((c) => c.sha));
    expect([...bumps.bumps.values()].flat().map((b) => `${b.from}->${b.to}`)).toEqual(['1.0.0->1.1.0']);
    expect(headOf(repo)).toBe(history.head);
    expect(readCommit(repo)?.sha).toBe(history.head);
    expect((await readRoadmapHistory(repo, 'ROADMAP.md')).length).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('an outer GIT_DIR (atlas run from a hook of another repository) does not redirect the reads', () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(tmp, 'elsewhere.git');
    try {
      expect(safeGitEnv().GIT_DIR).toBeUndefined();
      expect(execFileSync('git', safeGitArgs(repo, ['rev-parse', 'HEAD']), { env: safeGitEnv(), encoding: 'utf8' }).trim()).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });
});
