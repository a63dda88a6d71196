/**
 * `atlas diff` end to end on the fixture history: the working tree as the head (uncommitted
 * changes included), exit 1 with --fail-on when the change introduces such a finding, 0 without.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGit } from '../support/git-repo.ts';
import { buildFixtureRepo, SUBJECTS } from '../diff/fixture-repo.ts';

const ROOT = join(import.meta.dirname, '../..');
const atlas = (...args: string[]) => spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });

describe.skipIf(!hasGit)('atlas diff runs', () => {
  const top = mkdtempSync(join(tmpdir(), 'atlas-diff-run-'));
  const typo = `HEAD~${SUBJECTS.length - 1 - SUBJECTS.indexOf('typo in a dependsOn')}`;
  beforeAll(() => buildFixtureRepo(top));
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('--fail-on error: exit 1 when the change introduces an error, 0 without the flag', () => {
    const failing = atlas('diff', '--repo', top, '--base', `${typo}~1`, '--head', typo, '--fail-on', 'error', '--quiet');
    expect([failing.status, failing.stderr]).toEqual([1, '']);
    expect(failing.stdout).toContain('DEPENDS_ON_MISSING');
    expect(atlas('diff', '--repo', top, '--base', `${typo}~1`, '--head', typo, '--quiet').status).toBe(0);
  });

  it('without --head, the working tree is the head, uncommitted edits included; the working tree is left as it was', () => {
    const file = join(top, 'kubernetes/apps/media/bazarr/app/helmrelease.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1.0.0', 'version: 1.1.0'));
    const before = spawnSync('git', ['-C', top, 'status', '--porcelain'], { encoding: 'utf8' }).stdout;
    const r = atlas('diff', '--repo', top, '--base', 'HEAD', '--format', 'json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { head: unknown; versions: { appId: string; from: string; to: string; update: string }[] };
    expect(report.head).toEqual({ rev: null, sha: null });
    expect(report.versions.map((v) => [v.appId, v.from, v.to, v.update])).toEqual([['media/bazarr', '1.0.0', '1.1.0', 'minor']]);
    expect(spawnSync('git', ['-C', top, 'status', '--porcelain'], { encoding: 'utf8' }).stdout).toBe(before);
    expect(r.stderr).toMatch(/^atlas diff: computing the base HEAD \([0-9a-f]{7}\)\n/);
  });
});
