import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';
import { readWorkflow, stepOf } from './workflow-files.ts';

/**
 * The image workflow's tag step, run as GitHub runs it in a git repository: the image name is the
 * repository's, lowercased (registries refuse capitals), one tag is the commit and the other a
 * semver that grows with each commit, which is what deploy/flux's ImagePolicy selects.
 */
const script = stepOf(readWorkflow('examples/workflows/atlas-image.yml'), 'tags').run!;
const dir = mkdtempSync(join(tmpdir(), 'atlas-image-tags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tags(repository: string, sha: string): Record<string, string> {
  const output = join(dir, `out-${sha}`);
  writeFileSync(output, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_OUTPUT: output } });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe.skipIf(!hasGit)('atlas-image tags (skipped only where git is not installed)', () => {
  it('names the image after the repository, tags the commit and a semver the ImagePolicy takes, growing per commit', () => {
    const { git, write, commit } = gitWorkTree(dir);
    git(['init', '-q', '-b', 'main']);
    write('README.md', 'one\n');
    commit('one', '2026-11-30T10:00:00Z');
    const first = git(['rev-parse', 'HEAD']).trim();
    write('README.md', 'two\n');
    commit('two', '2026-12-01T10:00:00Z');
    const second = git(['rev-parse', 'HEAD']).trim();

    const a = tags('Me/Home-Ops', first);
    expect(a).toEqual({ image: 'ghcr.io/me/home-ops-atlas', sha: `ghcr.io/me/home-ops-atlas:${first}`, semver: `ghcr.io/me/home-ops-atlas:1.0.${Date.parse('2026-11-30T10:00:00Z') / 1000}` });
    const b = tags('Me/Home-Ops', second);
    const patch = (t: Record<string, string>) => Number(/:1\.0\.(\d+)$/.exec(t.semver!)![1]);
    expect(patch(b)).toBeGreaterThan(patch(a));

    // deploy/ follows exactly this image, with the ImagePolicy's range >=1.0.0 taking these tags.
    const policy = parseAllDocuments(readFileSync('deploy/flux/image-automation.yaml', 'utf8')).map((d) => d.toJS()).find((o) => o.kind === 'ImagePolicy');
    expect(policy.spec.policy.semver.range).toBe('>=1.0.0');
    const repo = parseAllDocuments(readFileSync('deploy/flux/image-automation.yaml', 'utf8')).map((d) => d.toJS()).find((o) => o.kind === 'ImageRepository');
    expect(repo.spec.image).toBe(a.image);
  });
});
