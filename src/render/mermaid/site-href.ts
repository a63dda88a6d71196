/**
 * Links from diagrams go to our own pages only, built from the site base and encoded path
 * segments; nothing taken from a manifest can turn into a scheme, a host or `..`.
 */
import { segment } from '../../lib/site/urls.ts';

/** `/`, `/docs`, `/atlas/`: a path, no scheme, no host. Throws: a bad base is our misconfiguration. */
export function normalizeBase(base: string): string {
  if (!/^\/(?!\/)[A-Za-z0-9._~\-/]*$/.test(base) || base.split('/').some((s) => s === '..' || s === '.'))
    throw new Error(`Site base must be a path such as "/" or "/atlas/", got ${JSON.stringify(base)}`);
  return base.replace(/\/+$/, '');
}

/** `${base}/seg1/seg2/`, each segment escaped as the pages' own routes name them (urls.ts segment). */
export function sitePath(base: string, segments: readonly string[]): string {
  return `${normalizeBase(base)}/${segments.map(segment).join('/')}/`;
}

/** The page of an app: `/apps/<namespace>/<app>/`, or `/apps/<cluster>/<namespace>/<app>/`. */
export function appHref(base: string, appId: string): string {
  return sitePath(base, ['apps', ...appId.split('/')]);
}

/** The dependency graph of one namespace: `/graph/<namespace>/`. */
export function namespaceGraphHref(base: string, namespace: string): string {
  return sitePath(base, ['graph', namespace]);
}
