import { choosesNamespace, type Isolation, type NetworkPolicy, type SelectorRequirement } from '../../model/network.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import type { WorkDoc } from '../build/work-doc.ts';
import { base } from './base.ts';

/** What a policy's spec says, apart from where it is written: shared by manifests and the policies Kyverno generates. */
export type PolicyFacts = Pick<NetworkPolicy, 'flavour' | 'podSelector' | 'podExpressions' | 'selectsAll' | 'policyTypes' | 'defaultDeny' | 'isolates'>;

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
  const isolates = selectsAll ? isolation(flavour, spec, directions.types) : [];
  return { flavour, podSelector: matchLabels, ...(expressions.length > 0 ? { podExpressions: expressions } : {}), selectsAll, policyTypes: directions.types, defaultDeny: selectsAll && directions.denyAll, ...(isolates.length > 0 ? { isolates } : {}) };
}

/**
 * The directions a policy that selects every pod enforces, with the peers it allows there: a pod
 * selected by any policy for a direction accepts only what some policy allows, so a policy that
 * allows the cluster only is a default deny of the rest
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation,
 * https://docs.cilium.io/en/stable/security/policy/intro/). One that lets every peer through isolates nothing.
 */
function isolation(flavour: NetworkPolicy['flavour'], spec: Obj, types: string[]): Isolation[] {
  const out: Isolation[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    if (!types.includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
    const allows = flavour === 'kubernetes' ? kubernetesPeers(arr(spec[direction]), direction) : ciliumPeers(arr(spec[direction]), direction, flavour === 'cilium-clusterwide');
    if (allows !== null) out.push({ direction, allows });
  }
  return out;
}

/** What a Kubernetes policy's rules of one direction let through, named; null: every peer (`- {}`, a rule with no peer and no port). */
function kubernetesPeers(rules: unknown[], direction: 'ingress' | 'egress'): string[] | null {
  const out: string[] = [];
  for (const r of rules) {
    const rule = obj(r);
    const peers = arr(rule[direction === 'ingress' ? 'from' : 'to']);
    if (peers.length === 0) {
      if (arr(rule.ports).length === 0) return null;
      out.push('any peer on some ports');
      continue;
    }
    for (const peer of peers.map(obj)) {
      const cidr = str(obj(peer.ipBlock).cidr);
      if (cidr) {
        if (cidr === '0.0.0.0/0' || cidr === '::/0') out.push('any address');
        else out.push(`CIDR ${cidr}`);
        continue;
      }
      const pods = isObj(peer.podSelector) ? obj(peer.podSelector) : null;
      const namespaces = isObj(peer.namespaceSelector) ? obj(peer.namespaceSelector) : null;
      const every = (sel: Obj | null) => sel !== null && Object.keys(obj(sel.matchLabels)).length === 0 && arr(sel.matchExpressions).length === 0;
      if (namespaces === null) out.push(every(pods) ? 'same namespace' : 'some pods of the namespace');
      else if (every(namespaces)) out.push(pods === null || every(pods) ? 'all namespaces' : 'some pods of all namespaces');
      else out.push(`namespaces with ${labelsOf(namespaces)}`);
    }
  }
  return [...new Set(out)];
}

/**
 * What a Cilium policy's allow rules of one direction let through, named; null: every peer (the
 * `all` entity, or a rule with ports only, which Cilium reads as any peer on them, and no port either).
 * `fromEndpoints: [{}]` is every endpoint of the policy's namespace, of the cluster for a
 * clusterwide policy.
 */
function ciliumPeers(rules: unknown[], direction: 'ingress' | 'egress', clusterwide: boolean): string[] | null {
  const out: string[] = [];
  const pre = direction === 'ingress' ? 'from' : 'to';
  for (const r of rules) {
    if (grantsNothing(r)) continue;
    const rule = obj(r);
    const peerKeys = Object.keys(rule).filter((k) => k.startsWith(pre) && k !== 'toPorts' && k !== 'icmps' && !NON_GRANTING.has(k) && arr(rule[k]).length > 0);
    if (peerKeys.length === 0) {
      if (arr(rule.toPorts).length === 0 && arr(rule.icmps).length === 0) return null;
      out.push('any peer on some ports');
      continue;
    }
    for (const key of peerKeys) {
      const entries = arr(rule[key]);
      if (key === `${pre}Entities`) {
        const entities = entries.flatMap((e) => str(e) ?? []);
        if (entities.includes('all')) return null;
        for (const e of entities) out.push(e);
      } else if (key === `${pre}Endpoints`) {
        for (const e of entries.map(obj)) {
          const every = Object.keys(obj(e.matchLabels)).length === 0 && arr(e.matchExpressions).length === 0;
          out.push(every ? (clusterwide ? 'all endpoints' : 'same namespace') : 'some endpoints');
        }
      } else if (key === `${pre}CIDR` || key === `${pre}CIDRSet`) out.push('CIDRs');
      else if (key === 'toFQDNs') out.push('FQDNs');
      else out.push(key.slice(pre.length).replace(/^./, (c) => c.toLowerCase()));
    }
  }
  return [...new Set(out)];
}

const labelsOf = (sel: Obj): string =>
  [...Object.entries(obj(sel.matchLabels)).map(([k, v]) => `${k}=${String(v)}`), ...arr(sel.matchExpressions).map((e) => `${str(obj(e).key) ?? '?'} ${str(obj(e).operator) ?? '?'}`)].join(', ');

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
