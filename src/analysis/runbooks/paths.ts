/**
 * The runbooks' part of the site map (STYLE.md): every path is base-free and ends with `/`;
 * pages add the base with `withBase`. Generated runbooks own the first segments below, so a
 * hand-written runbook whose slug would collide with one of them gets a suffix (see hand-written.ts).
 */
import { segment } from '../../lib/site/urls.ts';

const RUNBOOKS_PATH = '/runbooks/';

/** First path segments the generated runbooks use. */
export const RESERVED_SLUGS = new Set(['restore', 'rotate', 'add-app', 'bootstrap', 'upgrade']);

const join = (parts: readonly string[]): string => `${RUNBOOKS_PATH}${parts.map(segment).join('/')}/`;

export function restorePath(app: { cluster: string | null; namespace: string; name: string }): string {
  return join(['restore', ...(app.cluster ? [app.cluster] : []), app.namespace, app.name]);
}

/** `/runbooks/rotate/sops/<file path>/`: the path keeps the file's folders so it reads like the repo. */
export function rotateSopsPath(file: string): string {
  return join(['rotate', 'sops', ...file.split('/')]);
}

/** One page per cluster where the repository has several (qa's and prod's `web-creds` read other keys). */
export function rotateExternalSecretPath(e: { cluster?: string | null | undefined; namespace: string | null; name: string }): string {
  return join(['rotate', 'externalsecret', ...(e.cluster ? [e.cluster] : []), e.namespace ?? '_cluster', e.name]);
}

export const ADD_APP_PATH = join(['add-app']);
export const BOOTSTRAP_PATH = join(['bootstrap']);
export const UPGRADE_PATH = join(['upgrade']);

export function handWrittenPath(slug: string): string {
  return join(slug.split('/'));
}

/** The `[...slug]` param of the runbooks route for a path made here. */
export function runbookSlug(path: string): string {
  return path.slice(RUNBOOKS_PATH.length, -1);
}
