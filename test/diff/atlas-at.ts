/** The computed atlas of a repository at a commit, as `atlas diff` computes it (a temporary worktree). */
import { basename } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { git, locateRepo, withCheckout } from '../../src/lib/diff/checkout.ts';

export function atlasAt(repo: string, rev: string): Promise<Atlas> {
  const sha = git(repo, ['rev-parse', '--verify', `${rev}^{commit}`]).trim();
  return withCheckout(locateRepo(repo), sha, (dir) => computeAtlas(dir, loadConfig(dir, { title: basename(repo) })));
}

export function shaOf(repo: string, rev: string): string {
  return git(repo, ['rev-parse', '--verify', `${rev}^{commit}`]).trim();
}
