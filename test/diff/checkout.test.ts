/**
 * The base checkout: a temporary git worktree that is always removed, made without running the
 * repository's hooks or its core.fsmonitor program (the repository may be a pull request's).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiffInputError, git, locateRepo, resolveRevision, scratchFolder, withCheckout } from '../../src/lib/diff/checkout.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

describe.skipIf(!hasGit)('withCheckout', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-diff-checkout-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const repo = join(tmp, 'repo');
  mkdirSync(repo);
  const w = gitWorkTree(repo);
  w.git(['init', '-q', '-b', 'main']);
  w.write('sub/a.yaml', 'a: 1\n');
  w.commit('one', '2024-01-01T00:00:00Z');
  w.write('sub/a.yaml', 'a: 2\n');
  w.commit('two', '2024-01-02T00:00:00Z');
  const pwned = join(tmp, 'pwned');
  const script = join(tmp, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\ntouch ${pwned}\n`);
  chmodSync(script, 0o755);
  w.git(['config', 'core.fsmonitor', script]);
  mkdirSync(join(repo, '.git', 'hooks'), { recursive: true });
  writeFileSync(join(repo, '.git', 'hooks', 'post-checkout'), `#!/bin/sh\ntouch ${pwned}\n`);
  chmodSync(join(repo, '.git', 'hooks', 'post-checkout'), 0o755);

  it('checks out the revision at --repo\'s place inside it, runs no hook or fsmonitor, and removes it', async () => {
    const sub = join(repo, 'sub');
    const loc = locateRepo(sub);
    expect(loc.prefix).toBe('sub/');
    let seen = '';
    let folder = '';
    await withCheckout(loc, resolveRevision(sub, 'HEAD~1', '--base'), async (dir) => {
      folder = dir;
      seen = (await import('node:fs')).readFileSync(join(dir, 'a.yaml'), 'utf8');
    });
    expect(seen).toBe('a: 1\n');
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(pwned)).toBe(false);
    expect(git(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('removes the worktree when the work inside fails', async () => {
    await expect(withCheckout(locateRepo(repo), resolveRevision(repo, 'HEAD', '--base'), async () => {
      throw new Error('scan failed');
    })).rejects.toThrow('scan failed');
    expect(git(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('an unknown revision or an option-like one is a DiffInputError', () => {
    expect(() => resolveRevision(repo, 'nope', '--base')).toThrow(DiffInputError);
    expect(() => resolveRevision(repo, '--output=/tmp/x', '--base')).toThrow('a revision cannot start with "-"');
  });
});

/**
 * The checkout goes to a memory-backed folder where there is one with room (a 1,000-app checkout took
 * 3.7-5.3 s on this machine's disk, 0.16 s on /dev/shm), else the OS temp folder; a TMPDIR the user
 * set wins.
 */
describe('the folder of the temporary checkout', () => {
  const roomy = mkdtempSync(join(tmpdir(), 'atlas-scratch-'));
  afterAll(() => rmSync(roomy, { recursive: true, force: true }));

  it('is the first memory-backed candidate with room for four times the tree', () => {
    expect(scratchFolder(1_000_000, [join(roomy, 'missing'), roomy], {})).toBe(roomy);
  });

  it('is the OS temp folder where no candidate is there, has room or may be written', () => {
    expect(scratchFolder(1_000_000, [join(roomy, 'missing')], {})).toBe(tmpdir());
    expect(scratchFolder(Number.MAX_SAFE_INTEGER / 8, [roomy], {})).toBe(tmpdir());
    expect(scratchFolder(1_000_000, [], {})).toBe(tmpdir());
  });

  it('is the OS temp folder when the user set TMPDIR', () => {
    expect(scratchFolder(1_000_000, [roomy], { TMPDIR: roomy + '-user' })).toBe(tmpdir());
  });
});
