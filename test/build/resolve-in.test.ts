/**
 * resolveIn joins most kustomize entries without normalising them (a plain `./app` under a plain
 * folder); whatever the shape, it must answer as normalising does, and never leave the repository.
 */
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveIn } from '../../src/repo/build/paths.ts';

/** The definition: join, normalise, refuse what escapes. */
function normalised(from: string, entry: string): string | null {
  const joined = posix.normalize(posix.join(from || '.', entry)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '.' || joined === '' ? '' : joined;
}

const FROMS = ['', 'apps', 'kubernetes/apps/media', 'a/./b', 'a/../b', 'a//b', 'a/', '.hidden/x', 'v1.2/app', '..', 'a b/c'];
const ENTRIES = [
  './app', 'app', 'helmrelease.yaml', './', '.', '..', '../base', '../../../x', './a/../../b', 'a//b', 'a/', '/abs/x',
  './.archive/app', '..hidden', 'x/..', './a/./b', 'ks.yaml', 'c\\d', '...', 'a b',
];

describe('resolveIn', () => {
  it('gives what joining and normalising gives, for plain and unusual paths', () => {
    for (const from of FROMS) for (const entry of ENTRIES) expect(resolveIn(from, entry), `${from} + ${entry}`).toBe(normalised(from, entry));
  });
  it('refuses a path out of the repository', () => {
    expect(resolveIn('apps', '../../etc')).toBeNull();
    expect(resolveIn('apps/media', '../../../x')).toBeNull();
    // A leading slash is read from the repository's root, as kustomize reads it from the folder's.
    expect(resolveIn('', '/etc/passwd')).toBe('etc/passwd');
  });
});
