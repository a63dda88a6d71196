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
  // Most entries are plain (`./app`, `helmrelease.yaml`) under a plain folder: joined as they are.
  const rest = entry.startsWith('./') ? entry.slice(2) : entry;
  if (isPlain(from) && rest !== '' && isPlain(rest)) return from === '' ? rest : `${from}/${rest}`;
  const joined = posix.normalize(posix.join(from || '.', entry)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '.' || joined === '' ? '' : joined;
}

/** A relative path that normalising leaves as it is: no empty, `.` or `..` segment, no leading or trailing slash, no backslash. */
function isPlain(p: string): boolean {
  if (p === '') return true;
  if (p.startsWith('/') || p.endsWith('/') || p.includes('//') || p.includes('\\')) return false;
  if (!p.includes('.')) return true;
  const q = `/${p}/`;
  return !q.includes('/./') && !q.includes('/../');
}

/**
 * Flux `spec.path` is relative to the source root; `./`, `/` and '' mean the root. The
 * kustomize-controller joins it to the artifact's root with SecureJoin, which stops `..` at the root:
 * `../apps` builds `apps`, and no path leaves the source (fluxClimbs says when one tried).
 */
export function resolveFluxPath(path: string): string | null {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Does a Flux `spec.path` climb above the source's root (`../apps`), where SecureJoin stops it? */
export function fluxClimbs(path: string): boolean {
  let depth = 0;
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/** Whether `file` is inside folder `dir` (or is it). */
export function isUnder(file: string, dir: string): boolean {
  return dir === '' || file === dir || file.startsWith(dir + '/');
}

export function baseName(p: string): string {
  return posix.basename(p);
}
