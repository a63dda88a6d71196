/**
 * A repository with no commit (a folder that is not a git work tree: a download, the embedded example
 * of an installed package; or `git init` with nothing committed). computeAtlas finds no commit and
 * says so to the git reads (`head: null`): the roadmap's reads ask git nothing, the changelog's one
 * `git log` says why there is no history, and the next scan that finds a commit reads it. Before,
 * each scan asked `git rev-parse HEAD` four times and `git log -1 --` once per path the roadmap names
 * (27 processes per scan of the example, on every save in dev, where the dev server's large process
 * makes each spawn cost tens of milliseconds).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { lastCommitDates, lastManifestChange, readRoadmapHistory } from '../../src/repo/roadmap-read.ts';
import type { ReadCache } from '../../src/repo/scan.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

/** The temporary folder lies inside a git work tree (then a folder made there has its history). */
const tmpInWorkTree = (() => {
  try {
    execFileSync('git', ['-C', tmpdir(), 'rev-parse', '--is-inside-work-tree'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
let spy: string;
let spyLog: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-no-commit-'));
  // A git that records each call and answers as git does outside a work tree.
  spyLog = join(dir, 'calls.log');
  spy = join(dir, 'git-spy');
  writeFileSync(spyLog, '');
  writeFileSync(spy, `#!/bin/sh\necho "$*" >> '${spyLog}'\necho 'fatal: not a git repository' >&2\nexit 128\n`);
  chmodSync(spy, 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const calls = () => readFileSync(spyLog, 'utf8').split('\n').filter(Boolean);

describe('git reads when the caller found no commit (head: null)', () => {
  it('answer "unknown" without asking git, path by path', async () => {
    writeFileSync(spyLog, '');
    const dates = await lastCommitDates(dir, ['kubernetes/apps/a/ks.yaml', 'kubernetes/apps/b/ks.yaml'], { gitBinary: spy, head: null });
    expect([...dates]).toEqual([['kubernetes/apps/a/ks.yaml', null], ['kubernetes/apps/b/ks.yaml', null]]);
    expect(await readRoadmapHistory(dir, 'ROADMAP.md', { gitBinary: spy, head: null })).toEqual([]);
    expect(await lastManifestChange(dir, { gitBinary: spy, head: null })).toBeNull();
    expect(calls()).toEqual([]);
  });

  it('without the caller saying so, the same reads ask git (a rev-parse, then one walk of the history for all the paths)', async () => {
    writeFileSync(spyLog, '');
    const dates = await lastCommitDates(dir, ['kubernetes/apps/c/ks.yaml', 'kubernetes/apps/d/ks.yaml'], { gitBinary: spy });
    expect([...dates.values()]).toEqual([null, null]);
    expect(calls().filter((c) => c.includes('rev-parse HEAD'))).toHaveLength(1);
    expect(calls().filter((c) => c.includes(' log '))).toEqual([expect.stringMatching(/ log .* -- kubernetes\/apps\/c\/ks\.yaml kubernetes\/apps\/d\/ks\.yaml$/)]);
  });
});

describe.skipIf(!hasGit || tmpInWorkTree)('a dev server on a folder that becomes a git repository (reason: needs a git binary on PATH and a temporary folder outside any git work tree)', () => {
  it('has no history before the first commit and reads it at the first scan after it', async () => {
    const repo = join(dir, 'repo');
    const t = gitWorkTree(repo);
    t.write('ROADMAP.md', '# Roadmap\n\n**Last Updated**: 2025-03-01\n\n## HIGH PRIORITY\n\n### H-1: Add a ConfigMap\n**Status**: Not Started\n\n- File to update: `kubernetes/apps/media/app/configmap.yaml`\n');
    t.write('kubernetes/apps/media/app/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: media\n  namespace: media\ndata:\n  v: "1"\n');
    const cache: ReadCache = new Map();
    let earlier: Atlas | undefined;
    const scan = async () => (earlier = await computeAtlas(repo, loadConfig(repo, {}), { cache, ...(earlier ? { earlierMarkdown: earlier.markdown } : {}) }));
    const facts = (a: Atlas) => ({
      commit: a.commit?.date ?? null,
      changelog: a.changelog.available,
      burndown: a.roadmap.burndown.length,
      changed: a.roadmap.items[0]!.check.evidence.update?.map((u) => u.changed),
      manifests: a.roadmap.staleness?.behindManifests?.lastChange ?? null,
    });
    const none = { commit: null, changelog: false, burndown: 0, changed: [null], manifests: null };
    expect(facts(await scan())).toEqual(none);
    // Saves before any commit: the same answers (kept, not asked again).
    t.write('kubernetes/apps/media/app/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: media\n  namespace: media\ndata:\n  v: "2"\n');
    expect(facts(await scan())).toEqual(none);
    const why = (a: Atlas) => a.changelog.findings.find((f) => f.code === 'NO_GIT_HISTORY')?.message ?? '';
    expect(why(earlier!)).toMatch(/not a git repository/i);
    // `git init` alone: still no commit, and the changelog says why anew (no answer kept from before).
    t.git(['init', '-q', '-b', 'main']);
    expect(facts(await scan())).toEqual(none);
    expect(why(earlier!)).not.toMatch(/not a git repository/i);
    expect(why(earlier!)).not.toBe('');
    // The first commit: the kept "no history" must not outlive it.
    t.commit('first', '2025-04-15T12:00:00Z');
    expect(facts(await scan())).toEqual({ commit: '2025-04-15T12:00:00+00:00', changelog: true, burndown: 1, changed: [true], manifests: '2025-04-15' });
  });
});
