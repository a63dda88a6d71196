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
