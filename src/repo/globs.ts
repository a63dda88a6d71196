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
  // Each plain segment of a glob (`archive` of `**/archive/**`) matches exactly one segment of a
  // path, and only itself: a path without it cannot match, and most paths are decided here without
  // the glob matcher (which compiles the pattern on every call).
  for (const segment of literalSegments(p)) if (!hasSegment(path, segment)) return false;
  return matchesGlob(path, p);
}

const literalCache = new Map<string, string[]>();

/** A segment that can only match itself: letters, digits, `_`, `-`, dots and spaces (no extglob, escape or `..`). */
const PLAIN_SEGMENT = /^[\w. -]+$/;

/**
 * The segments of a glob that match only themselves (`archive` of `**\/archive/**`; not `**` or
 * `*.yaml`). None for a glob the matcher rewrites before matching: braces (`{a/archive/**,b/**}`
 * holds a slash in an alternative) and `.` or `..` segments (`a/tmp/../*.yaml` matches `a/x.yaml`).
 */
function literalSegments(pattern: string): string[] {
  let out = literalCache.get(pattern);
  if (!out) {
    const segments = pattern.split('/');
    const rewritten = pattern.includes('{') || segments.some((s) => s === '.' || s === '..');
    out = rewritten ? [] : segments.filter((s) => PLAIN_SEGMENT.test(s));
    if (literalCache.size > 1000) literalCache.clear();
    literalCache.set(pattern, out);
  }
  return out;
}

function hasSegment(path: string, segment: string): boolean {
  let at = path.indexOf(segment);
  while (at !== -1) {
    const end = at + segment.length;
    if ((at === 0 || path[at - 1] === '/') && (end === path.length || path[end] === '/')) return true;
    at = path.indexOf(segment, at + 1);
  }
  return false;
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
