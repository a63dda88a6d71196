/**
 * ROUTE_GATEWAY_MISSING: a Gateway API route (a manifest's, or one a chart renders from its values)
 * attaches to a Gateway that the cluster's builds do not define, where they define others. The
 * Gateway controller never accepts a route whose parent is not there, so its hosts are not served
 * (outside review: pihole's HTTPRoute named `envoy-protected` beside the repository's `envoy-external`
 * and `envoy-internal`). https://gateway-api.sigs.k8s.io/api-types/httproute/#parentrefs
 *
 * Silent where the set of Gateways is not known: a cluster whose builds define none (its Gateways come
 * from elsewhere), a Gateway whose name or namespace is a variable, a chart whose values have a
 * `gateway` or `gateways` block (Traefik's chart renders one) or whose chart is kept in a Git
 * repository (templates not read), a ResourceSet template that may make one, a Gateway document that
 * no Flux build applies (a bootstrap script may),
 * a build that applies what the repository does not hold (a remote resource, another repository's
 * Kustomization). Only in a repository with a cluster root, for live routes of this cluster.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { remoteContentNamespaces } from '../../model/outside-content.ts';
import type { Endpoint, GatewayRef } from '../../model/network.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { sourcesDefinedNowhere } from '../../model/source-defined-nowhere.ts';
import { offInText } from '../../model/raw-doc.ts';
import { isObj } from '../../model/values.ts';
import { isLive, unknownName } from './common.ts';

type Input = Pick<RepoModel, 'endpoints' | 'kustomizations' | 'helmReleases' | 'kustomizeFiles' | 'objects' | 'sources'> & Partial<Pick<RepoModel, 'templated'>>;

export function routeGatewayFindings(model: Input): Finding[] {
  return [...missingGateways(model)].map(([r, { missing, known }]) => message(r, missing, known));
}

/**
 * The live routes that attach to a Gateway the builds do not define, each with those parentRefs and
 * the Gateways the builds do define; computed once per list of endpoints (the findings and the app
 * pages ask for it: such a route is not shown as served).
 */
export function missingGateways(model: Input): ReadonlyMap<Endpoint, { missing: GatewayRef[]; known: string[] }> {
  let out = MISSING.get(model.endpoints);
  if (!out) MISSING.set(model.endpoints, (out = computeMissing(model)));
  return out;
}
const MISSING = new WeakMap<readonly Endpoint[], ReadonlyMap<Endpoint, { missing: GatewayRef[]; known: string[] }>>();

function computeMissing(model: Input): ReadonlyMap<Endpoint, { missing: GatewayRef[]; known: string[] }> {
  const out = new Map<Endpoint, { missing: GatewayRef[]; known: string[] }>();
  if (!model.kustomizations.some((k) => k.isRoot && !k.disabled)) return out;
  // A remote resource may hold Gateways: anywhere, or in the namespace its build puts it in (CRDs only: none).
  const remote = remoteContentNamespaces(model);
  if (remote === 'any') return out;
  // (Not one whose source is defined nowhere and is this repository under a stale name: it applies nothing.)
  const nowhere = sourcesDefinedNowhere(model);
  if (model.kustomizations.some((k) => k.externalSource && !k.disabled && (k.reachedFromRoot || k.isRoot) && !nowhere.has(k.id))) return out;
  if ((model.templated ?? []).some((t) => t.kind === '*' || t.kind === 'Gateway')) return out;
  const live = (o: Parameters<typeof isLive>[0]) => isLive(o, model);
  const gateways = new Map<string | null, Set<string>>();
  const unknown = new Set<string | null>();
  // The Gateways Flux applies, per cluster; a Gateway document no Flux build applies (one a bootstrap
  // script applies) may be in any cluster (code review).
  const anywhere = new Set<string>();
  for (const g of model.endpoints) {
    if (g.kind !== 'Gateway' || offInText(g.disabled)) continue;
    const cluster = g.cluster ?? null;
    const named = !unknownName(g.name) && g.namespace !== null && !unknownName(g.namespace);
    if (!live(g)) {
      if (named) anywhere.add(`${g.namespace}/${g.name}`);
      continue;
    }
    if (!named) unknown.add(cluster);
    else (gateways.get(cluster) ?? gateways.set(cluster, new Set()).get(cluster)!).add(`${g.namespace}/${g.name}`);
  }
  if (gateways.size === 0) return out;
  const all = new Set([...gateways.values()].flatMap((set) => [...set]));
  const misses: { r: Endpoint; missing: GatewayRef[]; known: ReadonlySet<string> }[] = [];
  for (const r of model.endpoints) {
    if ((r.gateways?.length ?? 0) === 0) continue;
    const cluster = r.cluster ?? null;
    const known = cluster === null ? all : gateways.get(cluster);
    if (!known || known.size === 0 || unknown.has(cluster) || unknown.has(null)) continue;
    const missing = r.gateways!.filter((g) => {
      const ns = g.namespace ?? r.namespace;
      return ns !== null && !unknownName(g.name) && !unknownName(ns) && !known.has(`${ns}/${g.name}`) && !anywhere.has(`${ns}/${g.name}`) && !remote?.has(ns);
    });
    if (missing.length > 0 && live(r)) misses.push({ r, missing, known });
  }
  if (misses.length === 0) return out;
  // A chart that may render Gateways: one with a `gateway` block in its values, or one kept in a Git
  // repository (the repository's own `charts/`), whose templates are not read (code review). (Read
  // only where a route misses its Gateway: a walk of every release's values costs a large scan ~20 ms.)
  // Nor a Gateway whose name a release's values give, whatever their key (a chart of Gateways with
  // `external: {name: envoy-external}`; code review): that chart may make it.
  const valuesText = new Map<string | null, string[]>();
  for (const hr of model.helmReleases) {
    if (!live(hr)) continue;
    if (['GitRepository', 'Bucket'].includes(hr.chart.sourceRef?.kind ?? '') || rendersGateways(hr.values)) unknown.add(hr.cluster ?? null);
    // (Not a route's own parentRefs, which name the Gateway it attaches to: app-template's `route`.)
    else (valuesText.get(hr.cluster ?? null) ?? valuesText.set(hr.cluster ?? null, []).get(hr.cluster ?? null)!).push(JSON.stringify(hr.values ?? null, (key, v: unknown) => (key === 'parentRefs' ? undefined : v)));
  }
  const named = (cluster: string | null, name: string) => [...(cluster === null ? [...valuesText.values()].flat() : [...(valuesText.get(cluster) ?? []), ...(valuesText.get(null) ?? [])])].some((t) => t.includes(`"${name}"`));
  for (const { r, missing, known } of misses) {
    if (unknown.has(r.cluster ?? null) || unknown.has(null)) continue;
    const left = missing.filter((g) => !named(r.cluster ?? null, g.name));
    if (left.length > 0) out.set(r, { missing: left, known: [...known].sort() });
  }
  return out;
}

function message(r: Endpoint, missing: readonly GatewayRef[], known: readonly string[]): Finding {
  // (Each Gateway once: a route may name two listeners of one.)
  const key = (g: GatewayRef) => `${g.namespace ?? r.namespace}/${g.name}`;
  const names = [...new Set(missing.map(key))];
  const some = names.length < new Set((r.gateways ?? []).map(key)).size;
  const cluster = r.cluster ? ` of cluster ${r.cluster}` : '';
  return finding(
    'ROUTE_GATEWAY_MISSING',
    'warning',
    `${r.kind} ${r.namespace ?? 'default'}/${r.name} attaches to Gateway ${names.join(', ')}, which the builds${cluster} do not define (they define ${known.join(', ')}): the Gateway controller never accepts the route there, so ${some ? 'its hosts are not served through that parent' : 'its hosts are not served'}. Correct the parentRefs, or add the Gateway.`,
    r.source,
    { area: 'flux', objectId: r.id, ...(r.appId ? { appId: r.appId } : {}) },
  );
}

/** Values with a `gateway` or `gateways` block (Traefik's `gateway: {enabled}`): the chart may render Gateways. */
function rendersGateways(values: unknown): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: values, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (depth > 3 || !isObj(v)) continue;
    for (const [k, x] of Object.entries(v)) {
      if (/^gateways?$/i.test(k) && (isObj(x) || Array.isArray(x)) && !(isObj(x) && x.enabled === false)) return true;
      stack.push({ v: x, depth: depth + 1 });
    }
  }
  return false;
}
