/**
 * Kyverno generate rules that give Namespaces a NetworkPolicy: which policy, and for which Namespace
 * names. Kyverno matches a Namespace's `names` and `namespaces` filters against its name
 * (`checkNameSpace`: "if resource.GetKind() == "Namespace" { resourceNameSpace = resource.GetName() }")
 * with wildcards; labels, annotations and the requesting user are not in a repository, so a filter
 * on them is read as admitting every Namespace (and an exclude on them as excluding none): a
 * NETWORK_POLICY_MISSING on a guess is worse than one missed.
 * https://kyverno.io/docs/writing-policies/match-exclude/
 */
import type { NetworkPolicy } from '../../model/network.ts';
import type { GeneratedNetworkPolicy } from '../../model/policy.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import { policyFacts } from './network-policy.ts';

/** The NetworkPolicy a rule generates for each Namespace it matches; null when it generates none, or not on Namespaces. */
export function generatedNetworkPolicy(rule: Obj, policyGeneratesExisting = false): GeneratedNetworkPolicy | null {
  const generate = obj(rule.generate);
  const flavour = generatedFlavour(generate);
  if (!flavour) return null;
  const forNamespaces = matchedNamespaces(obj(rule.match));
  if (forNamespaces === undefined) return null;
  const data = obj(generate.data);
  // A clone's content is another object's: it counts as a policy, not as a default deny.
  const facts = isObj(generate.data) ? policyFacts(flavour, obj(data.spec)) : null;
  const namespace = str(generate.namespace);
  return {
    kind: str(generate.kind) ?? 'NetworkPolicy',
    name: str(generate.name) ?? '',
    namespace: namespace && !namespace.includes('{{') ? namespace : null,
    selectsAll: facts?.selectsAll ?? false,
    defaultDeny: facts?.defaultDeny ?? false,
    ...(facts?.isolates ? { isolates: facts.isolates } : {}),
    forNamespaces,
    exceptNamespaces: excludedNamespaces(obj(rule.exclude)),
    ...(facts ? { egressOnly: !facts.policyTypes.includes('Ingress') } : {}),
    // (Also for the Namespaces there before the rule: `generateExisting`, the policy's or the rule's.)
    ...(policyGeneratesExisting || bool(generate.generateExisting) === true ? { existing: true as const } : {}),
  };
}

/** The policy kind a generate block makes (`kind` with its `apiVersion`'s group, or a cloneList's `group/version/Kind`). */
function generatedFlavour(generate: Obj): NetworkPolicy['flavour'] | null {
  const kinds = [`${(str(generate.apiVersion) ?? '').split('/').slice(0, -1).join('/')}/${str(generate.kind) ?? ''}`, ...arr(obj(generate.cloneList).kinds).map((k) => str(k) ?? '')];
  for (const k of kinds) {
    const parts = k.split('/');
    const kind = parts.at(-1);
    // The API group is the dotted part (`networking.k8s.io/v1/NetworkPolicy`); none written is no other group.
    const group = parts.slice(0, -1).find((p) => p.includes('.')) ?? '';
    if (kind === 'NetworkPolicy' && (group === 'networking.k8s.io' || group === '')) return 'kubernetes';
    if (kind === 'CiliumNetworkPolicy' && (group === 'cilium.io' || group === '')) return 'cilium';
  }
  return null;
}

/** Resource filters of a match or exclude block: `any` (one is enough), `all` (every one), or the legacy `resources` with `subjects` beside it. */
function filters(block: Obj): { any: Obj[]; all: Obj[] } {
  const any = arr(block.any).map(obj);
  const all = arr(block.all).map(obj);
  if (block.resources !== undefined) any.push(block);
  return { any, all };
}

const namespaceKind = (f: Obj) => arr(obj(f.resources).kinds).some((k) => ['Namespace', '*'].includes((str(k) ?? '').split('/').at(-1) ?? ''));

/** The Namespace names (wildcards) a filter narrows to by name; null where it does not narrow by name. */
function namePatterns(f: Obj): string[] | null {
  const res = obj(f.resources);
  const names = [...arr(res.names), res.name].flatMap((n) => str(n) ?? []);
  const namespaces = arr(res.namespaces).flatMap((n) => str(n) ?? []);
  // Both: a Namespace must match each; either list is a superset of that.
  return names.length > 0 ? names : namespaces.length > 0 ? namespaces : null;
}

/** The Namespace names the match admits (null: any); undefined when it does not match Namespaces at all. */
function matchedNamespaces(match: Obj): string[] | null | undefined {
  const { any, all } = filters(match);
  if (all.length > 0) {
    if (!all.every(namespaceKind)) return undefined;
    // Every filter must hold: the first that narrows by name is a superset of what all admit.
    return all.map(namePatterns).find((p) => p !== null) ?? null;
  }
  const onNamespaces = any.filter(namespaceKind);
  if (onNamespaces.length === 0) return undefined;
  const patterns = onNamespaces.map(namePatterns);
  return patterns.some((p) => p === null) ? null : [...new Set(patterns.flat() as string[])].sort();
}

/** Fields of a filter this code can judge from a repository: kinds and names. Any other narrows the exclude to what it cannot see. */
const NAME_ONLY = new Set(['kinds', 'names', 'name', 'namespaces']);

/** Namespace names an exclude block leaves out for certain: filters on names alone (`any`, or a lone `all`). */
function excludedNamespaces(exclude: Obj): string[] {
  const { any, all } = filters(exclude);
  const certain = [...any, ...(all.length === 1 ? all : [])].filter((f) => {
    const res = obj(f.resources);
    const kinds = arr(res.kinds);
    return Object.keys(f).every((k) => k === 'resources') && Object.keys(res).every((k) => NAME_ONLY.has(k)) && (kinds.length === 0 || namespaceKind(f));
  });
  return [...new Set(certain.flatMap((f) => (arr(obj(f.resources).names).length > 0 && arr(obj(f.resources).namespaces).length > 0 ? [] : (namePatterns(f) ?? []))))].sort();
}
