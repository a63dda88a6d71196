/**
 * Whether a Gateway API route attaches to the Gateways its parentRefs name, by the spec's rules
 * (https://gateway-api.sigs.k8s.io/reference/spec/#parentreference, #listener, #allowedroutes): the
 * parentRef's `sectionName` and `port` choose the Gateway's listeners; a listener admits routes of its
 * own namespace unless `allowedRoutes.namespaces.from` says `All`, or `Selector` (a label selector on
 * the route's Namespace); `allowedRoutes.kinds`, else the listener's protocol, says which kinds of
 * route; and a listener's hostname and the route's hostnames must intersect (either side without one
 * intersects all; `*.example.com` stands for one label or more in front).
 *
 * ROUTE_GATEWAY_REFUSED, a warning at the parentRef, for each Gateway of the repository that refuses
 * the route (outside review: a route in another namespace on a Gateway that admits `Same` only, a
 * `sectionName` no listener has, a host outside the listener's domain, all shown on the app page as
 * served). The app pages show a route only through the parents that accept it (servedThrough).
 *
 * Refusal is said only where it is known: the Gateway is a manifest the route's cluster applies, and
 * nothing the rule reads is a template or a `${VAR}` still to fill in; a Namespace whose labels are not
 * in the repository may match a selector. A route a chart renders from its values is judged by its
 * parentRefs and namespace only (its kind and hostnames are the chart's templates' to say).
 */
import { finding, type Finding } from '../../model/finding.ts';
import { exposureOf } from '../../model/exposure.ts';
import type { Endpoint, GatewayRef, Listener, SelectorRequirement } from '../../model/network.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, sameCluster, unknownName } from './common.ts';
import { missingGateways } from './route-gateway.ts';

type Input = Pick<RepoModel, 'endpoints' | 'kustomizations' | 'helmReleases' | 'kustomizeFiles' | 'objects' | 'sources'> & Partial<Pick<RepoModel, 'templated'>>;

/** What became of one parentRef: the Gateway is not defined (ROUTE_GATEWAY_MISSING), refuses it, accepts it, or may. */
interface ParentVerdict {
  ref: GatewayRef;
  /** `namespace/name` of the Gateway. */
  gateway: string;
  verdict: 'attached' | 'possible' | 'refused' | 'missing';
  /** Why it refuses, as a clause (`listener http admits routes of namespace network only`). */
  reason?: string;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The verdict on each parentRef of kind Gateway of every live route, once per list of endpoints. */
function routeParents(model: Input): ReadonlyMap<Endpoint, readonly ParentVerdict[]> {
  let out = PARENTS.get(model.endpoints);
  if (!out) PARENTS.set(model.endpoints, (out = computeParents(model)));
  return out;
}
const PARENTS = new WeakMap<readonly Endpoint[], ReadonlyMap<Endpoint, readonly ParentVerdict[]>>();

export function routeAttachFindings(model: Input): Finding[] {
  const out: Finding[] = [];
  for (const [r, verdicts] of routeParents(model)) {
    for (const v of verdicts) {
      if (v.verdict !== 'refused') continue;
      // (Through another listener of the same Gateway, or another Gateway, the hosts may still be served.)
      const elsewhere = verdicts.some((o) => o.verdict === 'attached' || o.verdict === 'possible');
      out.push(
        finding(
          'ROUTE_GATEWAY_REFUSED',
          'warning',
          `${r.kind} ${r.namespace ?? 'default'}/${r.name} is not accepted by Gateway ${v.gateway}: ${v.reason}, so its hosts are not served${elsewhere ? ' through that parent' : ''}. Correct the parentRef or the route, or the Gateway's listener.`,
          v.ref.source ?? r.source,
          { area: 'flux', objectId: r.id, ...(r.appId ? { appId: r.appId } : {}) },
        ),
      );
    }
  }
  return out;
}

/**
 * A route as the app page shows it: its class and exposure from the parents that accept it (or may),
 * and where none does, why not (`notAttached`; the class then names the parents it asked for). Other
 * endpoints as they are.
 */
export function servedThrough(model: Input, e: Endpoint): Pick<Endpoint, 'className' | 'exposure'> & { notAttached?: string } {
  const verdicts = routeParents(model).get(e);
  if (!verdicts || e.className === null) return { className: e.className, exposure: e.exposure };
  const accepted = new Set(verdicts.filter((v) => v.verdict === 'attached' || v.verdict === 'possible').map((v) => v.ref.name));
  const refused = new Set(verdicts.filter((v) => !accepted.has(v.ref.name) && (v.verdict === 'refused' || v.verdict === 'missing')).map((v) => v.ref.name));
  if (refused.size === 0) return { className: e.className, exposure: e.exposure };
  // The class is the parents' names (gatewaysOf), or a chart's own class: keep what no refused parent names.
  const kept = e.className.split(', ').filter((n) => !refused.has(n));
  if (kept.length > 0) {
    const className = kept.join(', ');
    return { className, exposure: exposureOf(className, e.annotations) };
  }
  const why = verdicts.filter((v) => v.verdict === 'refused' || v.verdict === 'missing').map((v) => (v.verdict === 'missing' ? `no build defines Gateway ${v.gateway}` : `Gateway ${v.gateway}: ${v.reason}`));
  return { className: e.className, exposure: 'unknown', notAttached: [...new Set(why)].join('; ') };
}

function computeParents(model: Input): ReadonlyMap<Endpoint, readonly ParentVerdict[]> {
  const out = new Map<Endpoint, ParentVerdict[]>();
  const routes = model.endpoints.filter((r) => (r.gateways?.length ?? 0) > 0 && isLive(r, model));
  if (routes.length === 0) return out;
  // The Gateways the builds apply, by `namespace/name` (a copy per cluster, or per overlay).
  const gateways = new Map<string, Endpoint[]>();
  for (const g of model.endpoints) {
    if (g.kind !== 'Gateway' || g.group !== GATEWAY_GROUP || g.namespace === null || !isLive(g, model)) continue;
    const key = `${g.namespace}/${g.name}`;
    (gateways.get(key) ?? gateways.set(key, []).get(key)!).push(g);
  }
  const missing = missingGateways(model);
  const labels = namespaceLabels(model);
  for (const r of routes) {
    const gone = missing.get(r)?.missing ?? [];
    out.set(
      r,
      r.gateways!.map((ref) => {
        const gateway = `${ref.namespace ?? r.namespace ?? 'default'}/${ref.name}`;
        if (gone.includes(ref)) return { ref, gateway, verdict: 'missing' };
        const copies = (gateways.get(gateway) ?? []).filter((g) => sameCluster(g.cluster, r.cluster));
        if (r.namespace === null || unknownName(gateway) || copies.length === 0) return { ref, gateway, verdict: 'possible' };
        const reasons: string[] = [];
        for (const g of copies) {
          const v = onGateway(r, ref, g, (ns) => labels(r.cluster ?? null, ns));
          if (v === 'attached' || v === 'possible') return { ref, gateway, verdict: v };
          reasons.push(v);
        }
        return { ref, gateway, verdict: 'refused', reason: [...new Set(reasons)].join('; ') };
      }),
    );
  }
  return out;
}

/** A parentRef on one Gateway: attached, possibly, or the reason it is refused. */
function onGateway(r: Endpoint, ref: GatewayRef, g: Endpoint, labels: (ns: string) => Labels | null): 'attached' | 'possible' | string {
  const listeners = g.listeners ?? [];
  if (listeners.length === 0 || listeners.some((l) => unknownName(l.name))) return 'possible';
  let chosen: readonly Listener[] = listeners;
  if (ref.sectionName !== undefined) {
    if (unknownName(ref.sectionName)) return 'possible';
    chosen = listeners.filter((l) => l.name === ref.sectionName);
    if (chosen.length === 0) return `it names listener ${ref.sectionName}, which the Gateway does not have (it has ${listeners.map((l) => l.name).join(', ')})`;
  }
  if (ref.port !== undefined) {
    const section = ref.sectionName !== undefined ? `listener ${ref.sectionName}` : 'no listener';
    if (chosen.every((l) => l.port !== null && l.port !== ref.port)) return ref.sectionName !== undefined ? `it names port ${ref.port}, and ${section} listens on ${chosen[0]!.port}` : `it names port ${ref.port}, on which ${section} listens`;
    chosen = chosen.filter((l) => l.port === null || l.port === ref.port);
  }
  let possible = false;
  const reasons: string[] = [];
  for (const l of chosen) {
    const v = onListener(r, l, g.namespace!, labels);
    if (v === 'attached') return 'attached';
    if (v === 'possible') possible = true;
    else reasons.push(v);
  }
  return possible ? 'possible' : reasons.join('; ');
}

/** A route on one listener: attached, possibly, or the reason the listener refuses it. */
function onListener(r: Endpoint, l: Listener, gatewayNamespace: string, labels: (ns: string) => Labels | null): 'attached' | 'possible' | string {
  const ns = r.namespace!;
  let possible = false;
  if (l.from === 'Same') {
    if (ns !== gatewayNamespace) return `listener ${l.name} admits routes of namespace ${gatewayNamespace} only, not of ${ns}`;
  } else if (l.from === 'Selector' && l.selector) {
    const m = selects(l.selector, ns, labels(ns));
    if (m === false) return `listener ${l.name} admits routes of the namespaces its selector (${describe(l.selector)}) picks, and namespace ${ns}'s labels do not match it`;
    if (m === null) possible = true;
  } else if (l.from !== 'All') possible = true;
  // A chart's route: its kind and hostnames are its templates' (app-template's `route` may be a GRPCRoute or a TCPRoute).
  if (r.group !== GATEWAY_GROUP) return possible ? 'possible' : 'attached';
  if (l.kinds !== null) {
    if (!l.kinds.includes(`${GATEWAY_GROUP}/${r.kind}`)) return `listener ${l.name} admits ${l.kinds.map((k) => k.replace(`${GATEWAY_GROUP}/`, '')).join(', ')} only`;
  } else if (l.protocol !== null && ROUTE_LESS_PROTOCOLS.has(l.protocol)) return `listener ${l.name} is a ${l.protocol} listener, which takes no ${r.kind}`;
  if (l.hostname !== null && r.hosts.length > 0) {
    if (unknownName(l.hostname) || r.hosts.some(unknownName)) return 'possible';
    if (!r.hosts.some((h) => intersects(h, l.hostname!))) return `its hostnames (${r.hosts.join(', ')}) are outside listener ${l.name}'s hostname ${l.hostname}`;
  }
  return possible ? 'possible' : 'attached';
}

/**
 * Listener protocols of the core that take no HTTPRoute or GRPCRoute where `allowedRoutes.kinds` does
 * not say otherwise: TLS takes TLSRoute, TCP TCPRoute, UDP UDPRoute. (HTTP and HTTPS take HTTPRoute and
 * GRPCRoute; an implementation's own protocol, `example.com/x`, is its to say.)
 */
const ROUTE_LESS_PROTOCOLS: ReadonlySet<string> = new Set(['TLS', 'TCP', 'UDP']);

/** Two hostnames intersect: equal, or a wildcard's suffix holds the other (`*.example.com` and `a.b.example.com`, `*.com` and `*.example.com`). */
function intersects(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || x === '*' || y === '*') return true;
  const wx = x.startsWith('*.') ? x.slice(1) : null;
  const wy = y.startsWith('*.') ? y.slice(1) : null;
  if (wx !== null && wy !== null) return wx.endsWith(wy) || wy.endsWith(wx);
  if (wx !== null) return y.endsWith(wx);
  if (wy !== null) return x.endsWith(wy);
  return false;
}

type Labels = Readonly<Record<string, string>>;
type Selector = NonNullable<Listener['selector']>;

/**
 * Whether a Namespace selector picks a namespace: true, false, or null where the namespace's labels
 * are not known (no Namespace manifest in the repository, and the selector asks for more than the
 * `kubernetes.io/metadata.name` label Kubernetes gives every namespace), or an operator Kubernetes
 * does not know is used.
 */
function selects(s: Selector, ns: string, manifest: Labels | null): boolean | null {
  const reqs: SelectorRequirement[] = [...Object.entries(s.matchLabels).map(([key, v]) => ({ key, operator: 'In', values: [v] })), ...s.matchExpressions];
  if (reqs.some((r) => unknownName(r.key) || r.values.some(unknownName))) return null;
  if (manifest === null && reqs.some((r) => r.key !== NAME_LABEL)) return null;
  const all: Record<string, string> = { ...(manifest ?? {}), [NAME_LABEL]: ns };
  for (const r of reqs) {
    const value = Object.hasOwn(all, r.key) ? all[r.key] : undefined;
    if (r.operator === 'In') {
      if (value === undefined || !r.values.includes(value)) return false;
    } else if (r.operator === 'NotIn') {
      if (value !== undefined && r.values.includes(value)) return false;
    } else if (r.operator === 'Exists') {
      if (value === undefined) return false;
    } else if (r.operator === 'DoesNotExist') {
      if (value !== undefined) return false;
    } else return null;
  }
  return true;
}
const NAME_LABEL = 'kubernetes.io/metadata.name';

const describe = (s: Selector): string =>
  [...Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`), ...s.matchExpressions.map((r) => `${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(', ')}]` : ''}`)].join(', ') || 'any';

/** The labels of the live Namespace manifests, per cluster (a namespace written twice: both copies' labels). */
function namespaceLabels(model: Input): (cluster: string | null, ns: string) => Labels | null {
  const byPlace = new Map<string, Record<string, string>>();
  for (const o of model.objects) {
    if (o.group !== '' || o.kind !== 'Namespace' || !isLive(o, model)) continue;
    const key = `${o.cluster ?? ''}\u0000${o.name}`;
    byPlace.set(key, { ...(byPlace.get(key) ?? {}), ...o.labels });
  }
  return (cluster, ns) => {
    if (cluster === null) {
      // (A route whose cluster is not known: any cluster's copy, where only one cluster has one.)
      const copies = [...byPlace].filter(([k]) => k.endsWith(`\u0000${ns}`));
      return copies.length === 1 ? copies[0]![1] : null;
    }
    return byPlace.get(`${cluster}\u0000${ns}`) ?? byPlace.get(`\u0000${ns}`) ?? null;
  };
}
