import { matchesGlob } from 'node:path/posix';

/**
 * Include/exclude filtering from configuration (`archive/**`, `**\/templates/**`).
 * Globs use Node's own matcher (`**`, `*`, `?`, `[...]`, `{a,b}`); like minimatch it does not let
 * `*` match a leading dot. A pattern without glob characters names a file or a whole folder
 * (`archive` = `archive` and everything under it), which is what people write in a config file.
 */
export interface PathFilter {
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** Does one pattern match a repo-relative POSIX path? */
export function matchesPattern(path: string, pattern: string): boolean {
  const p = pattern.replace(/^\.\//, '');
  if (!GLOB_CHARS.test(p)) {
    const dir = p.replace(/\/+$/, '');
    return path === dir || path.startsWith(dir + '/');
  }
  return matchesGlob(path, p);
}

/** True when the path passes the filter: matches some include (if any) and no exclude. */
export function isIncluded(path: string, filter: PathFilter): boolean {
  const { include, exclude } = filter;
  if (include && include.length > 0 && !include.some((p) => matchesPattern(path, p))) return false;
  if (exclude && exclude.some((p) => matchesPattern(path, p))) return false;
  return true;
}

/**
 * The archive folder a path lies in, for the configuration's `archive` globs: the shortest folder
 * of the path under which every file matches one of the globs that match the path (`.archive/` for
 * `.archive/**`, `kubernetes/archive/` for `**\/archive/**`, `retired/` for `retired`), else the
 * path's own folder (a glob that names files; the file itself at the root). Null when no glob
 * matches the path.
 */
export function archiveFolderOf(path: string, patterns: readonly string[]): string | null {
  const matching = patterns.filter((g) => matchesPattern(path, g));
  if (matching.length === 0) return null;
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    // Any file under the folder: a probe path two levels down, with a plain name `*` matches.
    if (matching.some((g) => matchesPattern(`${dir}/x/x.yaml`, g) && matchesPattern(`${dir}/x.yaml`, g))) return `${dir}/`;
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join('/')}/` : path;
}
