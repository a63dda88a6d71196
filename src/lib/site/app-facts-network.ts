/**
 * The network policies an app's page lists: its own and those of its namespace that select it, the
 * ones its charts make (switched on in the release values), and every other one the network matrix
 * counts for it. Split from app-facts.ts.
 */
import { sameCluster } from '../../analysis/health/common.ts';
import { networkMatrix, valuesNetworkPolicies, valuesPolicyWhy, type NetworkMatrix } from '../../analysis/health/network.ts';
import type { App } from '../../model/app.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { groupBy, positionIn } from '../../model/group-by.ts';
import type { AppFacts } from './app-facts-schema.ts';

type Policies = AppFacts['monitoring']['networkPolicies'];

/** Why a policy is listed where the app holds it. */
export const PART_OF_THE_APP = 'part of the app';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const policyAppOf = (p: { appId: string | null }) => p.appId;
const policyNamespaceOf = (p: { namespace: string | null; flavour: string }) => (p.flavour === 'cilium-clusterwide' ? '\u0000clusterwide' : p.namespace);
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The app's policies, for its page and README (`releases`: the releases the page shows). */
export function appNetworkPolicies(model: RepoModel, app: App, releases: readonly HelmRelease[]): Policies {
  const networkPolicies: Policies = [
    ...policiesFor(model, app),
    ...releases.flatMap((h) => valuesNetworkPolicies(h).map((path) => ({ kind: 'values', name: `${h.name} (${path})`, why: valuesPolicyWhy(path), defaultDeny: false, ref: ref(h.source) }))),
  ];
  // And every other policy the network matrix counts for the app (a cluster-wide one that selects its
  // namespace by expression, one a Kyverno generate rule makes in its namespace): the page says what
  // NETWORK_POLICY_MISSING and /health/network/ say, not "no NetworkPolicy selects this app" beside them.
  const listed = new Set(networkPolicies.map((p) => `${p.kind}\u0000${p.name}`));
  for (const r of matrixPolicies(model, app.id)) {
    if (!listed.has(`${r.kind}\u0000${r.name}`)) networkPolicies.push({ kind: r.kind, name: r.name, why: r.why, defaultDeny: r.defaultDeny, ref: r.ref });
  }
  return networkPolicies;
}

/**
 * NetworkPolicies that select the app: owned by it, namespace-wide, or matching its name label; of the
 * app's cluster, where the repository has several (another cluster's policy of the same namespace
 * selects that cluster's pods, as the network matrix counts them).
 */
function policiesFor(model: RepoModel, app: App): Policies {
  const out: Policies = [];
  // Only the policies of the app, of its namespace and the clusterwide ones can select it; in list order.
  const byNamespace = groupBy(model.networkPolicies, policyNamespaceOf);
  const candidates = new Set([...(groupBy(model.networkPolicies, policyAppOf).get(app.id) ?? []), ...(byNamespace.get(app.namespace) ?? []), ...(byNamespace.get('\u0000clusterwide') ?? [])]);
  const at = positionIn(model.networkPolicies);
  for (const p of [...candidates].sort((a, b) => at.of(a) - at.of(b))) {
    if (p.disabled || (p.appId !== app.id && !sameCluster(p.cluster, app.cluster))) continue;
    const sameNs = p.namespace === app.namespace || p.flavour === 'cilium-clusterwide';
    const labels = Object.values(p.podSelector);
    let why: string | null = null;
    if (p.appId === app.id) why = PART_OF_THE_APP;
    else if (sameNs && p.selectsAll && p.flavour !== 'cilium-clusterwide') why = 'selects every pod of the namespace';
    else if (sameNs && labels.length > 0 && labels.includes(app.name)) why = 'selects the app by label';
    if (why) out.push({ kind: p.kind, name: p.name, why, defaultDeny: p.defaultDeny, ref: ref(p.source) });
  }
  return out.sort(byName);
}

const networkRows = new WeakMap<RepoModel, Map<string, NetworkMatrix['apps'][number]>>();

/** The policies /health/network/ counts for the app (one matrix per model). */
function matrixPolicies(model: RepoModel, appId: string): NetworkMatrix['apps'][number]['policies'] {
  let rows = networkRows.get(model);
  if (!rows) networkRows.set(model, (rows = new Map(networkMatrix(model).result.apps.map((r) => [r.appId, r]))));
  return rows.get(appId)?.policies ?? [];
}

