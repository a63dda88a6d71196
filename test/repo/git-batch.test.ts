/**
 * The batched git reads (src/repo/git-batch.ts) answer what one git process per path or per commit
 * answered: git itself is the oracle. The history is a home-ops in a sub-folder of a larger work
 * tree, with what real ones have: merged pull-request branches (merge commits, a branch older than
 * the commits on main it is merged over), a rename, a deleted file, folders, names with spaces and
 * non-ASCII letters, a name with a glob character, and paths git never saw.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachBlob, lastChangeDates, readBlobs } from '../../src/repo/git-batch.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

let top: string;
let repo: string;

beforeAll(() => {
  if (!hasGit) return;
  top = mkdtempSync(join(tmpdir(), 'atlas-git-batch-'));
  repo = join(top, 'cluster');
  const t = gitWorkTree(top);
  t.git(['init', '-q', '-b', 'main']);
  t.write('cluster/kubernetes/apps/media/jellyfin/app/helmrelease.yaml', 'tag: 1\n');
  t.write('cluster/kubernetes/apps/media/sonarr/app/helmrelease.yaml', 'tag: 1\n');
  t.write('cluster/kubernetes/apps/db/cnpg/app/secret.sops.yaml', 'sops: 1\n');
  t.write('cluster/kubernetes/apps/db/old/app/helmrelease.yaml', 'tag: 1\n');
  t.write('cluster/docs/Ünïcode notes.md', 'a\n');
  t.write('cluster/docs/a[1].md', 'a\n');
  t.write('outside/README.md', 'a\n');
  t.write('cluster/ROADMAP.md', '# Roadmap v1\n');
  t.commit('initial', '2025-01-01T10:00:00Z');
  // A pull request branched here, committed before main's next commits, merged after them.
  t.git(['checkout', '-q', '-b', 'renovate/jellyfin']);
  t.write('cluster/kubernetes/apps/media/jellyfin/app/helmrelease.yaml', 'tag: 2\n');
  t.commit('jellyfin 2', '2025-01-02T10:00:00Z');
  t.git(['checkout', '-q', 'main']);
  t.write('cluster/kubernetes/apps/media/sonarr/app/helmrelease.yaml', 'tag: 2\n');
  t.write('cluster/ROADMAP.md', '# Roadmap v2 ✓\n');
  t.commit('sonarr 2', '2025-01-03T10:00:00Z');
  t.git(['rm', '-q', '-r', 'cluster/kubernetes/apps/db/old']);
  t.git(['mv', 'cluster/docs/Ünïcode notes.md', 'cluster/docs/renamed notes.md']);
  t.write('outside/README.md', 'b\n');
  t.commit('remove old, rename notes', '2025-01-04T10:00:00Z');
  t.git(['merge', '-q', '--no-ff', '-m', 'Merge renovate/jellyfin', 'renovate/jellyfin'], '2025-01-05T10:00:00Z');
  t.write('cluster/kubernetes/apps/db/cnpg/app/secret.sops.yaml', 'sops: 2\n');
  t.write('cluster/docs/a[1].md', 'b\n');
  t.commit('cnpg secret', '2025-01-06T10:00:00Z');
  t.git(['rm', '-q', 'cluster/ROADMAP.md']);
  t.commit('roadmap moved', '2025-01-07T10:00:00Z');
  t.write('cluster/untracked.yaml', 'a\n');
});

afterAll(() => top && rmSync(top, { recursive: true, force: true }));

/** What one `git log -1` per path answers (the code this replaced). */
const perPath = (path: string) => execFileSync('git', ['-C', repo, 'log', '-1', '--format=%cI', '--', path], { encoding: 'utf8' }).trim() || null;

describe.skipIf(!hasGit)('git reads batched into one process (reason: needs a git binary on PATH)', () => {
  it('gives each path the date `git log -1 -- <path>` gives it', async () => {
    const paths = [
      'kubernetes/apps/media/jellyfin/app/helmrelease.yaml', // changed on the merged branch
      'kubernetes/apps/media/sonarr/app/helmrelease.yaml',
      'kubernetes/apps/media', // a folder: its newest change below it
      'kubernetes/apps/media/', // the same, written with a slash
      './kubernetes/apps/db/cnpg/app/secret.sops.yaml',
      'kubernetes/apps/db/old/app/helmrelease.yaml', // deleted
      'kubernetes/apps/db/old', // a folder that is gone
      'docs/Ünïcode notes.md', // renamed away
      'docs/renamed notes.md', // renamed to
      'docs/a[1].md', // a glob character: asked on its own, as a pattern, as before
      'ROADMAP.md', // deleted last
      'untracked.yaml',
      'no/such/path.yaml',
    ];
    const got = await lastChangeDates(repo, paths);
    expect([...got.keys()]).toEqual(paths);
    const want = paths.map((p) => [p, perPath(p)]);
    expect([...got]).toEqual(want);
    // The oracle's answers are the history's, not all alike.
    expect(new Set(want.map(([, d]) => d)).size).toBeGreaterThanOrEqual(5);
    expect(got.get('kubernetes/apps/media/jellyfin/app/helmrelease.yaml')).toBe('2025-01-02T10:00:00+00:00');
    expect(got.get('untracked.yaml')).toBeNull();
  });

  it('answers null for every path where there is no git repository', async () => {
    const none = mkdtempSync(join(tmpdir(), 'atlas-git-batch-none-'));
    try {
      expect([...(await lastChangeDates(none, ['a.yaml', 'b']))]).toEqual([['a.yaml', null], ['b', null]]);
      expect(await readBlobs(none, ['HEAD:./a.yaml'])).toEqual([null]);
    } finally {
      rmSync(none, { recursive: true, force: true });
    }
  });

  it('reads each version of a file, in order, with null for a commit without it', async () => {
    const shas = execFileSync('git', ['-C', repo, 'log', '--format=%H', '--', 'ROADMAP.md'], { encoding: 'utf8' }).trim().split('\n');
    expect(shas).toHaveLength(3);
    const texts = await readBlobs(repo, shas.map((s) => `${s}:./ROADMAP.md`));
    expect(texts).toEqual([null, '# Roadmap v2 ✓\n', '# Roadmap v1\n']);
    const show = (s: string) => execFileSync('git', ['-C', repo, 'show', `${s}:./ROADMAP.md`], { encoding: 'utf8' });
    expect(texts.slice(1)).toEqual(shas.slice(1).map(show));
  });

  it('streams each blob as readBlobs reads it, in order, skipping missing specs and blobs above the size bound', async () => {
    const shas = execFileSync('git', ['-C', repo, 'log', '--format=%H', '--', 'ROADMAP.md'], { encoding: 'utf8' }).trim().split('\n');
    const specs = [...shas.map((s) => `${s}:./ROADMAP.md`), 'HEAD:./kubernetes/apps/media/sonarr/app/helmrelease.yaml'];
    const seen: [number, string][] = [];
    await eachBlob(repo, specs, (i, text) => seen.push([i, text]), { maxBytes: 1024 });
    const all = await readBlobs(repo, specs);
    expect(seen).toEqual(all.flatMap((t, i) => (t === null ? [] : [[i, t] as [number, string]])));
    const small: number[] = [];
    await eachBlob(repo, specs, (i) => small.push(i), { maxBytes: 10 });
    expect(small).toEqual([3]); // `tag: 2\n`; the roadmaps are longer
  });
});
