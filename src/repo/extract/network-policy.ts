import { choosesNamespace, type NetworkPolicy, type SelectorRequirement } from '../../model/network.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base } from './base.ts';

/** What a policy's spec says, apart from where it is written: shared by manifests and the policies Kyverno generates. */
export type PolicyFacts = Pick<NetworkPolicy, 'flavour' | 'podSelector' | 'podExpressions' | 'selectsAll' | 'policyTypes' | 'defaultDeny'>;

export function toNetworkPolicy(d: WorkDoc): NetworkPolicy {
  const flavour: NetworkPolicy['flavour'] = d.kind === 'NetworkPolicy' && d.group === 'networking.k8s.io' ? 'kubernetes' : d.kind === 'CiliumClusterwideNetworkPolicy' ? 'cilium-clusterwide' : 'cilium';
  return { ...base(d), ...policyFacts(flavour, obj(d.body.spec)) };
}

/** The selector, directions and default deny of a NetworkPolicy, CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy spec. */
export function policyFacts(flavour: NetworkPolicy['flavour'], spec: Obj): PolicyFacts {
  const selector = flavour === 'kubernetes' ? obj(spec.podSelector) : obj(spec.endpointSelector);
  const matchLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(selector.matchLabels))) if (str(v) !== null) matchLabels[k] = str(v)!;
  const expressions = arr(selector.matchExpressions).flatMap(requirement);
  // A clusterwide policy's namespace label chooses namespaces: `NotIn [kube-system]` selects every pod of the others.
  const podKeys = [...Object.keys(matchLabels), ...expressions.map((e) => e.key)].filter((k) => flavour !== 'cilium-clusterwide' || !choosesNamespace(k));
  // A malformed requirement (no key) is not read, but still keeps the selector from selecting all.
  const selectsAll = podKeys.length === 0 && expressions.length === arr(selector.matchExpressions).length;
  const directions = flavour === 'kubernetes' ? kubernetesDirections(spec) : ciliumDirections(spec);
  return { flavour, podSelector: matchLabels, ...(expressions.length > 0 ? { podExpressions: expressions } : {}), selectsAll, policyTypes: directions.types, defaultDeny: selectsAll && directions.denyAll };
}

/** One matchExpressions entry, or none where it has no key or operator (a ServiceMonitor's and a PodMonitor's too). */
export function requirement(e: unknown): SelectorRequirement[] {
  const key = str(obj(e).key);
  const operator = str(obj(e).operator);
  if (!key || !operator) return [];
  return [{ key, operator, values: arr(obj(e).values).flatMap((v) => (str(v) !== null ? [str(v)!] : [])) }];
}

interface Directions {
  types: string[];
  /** Allows nothing in at least one direction it enforces. */
  denyAll: boolean;
}

/**
 * Kubernetes NetworkPolicy: policyTypes default to Ingress, plus Egress where the spec has an egress
 * section; a direction with no rule allows nothing (`ingress: [{}]` allows everything).
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
 */
function kubernetesDirections(spec: Obj): Directions {
  let types = arr(spec.policyTypes).flatMap((t) => (str(t) ? [str(t)!] : []));
  if (types.length === 0) types = spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
  const denyIngress = types.includes('Ingress') && arr(spec.ingress).length === 0;
  const denyEgress = types.includes('Egress') && arr(spec.egress).length === 0;
  return { types, denyAll: denyIngress || denyEgress };
}

/**
 * Cilium: a direction is enforced (default deny) when the rule has a rule in its allow or deny list
 * for it, unless `enableDefaultDeny` says otherwise; an empty or missing list means "this rule does
 * not apply" there (Cilium's api.Rule: "If omitted or empty, this rule does not apply at ingress";
 * Rule.Sanitize: `EnableDefaultDeny.Ingress = len(r.Ingress) > 0 || len(r.IngressDeny) > 0`).
 * So, unlike a Kubernetes NetworkPolicy, `ingress: [{}]` is Cilium's documented deny-all (the empty
 * rule allows no peer) and `ingress: []` enforces nothing.
 * https://docs.cilium.io/en/stable/security/policy/language/#ingress-egress-default-deny
 */
function ciliumDirections(spec: Obj): Directions {
  const flags = obj(spec.enableDefaultDeny);
  const types: string[] = [];
  let denyAll = false;
  for (const [type, allow, deny, flag] of [['Ingress', 'ingress', 'ingressDeny', 'ingress'], ['Egress', 'egress', 'egressDeny', 'egress']] as const) {
    const rules = arr(spec[allow]);
    const enforced = bool(flags[flag]) ?? (rules.length > 0 || arr(spec[deny]).length > 0);
    if (!enforced) continue;
    types.push(type);
    if (rules.every(grantsNothing)) denyAll = true;
  }
  return { types, denyAll };
}

/**
 * Fields of a Cilium rule that grant nothing on their own: `fromRequires`/`toRequires` ("do not grant
 * access privileges by themselves", Cilium's policy language) and the authentication mode.
 */
const NON_GRANTING = new Set(['fromRequires', 'toRequires', 'authentication']);

/**
 * A Cilium allow rule that lets no peer through: `{}` or only empty peer lists (`fromEndpoints: []`).
 * A rule with any other non-empty field (`fromEndpoints: [{}]` is every endpoint, `toPorts` alone is
 * any peer on those ports, a field this code does not know) counts as allowing something.
 */
function grantsNothing(rule: unknown): boolean {
  if (!isObj(rule)) return false;
  return Object.entries(rule).every(([k, v]) => NON_GRANTING.has(k) || v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0));
}
