/**
 * One URL scheme for the whole site (STYLE.md, "The site's map"), so that pages, links, tests and
 * the README export agree. Paths here are root-relative and base-free ("/apps/media/plex/");
 * `withBase` adds the configured base once, at render time, so the same data works at a domain
 * root and under a GitHub Pages project path.
 */
import { safeHref } from '../../markdown/escape.ts';

/** The parts of an app that decide its URL. */
export interface AppKey {
  name: string;
  namespace: string;
  cluster: string | null;
}

/** A place in the repository: a repo-relative POSIX path and a 1-based line. */
export interface FileRef {
  file: string;
  line: number;
}

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
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
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
  const parts = app.cluster ? [app.cluster, app.namespace, app.name] : [app.namespace, app.name];
  return `/apps/${parts.map(segment).join('/')}/`;
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

/** `file:line`, the text form of a reference. */
export function sourceLabel(ref: FileRef): string {
  return `${ref.file}:${ref.line}`;
}
