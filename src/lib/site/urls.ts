/**
 * One URL scheme for the whole site (STYLE.md, "The site's map"), so that pages, links, tests and
 * the README export agree. Paths here are root-relative and base-free ("/apps/media/plex/");
 * `withBase` adds the configured base once, at render time, so the same data works at a domain
 * root and under a GitHub Pages project path.
 */
import { safeHref } from '../../markdown/escape.ts';

/**
 * What decides an app's URL: its id (`namespace/name`, `cluster/namespace/name`), unique by
 * construction. Building the URL from the name would give two apps of one name (a live app and its
 * `-2`) one page, and Astro would drop one of them with only a warning.
 */
export interface AppKey {
  id: string;
}

/** A place in the repository: a repo-relative POSIX path and a 1-based line. */
export interface FileRef {
  file: string;
  line: number;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._-]+$/;
const ENCODER = new TextEncoder();

/**
 * One path segment: the same text in a link, in Astro's route param and in the file name on disk.
 * Namespaces and names are DNS labels and pass unchanged, but repos are not always tidy: anything
 * else (a `${VAR}` left as written, a space, a slash, `..`) becomes `~HH` per UTF-8 byte, a form
 * that no browser or static server decodes, so link and file always agree. Percent-encoding did
 * not: Astro matches a page against the decodeURI'd path, so `%7B` in a param failed the build.
 * `~` is escaped too, so two names never share a segment.
 */
export function segment(s: string): string {
  if (s.trim() === '') return '_';
  // The common case, a DNS label: nothing to escape (every app link of every page goes through here).
  if (SAFE_SEGMENT.test(s) && s !== '.' && s !== '..') return s;
  let out = '';
  for (const b of ENCODER.encode(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._-]/.test(c) ? c : `~${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out === '.' || out === '..' ? out.replace(/\./g, '~2E') : out;
}

/**
 * `/apps/<namespace>/<app>/`, or `/apps/<cluster>/<namespace>/<app>/` where the repository has
 * several clusters (then `cluster` is set on every app).
 */
export function appPath(app: AppKey): string {
  return `/apps/${app.id.split('/').map(segment).join('/')}/`;
}

/** The `[...slug]` param of the app route: the path without `/apps/` and the trailing slash. */
export function appSlug(app: AppKey): string {
  return appPath(app).slice('/apps/'.length, -1);
}

export function namespacePath(namespace: string): string {
  return `/namespaces/${segment(namespace)}/`;
}

/**
 * Prefix a root-relative path with Astro's base (`import.meta.env.BASE_URL`, which may or may not
 * end with a slash). External URLs are returned unchanged.
 */
export function withBase(path: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const b = base.replace(/\/+$/, '');
  return `${b}/${path.replace(/^\/+/, '')}`;
}

/**
 * Where a fact lives: a link to `repoUrl + file#Lline` when the repo's web URL is configured,
 * else null (the page then shows `file:line` as text). `repoUrl` is "up to the branch",
 * e.g. https://github.com/me/home-ops/blob/main/ with or without the trailing slash.
 */
export function sourceHref(ref: FileRef, repoUrl: string | undefined | null): string | null {
  if (!repoUrl) return null;
  const root = repoUrl.endsWith('/') ? repoUrl : `${repoUrl}/`;
  const file = ref.file.split('/').map(encodeURIComponent).join('/');
  return safeHref(`${root}${file}#L${ref.line}`);
}

/**
 * repoUrl ("up to the branch") pinned to a commit, so that `#L12` keeps pointing at the line the
 * site was built from after the file changes: GitHub `…/blob|tree/<ref>/`, GitLab `…/-/blob/<ref>/`,
 * Gitea/Forgejo `…/src/branch|tag|commit/<ref>/`. The ref is everything after that marker (branch
 * names may hold slashes). Without a commit, or on a URL of another shape, repoUrl is kept as it is:
 * links then follow the branch.
 */
export function pinRepoUrl(repoUrl: string | undefined | null, sha: string | null | undefined): string | undefined {
  if (!repoUrl) return undefined;
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return repoUrl;
  const url = repoUrl.replace(/\/+$/, '');
  const gitea = /^(.*\/src\/)(?:branch|tag|commit)\/[^?#]+$/.exec(url);
  if (gitea) return `${gitea[1]}commit/${sha}/`;
  const blob = /^(.*\/(?:-\/)?(?:blob|tree)\/)[^?#]+$/.exec(url);
  if (blob) return `${blob[1]}${sha}/`;
  return repoUrl;
}

/** `file:line`, the text form of a reference. */
export function sourceLabel(ref: FileRef): string {
  return `${ref.file}:${ref.line}`;
}
