/**
 * The namespaces a ClusterExternalSecret makes its ExternalSecret in: those `spec.namespaces` names,
 * and those whose labels one of its namespace selectors matches. A namespace's labels are known where
 * the repository holds its Namespace manifest; every namespace also carries
 * `kubernetes.io/metadata.name` (the API server sets it), so a selector on that label alone is known
 * for any namespace. https://external-secrets.io/latest/api/clusterexternalsecret/
 */
import { selectorMatches, type SelectorRequirement } from './label-selector.ts';
import type { KObject } from './k8s-object.ts';

const NAME_LABEL = 'kubernetes.io/metadata.name';

type Picker = { namespaces: readonly string[]; namespaceSelectors: readonly (readonly SelectorRequirement[])[] };

/** The labels of the namespaces a cluster's objects define (Namespace manifests, not switched off), by name. */
export function namespaceLabels(objects: readonly KObject[], cluster: string | null | undefined): ReadonlyMap<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (o.group !== '' || o.kind !== 'Namespace' || o.disabled || (o.cluster ?? null) !== (cluster ?? null)) continue;
    out.set(o.name, { ...(out.get(o.name) ?? {}), ...o.labels, [NAME_LABEL]: o.name });
  }
  return out;
}

/** A selector on the namespace's name alone: known for any namespace, whatever the repository holds. */
const byNameOnly = (selector: readonly SelectorRequirement[]) => selector.length > 0 && selector.every((r) => r.key === NAME_LABEL);

/**
 * Whether it picks `namespace`: true, false, or null where that depends on labels the repository does
 * not hold (no Namespace manifest of it). `labels`: the namespace's, where its manifest is known.
 */
export function picksNamespace(c: Picker, namespace: string, labels: Readonly<Record<string, string>> | null): boolean | null {
  if (c.namespaces.includes(namespace)) return true;
  let unknown = false;
  for (const selector of c.namespaceSelectors) {
    if (labels !== null || selector.length === 0 || byNameOnly(selector)) {
      if (selectorMatches(selector, labels ?? { [NAME_LABEL]: namespace })) return true;
    } else unknown = true;
  }
  return unknown ? null : false;
}

/**
 * What the repository tells of the namespaces it picks: those known (named, or the repository's
 * namespaces a selector matches, or those a selector on the name lists), `every` where an empty selector
 * picks them all, and `more` where a selector may pick namespaces whose labels the repository does not hold.
 */
export function knownPicks(c: Picker, defined: ReadonlyMap<string, Readonly<Record<string, string>>>): { namespaces: string[]; every: boolean; more: boolean } {
  const every = c.namespaceSelectors.some((s) => s.length === 0);
  const named = c.namespaceSelectors.filter(byNameOnly).flatMap((s) => s.flatMap((r) => (r.operator === 'In' ? r.values : [])));
  const candidates = new Set([...c.namespaces, ...defined.keys(), ...named]);
  const namespaces = [...candidates].filter((ns) => picksNamespace(c, ns, defined.get(ns) ?? null) === true).sort();
  // (A selector with an `In` on the name picks among those names only.)
  const more = !every && c.namespaceSelectors.some((s) => !(byNameOnly(s) && s.some((r) => r.operator === 'In')));
  return { namespaces, every, more };
}
