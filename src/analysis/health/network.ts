/**
 * Network policy coverage: which NetworkPolicy / CiliumNetworkPolicy selects each namespace and app,
 * and whether a default deny is in place. A policy selects pods of its own namespace (an empty
 * selector: all of them); a CiliumClusterwideNetworkPolicy selects pods of every namespace its
 * requirements on the `io.kubernetes.pod.namespace` label admit (matchLabels, or matchExpressions
 * In, NotIn, Exists, DoesNotExist), all of them where it has no requirement on other labels.
 * Pod labels are not in the model, so an app counts as selected by a labelled policy when the
 * selector's values name the app or one of its releases (`app.kubernetes.io/name: <release>`).
 */
import { finding, type Finding } from '../../model/finding.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import { isBitnami, type HelmRelease } from '../../model/helm-release.ts';
import type { App } from '../../model/app.ts';
import type { KObject } from '../../model/k8s-object.ts';
import { choosesNamespace, NAMESPACE_LABEL_KEY, type Isolation, type NetworkPolicy, type SelectorRequirement } from '../../model/network.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import { offInText } from '../../model/raw-doc.ts';
import { bool, isObj, isSwitchedOff } from '../../model/values.ts';
import { isDeployedApp, isExternalApp, isLive, perModel, refOf, type Ref } from './common.ts';
import { generatedPolicies, type GeneratedPolicy } from './network-generated.ts';
import { meshAuthorized } from './mesh-policies.ts';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod', 'HelmRelease']);

interface PolicyRef {
  id: string;
  kind: string;
  name: string;
  why: string;
  defaultDeny: boolean;
  /** The directions it makes default-deny for every pod it reaches (NetworkPolicy.isolates). */
  isolates?: Isolation[];
  ref: Ref;
}

interface NamespaceNetworkRow {
  namespace: string;
  /** Where the repository has several clusters: the cluster whose namespace this is. */
  cluster?: string;
  policies: PolicyRef[];
  /** A policy that reaches every pod makes a direction default-deny (denyText says which, and what it still allows). */
  defaultDeny: boolean;
  denyText: string;
}

export interface AppNetworkRow {
  appId: string;
  namespace: string;
  policies: PolicyRef[];
  defaultDeny: boolean;
  denyText: string;
}

/**
 * What the policies reaching every pod of a place deny: `no`; `deny-all (ingress, egress)` where they
 * allow nothing; `yes (ingress; allows cluster)` where a direction is default-deny but some peers are
 * allowed (what each policy allows adds up: a pod accepts what any policy allows).
 */
function denyText(refs: readonly PolicyRef[]): string {
  const by = new Map<string, Set<string>>();
  for (const r of refs) {
    // (A deny-all read before isolates were known: both directions it enforces allow nothing.)
    for (const i of r.isolates ?? []) {
      const set = by.get(i.direction) ?? by.set(i.direction, new Set()).get(i.direction)!;
      for (const a of i.allows) set.add(a);
    }
  }
  const dirs = ['ingress', 'egress'].filter((d) => by.has(d));
  if (dirs.length === 0) return refs.some((r) => r.defaultDeny) ? 'deny-all' : 'no';
  const text = (d: string) => (by.get(d)!.size === 0 ? 'deny-all' : `allows ${[...by.get(d)!].sort().join(', ')}`);
  if (dirs.every((d) => by.get(d)!.size === 0)) return `deny-all (${dirs.join(', ')})`;
  if (dirs.length === 1) return `yes (${dirs[0]}; ${text(dirs[0]!)})`;
  return `yes (${dirs.map((d) => `${d}: ${text(d)}`).join('; ')})`;
}

export interface NetworkMatrix {
  namespaces: NamespaceNetworkRow[];
  apps: AppNetworkRow[];
  covered: number;
}

/**
 * Does the policy reach pods of this namespace at all, and how. `names`: the names of the apps and
 * releases that run there, which a pod-label selector is matched against (pod labels are not in the model).
 */
function reaches(p: NetworkPolicy, ns: string, names: ReadonlySet<string>, labels: NamespaceLabels): string | null {
  if (p.flavour === 'cilium-clusterwide') return clusterwideReaches(p, ns, names, labels(ns));
  if (p.namespace !== ns) return null;
  return p.selectsAll ? 'all pods' : `pods with ${describe(requirementsOf(p))}`;
}

/**
 * A CiliumClusterwideNetworkPolicy in a namespace: where its namespace-label requirements admit the
 * namespace. With requirements on pod labels as well it selects some pods only, and counts for the
 * namespace where it names the namespace (`In`, matchLabels), as a namespaced policy with a pod
 * selector does, or where its labels name an app or release running there; otherwise a cluster-wide
 * selection of labelled pods (`NotIn [kube-system]` and `app: x`) is no policy of this namespace.
 */
function clusterwideReaches(p: NetworkPolicy, ns: string, names: ReadonlySet<string>, labels: Readonly<Record<string, string>> | null): string | null {
  const onNamespace = requirementsOf(p).filter((r) => choosesNamespace(r.key));
  if (!onNamespace.every((r) => admits(r, ns, labels))) return null;
  if (selectsWholeNamespace(p)) return onNamespace.some((r) => r.operator === 'In') ? 'cluster-wide, this namespace' : onNamespace.length > 0 ? `cluster-wide, namespaces with ${describe(onNamespace)}` : 'cluster-wide, all pods';
  return onNamespace.some((r) => r.operator === 'In') || namesAny(p, names) ? `cluster-wide, pods with ${describe(podRequirements(p))}` : null;
}

/** The selector as requirements: each matchLabels entry is `In [value]`. */
function requirementsOf(p: NetworkPolicy): SelectorRequirement[] {
  return [...Object.entries(p.podSelector).map(([key, v]) => ({ key, operator: 'In', values: [v] })), ...(p.podExpressions ?? [])];
}

/** The requirements that pick pods: all of a namespaced policy's; a clusterwide one's but those on the namespace label. */
const podRequirements = (p: NetworkPolicy): SelectorRequirement[] => requirementsOf(p).filter((r) => p.flavour !== 'cilium-clusterwide' || !choosesNamespace(r.key));

/** A pod-label requirement names one of these apps or releases (`app.kubernetes.io/name: <release>`). */
const namesAny = (p: NetworkPolicy, names: ReadonlySet<string>): boolean => podNames(p).some((v) => names.has(v));

/** The values a policy's `In` pod requirements name (asked for each app of its namespace: kept per policy). */
function podNames(p: NetworkPolicy): string[] {
  let out = podNamesOf.get(p);
  if (!out) podNamesOf.set(p, (out = podRequirements(p).flatMap((r) => (r.operator === 'In' ? r.values : []))));
  return out;
}
const podNamesOf = new WeakMap<NetworkPolicy, string[]>();

/** Selects every pod of each namespace it reaches. */
const selectsWholeNamespace = (p: NetworkPolicy): boolean => p.selectsAll || (p.flavour === 'cilium-clusterwide' && podRequirements(p).length === 0);

/**
 * Whether a requirement on the namespace label holds for a namespace's pods: every pod carries the
 * label, so Exists always holds and DoesNotExist never. An operator Kubernetes does not know (the API
 * server rejects it) is taken to hold: a guess must not make a namespace look unprotected.
 */
function admits(r: SelectorRequirement, ns: string, labels: Readonly<Record<string, string>> | null): boolean {
  const labelKey = NAMESPACE_LABEL_KEY.exec(r.key)?.[1];
  if (labelKey === undefined) {
    if (r.operator === 'In') return r.values.includes(ns);
    if (r.operator === 'NotIn') return !r.values.includes(ns);
    return r.operator !== 'DoesNotExist';
  }
  // A label of the namespace (`io.cilium.k8s.namespace.labels.<key>`): read from its Namespace manifest,
  // with the name label Kubernetes sets on every namespace (a namespace without a manifest has that one only).
  const all: Record<string, string> = { ...(labels ?? {}), 'kubernetes.io/metadata.name': ns };
  const value = Object.hasOwn(all, labelKey) ? all[labelKey]! : undefined;
  if (r.operator === 'In') return value !== undefined && r.values.includes(value);
  if (r.operator === 'NotIn') return value === undefined || !r.values.includes(value);
  if (r.operator === 'Exists') return value !== undefined;
  if (r.operator === 'DoesNotExist') return value === undefined;
  return true;
}

/** The labels of a namespace's Namespace manifest (of its cluster), or null where the repository has none. */
type NamespaceLabels = (ns: string) => Readonly<Record<string, string>> | null;

const describe = (rs: SelectorRequirement[]): string =>
  rs.map((r) => (r.operator === 'In' && r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} ${r.operator}${r.values.length ? ` [${r.values.join(', ')}]` : ''}`)).join(', ') || 'matchExpressions';

/** `networkPolicy`, `networkPolicies`, `netpol` keys of Helm values: the chart templates NetworkPolicies when switched on. */
const VALUES_POLICY_KEYS = /^(networkPolic(y|ies)|netpol)$/i;

/**
 * Where a release's values switch the chart's own NetworkPolicies on: `networkPolicy.enabled: true`
 * (or `.create: true`) at any depth (ingress-nginx's `controller.networkPolicy`, bitnami's
 * `networkPolicy`), and app-template's `networkpolicies` entries (on unless `enabled: false`).
 * Their selectors are the chart's: they select the release's pods.
 */
export function valuesNetworkPolicies(hr: HelmRelease): readonly string[] {
  // (Asked by the matrix for the release's namespace and its app, and by the app's page: walked once.)
  let known = valuesPolicies.get(hr);
  if (!known) valuesPolicies.set(hr, (known = walkValuesPolicies(hr)));
  return known;
}
const valuesPolicies = new WeakMap<HelmRelease, readonly string[]>();

function walkValuesPolicies(hr: HelmRelease): string[] {
  const out: string[] = [];
  let switchedOff = false;
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: hr.values, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (!isObj(v) || depth > 12) continue;
    for (const [key, val] of Object.entries(v)) {
      const p = path ? `${path}.${key}` : key;
      // A subchart or component switched off renders nothing, its NetworkPolicy neither.
      if (isSwitchedOff(val)) {
        if (VALUES_POLICY_KEYS.test(key)) switchedOff = true;
        continue;
      }
      if (VALUES_POLICY_KEYS.test(key) && isObj(val)) {
        const on = bool(val.enabled) ?? bool(val.create);
        if (on === false) switchedOff = true;
        const entries = hr.appTemplate && on === null ? Object.entries(val).filter(([, e]) => isObj(e) && bool(e.enabled) !== false) : [];
        if (on === true) out.push(p);
        for (const [name] of entries) out.push(`${p}.${name}`);
        continue;
      }
      if (isObj(val)) stack.push({ v: val, path: p, depth: depth + 1 });
    }
  }
  // bitnami's charts render their NetworkPolicies unless told not to (`networkPolicy.enabled: true`
  // by default since 2024: postgresql's primary, redis, mariadb ...).
  if (out.length === 0 && !switchedOff && isBitnami(hr) && bitnamiPolicyByDefault(hr)) out.push("networkPolicy (the chart's default)");
  return out.sort();
}

/**
 * The version from which a bitnami chart renders its NetworkPolicy by default, where it is known: the
 * early-2024 wave turned it on chart by chart, some in a major release and some in a minor one
 * (bitnami/charts #22750: postgresql 14.0.0; #22934: redis 18.11.0; #24322: rabbitmq 12.10.0). An
 * older version makes none unless told to (outside review: postgresql 13.1.5 was shown protected).
 */
const BITNAMI_POLICY_SINCE: Readonly<Record<string, readonly [number, number, number]>> = {
  postgresql: [14, 0, 0],
  redis: [18, 11, 0],
  rabbitmq: [12, 10, 0],
};

/**
 * Whether this bitnami release gets the chart's default NetworkPolicy: for a chart of the table, where
 * its `version` allows one at least the version that turned it on. Flux installs the highest version a
 * range allows, so a range counts by its top (`18.x`, `^13.0.0` -> below 14, `>=13.0.0` -> no top; code
 * review), an exact pin by itself; no version (the newest) does. Other bitnami charts are taken to
 * (most turned it on in the same wave).
 */
function bitnamiPolicyByDefault(hr: HelmRelease): boolean {
  const since = BITNAMI_POLICY_SINCE[hr.chart.name ?? ''];
  const version = hr.chart.version?.trim() ?? '';
  if (!since || version === '' || version === '*') return true;
  const top = versionTop(version);
  return top === null || compare(top.version, since) > 0 || (top.inclusive && compare(top.version, since) === 0);
}

type Triple = readonly [number, number, number];
const compare = (a: Triple, b: Triple): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The highest version a Helm version constraint allows, as a bound: `13.1.5` itself (inclusive),
 * `13.x` / `13` / `^13.2.0` -> 14.0.0 (exclusive), `13.1.x` / `~13.1.0` -> 13.2.0 (exclusive),
 * `<14.0.0` / `<=13.9.9` as written; null where there is no top (`>=13.0.0`) or the text is not read.
 */
function versionTop(constraint: string): { version: Triple; inclusive: boolean } | null {
  const parts = constraint.split(/\s*,\s*|\s+(?=[<>=~^])/).filter((p) => p !== '');
  let top: { version: Triple; inclusive: boolean } | null = null;
  const lower = (t: { version: Triple; inclusive: boolean }) => {
    if (top === null || compare(t.version, top.version) < 0 || (compare(t.version, top.version) === 0 && !t.inclusive)) top = t;
  };
  for (const part of parts) {
    const m = /^(<=|<|>=|>|=|~|\^)?\s*v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(part);
    if (!m) return null;
    const op = m[1] ?? '';
    const nums = [m[2], m[3], m[4]].map((p) => (p === undefined || !/^\d+$/.test(p) ? null : Number(p)));
    const a = nums[0]!;
    const b = nums[1] ?? null;
    const c = nums[2] ?? null;
    if (op === '>=' || op === '>') continue;
    if (op === '<' || op === '<=') lower({ version: [a, b ?? 0, c ?? 0], inclusive: op === '<=' });
    else if (op === '^') lower(a > 0 ? { version: [a + 1, 0, 0], inclusive: false } : { version: [0, (b ?? 0) + 1, 0], inclusive: false });
    else if (op === '~') lower(b === null ? { version: [a + 1, 0, 0], inclusive: false } : { version: [a, b + 1, 0], inclusive: false });
    else if (b === null) lower({ version: [a + 1, 0, 0], inclusive: false });
    else if (c === null) lower({ version: [a, b + 1, 0], inclusive: false });
    else lower({ version: [a, b, c], inclusive: true });
  }
  return top;
}

const valuesRefs = (hr: HelmRelease): PolicyRef[] =>
  valuesNetworkPolicies(hr).map((path) => ({ id: `${hr.id}#${path}`, kind: 'values', name: `${hr.name} (${path})`, why: valuesPolicyWhy(path), defaultDeny: false, ref: refOf(hr.source) }));

/** Why a chart's NetworkPolicy counts: switched on in the values, or the chart's default. */
export function valuesPolicyWhy(path: string): string {
  return path.endsWith("(the chart's default)") ? 'the chart makes it by default' : 'the chart makes it, switched on in the values';
}

/**
 * Whether an app's or a namespace's network coverage is judged at all: flux-system only where Flux's
 * own install is in the repository (bootstrap, the flux-operator's FluxInstance and an OCI artifact
 * install NetworkPolicies this repository does not show).
 */
export function networkJudged(model: RepoModel, namespace: string): boolean {
  if (namespace !== 'flux-system') return true;
  let inRepo = fluxInstall.get(model);
  if (inRepo === undefined) {
    inRepo = model.objects.some((o) => o.kind === 'Deployment' && o.namespace === 'flux-system' && /^(kustomize|source|helm)-controller$/.test(o.name) && isLive(o, model));
    fluxInstall.set(model, inRepo);
  }
  return inRepo;
}
const fluxInstall = new WeakMap<RepoModel, boolean>();

const generatedRef = (g: GeneratedPolicy): PolicyRef => ({ id: g.id, kind: g.kind, name: g.name, why: g.why, defaultDeny: g.defaultDeny, ...(g.isolates ? { isolates: g.isolates } : {}), ref: refOf(g.source) });

/** `whole`: it reaches every pod of the place (a policy of some pods makes no default of the namespace). */
const toRef = (p: NetworkPolicy, why: string, whole = true): PolicyRef => ({ id: p.id, kind: p.kind, name: p.name, why, defaultDeny: p.defaultDeny, ...(p.isolates && whole ? { isolates: p.isolates } : {}), ref: refOf(p.source) });

/** The network matrix of a model (once per model: the health report and every app page ask). */
export const networkMatrix = perModel(computeNetworkMatrix);

function computeNetworkMatrix(model: RepoModel): { result: NetworkMatrix; findings: Finding[] } {
  const findings: Finding[] = [];
  // Where there are several clusters, a namespace is one of a cluster: each cluster's bootstrap builds
  // its own path, so a policy one cluster applies covers nothing on another (outside review: a policy
  // of one cluster listed as covering the other's app, and the other's NETWORK_POLICY_MISSING lost).
  // What belongs to no cluster (a copy no cluster builds) is of every cluster.
  const multi = model.clusters.length > 1;
  const clusterOf = (o: { cluster?: string | null }) => (multi ? (o.cluster ?? null) : null);
  const place = (cluster: string | null, ns: string) => `${cluster ?? ''}\u0000${ns}`;
  const sameCluster = (a: string | null, b: string | null) => a === null || b === null || a === b;
  const policies = model.networkPolicies.filter((p) => isLive(p, model));
  const liveApps = model.apps.filter((a) => isDeployedApp(a, model) && !isExternalApp(a, model));
  // Namespaces where something runs: a live workload or HelmRelease of this repository. A namespace
  // only configuration, a folder not deployed, or another repository's objects land in has no pods
  // this repository shows, so nothing to judge.
  // (Not `default` where a build put a workload there for want of a namespace: none runs there.)
  // (A HelmRelease runs where it installs: its targetNamespace, not flux-system where it is written.)
  const installs = new Map(model.helmReleases.map((h) => [h.id, h.targetNamespace]));
  // (Nor what only a Kustomization whose build fails would apply: nothing of it runs; outside review.)
  const failing = new Set(model.kustomizations.filter((k) => k.appliesNothing === true).map((k) => k.id));
  const workloads = model.objects.filter((o) => o.namespace && !o.namespaceDefaulted && WORKLOADS.has(o.kind) && isLive(o, model) && !(o.owner !== null && failing.has(o.owner)));
  const running = new Set(workloads.map((o) => place(clusterOf(o), (o.kind === 'HelmRelease' ? installs.get(o.id) : null) ?? o.namespace!)));
  const runs = (cluster: string | null, ns: string) => running.has(place(cluster, ns)) || (cluster !== null && running.has(place(null, ns)));
  /** The deployed apps of the workloads of each namespace, by cluster: the apps whose pods run there. */
  const deployedIds = new Set(model.apps.filter((a) => !a.disabled && !a.notDeployed).map((a) => a.id));
  const runnersIn = new Map<string, string[]>();
  for (const o of workloads) {
    if (!o.appId || !deployedIds.has(o.appId)) continue;
    const key = place(clusterOf(o), (o.kind === 'HelmRelease' ? installs.get(o.id) : null) ?? o.namespace!);
    (runnersIn.get(key) ?? runnersIn.set(key, []).get(key)!).push(o.appId);
  }
  const releasesOf = (app: App) => new Set([app.name, ...(groupBy(model.helmReleases, appIdOf).get(app.id) ?? []).map((h) => h.releaseName)]);
  const namesIn = Map.groupBy(liveApps, (a) => place(clusterOf(a), a.namespace));
  // The policies that may reach a namespace (its own, and cluster-wide ones, of its cluster), in the
  // model's order: each app and namespace looks at those only, not at every policy of the repository.
  const mayReach = new Map<string, NetworkPolicy[]>();
  const policiesFor = (cluster: string | null, ns: string) => {
    const key = place(cluster, ns);
    let list = mayReach.get(key);
    if (!list) mayReach.set(key, (list = policies.filter((p) => (p.flavour === 'cilium-clusterwide' || p.namespace === ns) && sameCluster(clusterOf(p), cluster))));
    return list;
  };
  // (And every namespace where a live workload runs, also one whose workloads sit in an app of another
  // namespace: a plain install folder the bootstrap applies, a chart dump beside its Namespace.)
  const places = new Map<string, { cluster: string | null; namespace: string }>();
  for (const a of liveApps) places.set(place(clusterOf(a), a.namespace), { cluster: clusterOf(a), namespace: a.namespace });
  for (const o of workloads) places.set(place(clusterOf(o), o.namespace!), { cluster: clusterOf(o), namespace: o.namespace! });
  const placedNames = new Set([...places.values()].map((p) => p.namespace));
  for (const ns of model.namespaces) if (!placedNames.has(ns)) places.set(place(null, ns), { cluster: null, namespace: ns });
  const sorted = [...places.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || (a.cluster ?? '').localeCompare(b.cluster ?? ''));
  // Each namespace's labels, from its Namespace manifest (what a clusterwide policy may select it by).
  const namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  for (const o of model.objects) if (o.group === '' && o.kind === 'Namespace' && !offInText(o.disabled)) namespaceLabels.set(place(clusterOf(o), o.name), { ...(namespaceLabels.get(place(clusterOf(o), o.name)) ?? {}), ...o.labels });
  const labelsIn = (cluster: string | null): NamespaceLabels => (ns) => namespaceLabels.get(place(cluster, ns)) ?? namespaceLabels.get(place(null, ns)) ?? null;
  const namespaces: NamespaceNetworkRow[] = sorted.map(({ cluster, namespace: ns }) => {
    const appNames = new Set((namesIn.get(place(cluster, ns)) ?? []).flatMap((a) => [...releasesOf(a)]));
    const refs = policiesFor(cluster, ns).flatMap((p) => {
      const why = reaches(p, ns, appNames, labelsIn(cluster));
      return why ? [toRef(p, why, selectsWholeNamespace(p))] : [];
    });
    return { namespace: ns, ...(cluster !== null ? { cluster } : {}), policies: refs, defaultDeny: false, denyText: 'no' };
  });
  // Flux's own install ships NetworkPolicies for flux-system (allow-egress, allow-scraping,
  // allow-webhooks). Where the install is not in the repository (bootstrap, flux-operator's
  // FluxInstance, an OCI artifact) nothing here says whether they were kept: do not judge.
  // A chart's own NetworkPolicies, switched on in a release's values, cover the release's namespace.
  const liveReleases = model.helmReleases.filter((h) => isLive(h, model));
  const meshNamespaces = meshAuthorized(model);
  // Policies that enforce egress only leave every pod open to traffic from anywhere: no cover for
  // NETWORK_POLICY_MISSING (the generated ones join below).
  const egressOnly = new Set(model.networkPolicies.filter((p) => p.policyTypes.length > 0 && !p.policyTypes.includes('Ingress')).map((p) => p.id));
  const releasesIn = Map.groupBy(liveReleases, (h) => h.targetNamespace ?? h.namespace);
  const releasesByApp = Map.groupBy(liveReleases, (h) => h.appId);
  for (const row of namespaces) {
    // Where the release installs: spec.targetNamespace, else its own namespace.
    const fromValues = (releasesIn.get(row.namespace) ?? []).filter((h) => sameCluster(clusterOf(h), row.cluster ?? null)).flatMap(valuesRefs);
    if (fromValues.length > 0) row.policies.push(...fromValues);
    // A Kyverno generate rule's NetworkPolicy, made in each Namespace the rule matches.
    const made = generatedPolicies(model, row.namespace);
    for (const g of made) if (g.egressOnly) egressOnly.add(g.id);
    const generated = made.map(generatedRef);
    if (generated.length > 0) row.policies.push(...generated);
    row.denyText = denyText(row.policies);
    row.defaultDeny = row.denyText !== 'no';
  }
  const appsByNamespace = Map.groupBy(model.apps.filter((a) => !a.disabled && !a.notDeployed), (a) => a.namespace);
  for (const row of namespaces) {
    const cluster = row.cluster ?? null;
    const egressAlone = row.policies.length > 0 && row.policies.every((p) => egressOnly.has(p.id));
    if ((row.policies.length && !egressAlone) || !runs(cluster, row.namespace)) continue;
    if (!networkJudged(model, row.namespace)) continue;
    // A service mesh's authorization in the namespace (Linkerd's Server and AuthorizationPolicy, Istio's
    // AuthorizationPolicy) restricts what reaches its pods as a NetworkPolicy would (outside review: a
    // meshed namespace with Linkerd policies, under a cluster-wide deny default, was "open to anywhere").
    if (meshNamespaces.has(`${cluster ?? ''}|${row.namespace}`)) continue;
    const where = namespaceSource(model, row.namespace, cluster);
    if (!where) continue;
    // On the pages of the apps that run there, not of whoever applies the cluster-scoped Namespace
    // object (a root, a namespace component, the Kustomization above a shared base): filed under the
    // one app of the namespace, else the one that holds the Namespace or whose folder holds it, else
    // the first; the others show it too. (A folder of one-file apps, `logging/release-loki.yaml` beside
    // `namespace.yaml`: no app's folder is the Namespace's; outside review, it was the wrapper's.)
    const here = (appsByNamespace.get(row.namespace) ?? []).filter((a) => sameCluster(clusterOf(a), cluster));
    const runners = [...new Set([...(runnersIn.get(place(cluster, row.namespace)) ?? []), ...(cluster !== null ? (runnersIn.get(place(null, row.namespace)) ?? []) : [])])].sort();
    const holder = groupBy(model.objects, namespaceObjectName).get(row.namespace)?.find((o) => isLive(o, model) && sameCluster(clusterOf(o), cluster) && o.source.file === where.file && o.source.line === where.line)?.appId ?? null;
    const app =
      (here.length === 1 ? here[0] : undefined) ??
      (holder !== null && runners.includes(holder) ? model.apps.find((a) => a.id === holder) : undefined) ??
      here.find((a) => where.file.startsWith(`${a.dir}/`)) ??
      (runners.length > 0 ? model.apps.find((a) => a.id === runners[0]) : undefined);
    const also = runners.filter((id) => id !== app?.id);
    const has = egressAlone ? `only policies that enforce egress (${[...new Set(row.policies.map((p) => p.name))].sort().join(', ')})` : 'no NetworkPolicy or CiliumNetworkPolicy';
    const named = cluster === null ? `Namespace ${row.namespace}` : `Namespace ${row.namespace} of cluster ${cluster}`;
    findings.push(finding('NETWORK_POLICY_MISSING', 'info', `${named} has ${has}: every pod in it accepts traffic from anywhere.`, where, { area: 'network', objectId: `Namespace/_cluster/${row.namespace}${cluster === null ? '' : `@${cluster}`}`, ...(app ? { appId: app.id } : {}), ...(app && also.length > 0 ? { alsoAppIds: also } : {}) }));
  }
  const apps: AppNetworkRow[] = liveApps.map((app) => {
    const releases = releasesOf(app);
    const refs = policiesFor(clusterOf(app), app.namespace).flatMap((p) => {
      // A policy of the namespace counts where it selects all of it, is the app's own, or names it.
      if (!selectsWholeNamespace(p) && p.appId !== app.id && !namesAny(p, releases)) return [];
      const why = reaches(p, app.namespace, releases, labelsIn(clusterOf(app)));
      return why ? [toRef(p, why, selectsWholeNamespace(p))] : [];
    });
    refs.push(...(releasesByApp.get(app.id) ?? []).flatMap(valuesRefs));
    refs.push(...generatedPolicies(model, app.namespace).filter((g) => g.selectsAll).map(generatedRef));
    const text = denyText(refs);
    return { appId: app.id, namespace: app.namespace, policies: refs, defaultDeny: text !== 'no', denyText: text };
  });
  apps.sort((a, b) => a.appId.localeCompare(b.appId));
  return { result: { namespaces, apps, covered: namespaces.filter((n) => n.policies.length > 0).length }, findings };
}

/**
 * Where to point for a namespace: its live Namespace object, else its first deployed app, else its
 * first live object. A copy nothing deploys (an archive folder, a file left out of its
 * kustomization.yaml) is no place to fix a namespace that runs something else.
 */
function namespaceSource(model: RepoModel, ns: string, cluster: string | null = null): Source | null {
  const here = (o: { cluster?: string | null }) => cluster === null || (o.cluster ?? null) === null || o.cluster === cluster;
  const nsObj = groupBy(model.objects, namespaceObjectName).get(ns)?.find((o) => isLive(o, model) && here(o));
  if (nsObj) return nsObj.source;
  const app = groupBy(model.apps, namespaceOf).get(ns)?.find((a) => !a.notDeployed && isDeployedApp(a, model) && here(a));
  if (app) return app.source;
  return groupBy(model.objects, namespaceOf).get(ns)?.find((o) => isLive(o, model) && here(o))?.source ?? null;
}

// Index keys (module-level: src/model/group-by.ts groups each list once per key function).
const namespaceObjectName = (o: KObject) => (o.kind === 'Namespace' && o.group === '' ? o.name : null);
const namespaceOf = (o: { namespace: string | null }) => o.namespace;
