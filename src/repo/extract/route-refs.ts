/**
 * What a route's or Gateway's spec names besides its own hosts: the Services it sends traffic to, the
 * Gateways it attaches to, a Gateway's certificates, a Traefik rule's host names. Split from
 * observe-secure.ts, which turns these into the model's endpoints.
 */
import { ingressAnnotationSecrets } from '../../model/ingress-secret-annotations.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { Endpoint, GatewayRef, Listener } from '../../model/network.ts';
import type { Source } from '../../model/source.ts';
import { arr, isObj, obj, str, stringMap } from '../../model/values.ts';

/**
 * A Gateway's listeners' TLS Secrets (`tls.certificateRefs` of kind Secret in the core group), as an
 * Ingress's `tls` entries (`{secretName}`): what cert-manager's gateway-shim issues where the Gateway
 * carries an issuer annotation, and what the Gateway reads.
 */
export function gatewayTls(spec: Record<string, unknown>): { secretName: string }[] {
  const out = new Set<string>();
  for (const l of arr(spec.listeners)) {
    for (const ref of arr(obj(obj(l).tls).certificateRefs)) {
      const kind = str(obj(ref).kind);
      const group = str(obj(ref).group);
      const name = str(obj(ref).name);
      if (name && (kind === null || kind === 'Secret') && (group === null || group === '')) out.add(name);
    }
  }
  return [...out].map((secretName) => ({ secretName }));
}

/**
 * The Secrets an Ingress's ingress-nginx annotations name (basic auth's users, the client CA, the
 * backend's client certificate): read by the controller for this Ingress, in the namespace the value
 * names or else the Ingress's. A templated name names nothing that can be judged.
 */
export function ingressSecretUses(annotations: Readonly<Record<string, unknown>>, namespace: string | null): NonNullable<KObject['secretUses']> {
  return ingressAnnotationSecrets(annotations)
    .filter((s) => !/\$\{|\{\{/.test(`${s.namespace ?? ''}/${s.name}`))
    .map((s) => ({ name: s.name, via: ['annotation' as const], ...((s.namespace ?? namespace) !== null ? { namespace: (s.namespace ?? namespace)! } : {}) }));
}

/**
 * A route's parentRefs of kind Gateway (the default), each once, with the namespace, listener
 * (`sectionName`) and port one names and, given `at`, its line: two parentRefs to one Gateway's
 * `http` and `https` listeners are two.
 */
export function parentGateways(parentRefs: unknown, at?: (index: number) => Source): GatewayRef[] {
  const out = new Map<string, GatewayRef>();
  arr(parentRefs).forEach((p, i) => {
    const kind = str(obj(p).kind);
    const group = str(obj(p).group);
    const name = str(obj(p).name);
    if (!name || (kind !== null && kind !== 'Gateway') || (group !== null && group !== 'gateway.networking.k8s.io')) return;
    const namespace = str(obj(p).namespace);
    const sectionName = str(obj(p).sectionName);
    const port = portOf(obj(p).port);
    const key = `${namespace ?? ''}/${name}/${sectionName ?? ''}/${port ?? ''}`;
    if (out.has(key)) return;
    out.set(key, { name, namespace, ...(sectionName ? { sectionName } : {}), ...(port !== null ? { port } : {}), ...(at ? { source: at(i) } : {}) });
  });
  return [...out.values()];
}

/**
 * A Gateway's listeners with what decides which routes attach: name, port, protocol, hostname, and
 * `allowedRoutes` (namespaces `from`, Same where not written; its selector; kinds as `group/kind`).
 */
export function gatewayListeners(spec: Record<string, unknown>): Listener[] {
  return arr(spec.listeners).flatMap((l): Listener[] => {
    const name = str(obj(l).name);
    if (!name) return [];
    const allowed = obj(obj(l).allowedRoutes);
    const namespaces = obj(allowed.namespaces);
    const sel = namespaces.selector;
    const selector = isObj(sel)
      ? {
          matchLabels: stringMap(sel.matchLabels),
          matchExpressions: arr(sel.matchExpressions).flatMap((e) => {
            const key = str(obj(e).key);
            const operator = str(obj(e).operator);
            return key && operator ? [{ key, operator, values: arr(obj(e).values).flatMap((v) => str(v) ?? []) }] : [];
          }),
        }
      : null;
    const kinds = Array.isArray(allowed.kinds) && allowed.kinds.length > 0 ? allowed.kinds.flatMap((k) => (str(obj(k).kind) ? [`${str(obj(k).group) ?? 'gateway.networking.k8s.io'}/${str(obj(k).kind)}`] : [])) : null;
    return [{ name, port: portOf(obj(l).port), protocol: str(obj(l).protocol), hostname: str(obj(l).hostname), from: str(namespaces.from) ?? 'Same', selector, kinds }];
  });
}

/** A port number as written (a number, or digits in a string); null for anything else (a `${PORT}` not filled in). */
function portOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d{1,5}$/.test(v) ? Number(v) : null;
}

/**
 * The Services a route sends traffic to, each once: an Ingress's `defaultBackend` and rules' paths
 * (`backend.service.name`; `serviceName` of extensions/v1beta1), a Gateway API route's `backendRefs`
 * of kind Service (the default), a Traefik IngressRoute's `services` of kind Service (not a
 * TraefikService), a Contour HTTPProxy's `services`. A name a template still fills in is none.
 */
export function routeBackends(kind: string, spec: Record<string, unknown>): NonNullable<Endpoint['backends']> {
  const out = new Map<string, { name: string; namespace: string | null }>();
  const add = (name: string | null, namespace: string | null = null) => {
    if (name === null || name === '' || /\$\{|\{\{/.test(name)) return;
    out.set(`${namespace ?? ''}/${name}`, { name, namespace });
  };
  if (kind === 'Ingress') {
    const backend = (v: unknown) => add(str(obj(obj(v).service).name) ?? str(obj(v).serviceName));
    backend(spec.defaultBackend ?? spec.backend);
    for (const r of arr(spec.rules)) for (const p of arr(obj(obj(r).http).paths)) backend(obj(p).backend);
  } else if (kind === 'IngressRoute' || kind === 'HTTPProxy') {
    for (const r of arr(spec.routes)) {
      for (const svc of arr(obj(r).services)) {
        const k = str(obj(svc).kind);
        if (k === null || k === 'Service') add(str(obj(svc).name), str(obj(svc).namespace));
      }
    }
  } else {
    for (const r of arr(spec.rules)) {
      for (const ref of arr(obj(r).backendRefs)) {
        const k = str(obj(ref).kind);
        const g = str(obj(ref).group);
        if ((k === null || k === 'Service') && (g === null || g === '')) add(str(obj(ref).name), str(obj(ref).namespace));
      }
    }
  }
  return [...out.values()];
}

/**
 * The gateways a Gateway API route attaches to: every parentRef's name (a route on `internal` and
 * `external` is served by both), or null.
 */
export function gatewaysOf(parentRefs: unknown): string | null {
  const names = [...new Set(arr(parentRefs).map((p) => str(obj(p).name)).filter((n): n is string => !!n))];
  return names.length ? names.join(', ') : null;
}

/**
 * The host names of a Traefik rule: the arguments of each `Host(...)` matcher, in backticks or quotes
 * (`HostRegexp`, `HostSNI` and paths are not host names). A rule too long to be written by hand is
 * not read (the pattern is linear, but a bot-made file should not cost the scan).
 */
export function traefikHosts(match: string): string[] {
  if (match.length > 4096) return [];
  const hosts: string[] = [];
  for (const m of match.matchAll(/(?<![A-Za-z])Host\(([^)]*)\)/g)) {
    for (const h of (m[1] ?? '').matchAll(/[`"']([^`"']+)[`"']/g)) if (h[1]) hosts.push(h[1].trim());
  }
  return hosts;
}
