/**
 * Links from diagrams go to our own pages only, built from the site base and encoded path
 * segments; nothing taken from a manifest can turn into a scheme, a host or `..`.
 */

/** `/`, `/docs`, `/atlas/`: a path, no scheme, no host. Throws: a bad base is our misconfiguration. */
export function normalizeBase(base: string): string {
  if (!/^\/(?!\/)[A-Za-z0-9._~\-/]*$/.test(base) || base.split('/').some((s) => s === '..' || s === '.'))
    throw new Error(`Site base must be a path such as "/" or "/atlas/", got ${JSON.stringify(base)}`);
  return base.replace(/\/+$/, '');
}

/** `${base}/seg1/seg2/`, each segment percent-encoded. */
export function sitePath(base: string, segments: readonly string[]): string {
  const clean = segments.map((s) => {
    const enc = encodeURIComponent(s);
    return enc === '.' || enc === '..' ? encodeURIComponent(s).replace(/\./g, '%2E') : enc;
  });
  return `${normalizeBase(base)}/${clean.join('/')}/`;
}

/** The page of an app: `/apps/<namespace>/<app>/`, or `/apps/<cluster>/<namespace>/<app>/`. */
export function appHref(base: string, appId: string): string {
  return sitePath(base, ['apps', ...appId.split('/')]);
}

/** The dependency graph of one namespace: `/graph/<namespace>/`. */
export function namespaceGraphHref(base: string, namespace: string): string {
  return sitePath(base, ['graph', namespace]);
}
