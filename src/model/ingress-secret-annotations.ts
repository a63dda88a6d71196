/**
 * The Secrets ingress-nginx reads because an Ingress's annotations name them: the users of basic or
 * digest auth (`auth-secret`), the CA that client certificates are checked against (`auth-tls-secret`)
 * and the client certificate it presents to the backend (`proxy-ssl-secret`).
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 *
 * Shared by the reader (an Ingress manifest) and the values facts (an Ingress a chart renders from
 * its values' annotations), so it lives with the model.
 */

/** The annotations whose value is `name` or `namespace/name` of a Secret. */
const NGINX_SECRET_ANNOTATIONS = ['auth-secret', 'auth-tls-secret', 'proxy-ssl-secret'].map((a) => `nginx.ingress.kubernetes.io/${a}`);

/** Whether a key is one of those annotations (the reader keeps its value: a Secret's name, no credential). */
export function isIngressSecretAnnotation(key: string): boolean {
  return NGINX_SECRET_ANNOTATIONS.includes(key);
}

/**
 * The Secrets those annotations name, each once: `namespace` where the value names one, else the
 * Ingress's own (the controller splits the value as a `namespace/name` key, and a bare name is of the
 * Ingress's namespace). A template (`{{ ... }}`, `${VAR}`) is kept as written: the callers judge it.
 */
export function ingressAnnotationSecrets(annotations: Readonly<Record<string, unknown>>): { name: string; namespace: string | null }[] {
  const out = new Map<string, { name: string; namespace: string | null }>();
  for (const key of NGINX_SECRET_ANNOTATIONS) {
    const value = Object.hasOwn(annotations, key) ? annotations[key] : undefined;
    if (typeof value !== 'string') continue;
    const parts = value.trim().split('/');
    // (More than one slash is no key the controller can split: it refuses the annotation.)
    if (parts.length > 2 || parts.some((p) => p === '')) continue;
    const [namespace, name] = parts.length === 2 ? [parts[0]!, parts[1]!] : [null, parts[0]!];
    out.set(`${namespace ?? ''}/${name}`, { name, namespace });
  }
  return [...out.values()];
}
