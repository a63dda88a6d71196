import { posix } from 'node:path';

/** Repo-relative POSIX helpers. '' is the repository root. */

export function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '.' ? '' : d;
}

/**
 * Resolve `entry` relative to folder `from`; null when the result escapes the repository
 * (a `../../` path in a Kustomization must never make us read outside the repo).
 */
export function resolveIn(from: string, entry: string): string | null {
  const joined = posix.normalize(posix.join(from || '.', entry)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '.' || joined === '' ? '' : joined;
}

/** Flux `spec.path` is relative to the source root; `./`, `/` and '' mean the root. */
export function resolveFluxPath(path: string): string | null {
  const trimmed = path.replace(/^\/+/, '');
  return resolveIn('', trimmed || '.');
}

/** Whether `file` is inside folder `dir` (or is it). */
export function isUnder(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(dir + '/');
}

export function baseName(p: string): string {
  return posix.basename(p);
}
