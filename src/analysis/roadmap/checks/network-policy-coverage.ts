import { namespacesNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-8.1: each namespace the item names has at least one live NetworkPolicy (Kubernetes or Cilium)
 * of its own. When the item names no namespace, every namespace that holds an app is measured; when
 * the namespaces it names by its paths (`kubernetes/apps/<namespace>/...`) are none of this
 * repository's (a roadmap written for another repository), nothing is measured.
 */
export const networkPolicyCoverage: NamedCheck = {
  name: 'network-policy-coverage',
  description: 'Namespaces named in the item (else all app namespaces) that have a NetworkPolicy.',
  topic: /network\s*polic/i,
  seedIds: ['H-8.1'],
  run({ item, model }) {
    const named = namespacesNamed(item, model);
    const known = new Set(model.namespaces);
    // `apps/<x>/` names a namespace of another repository only where nothing of this one is under it
    // (`apps/base/`, `apps/production/` are folders of this repository, not namespaces).
    const folders = new Set(model.files.flatMap((f) => /(?:^|\/)apps\/([^/]+)\//.exec(f.path)?.[1] ?? []));
    const elsewhere = [
      ...new Set(
        [...item.filesToCreate, ...item.files, ...item.filesToUpdate].flatMap((ref) => {
          const m = /(?:^|\/)apps\/([a-z0-9][a-z0-9-]{0,62})\//.exec(ref.path);
          return m && !known.has(m[1]!) && !folders.has(m[1]!) ? [m[1]!] : [];
        }),
      ),
    ].sort();
    if (named.length === 0 && elsewhere.length > 0) return outcome(0, 0, [], [`The item names namespaces this repository does not have (${elsewhere.join(', ')}): not measured.`]);
    const targets =
      named.length > 0
        ? named
        : [...new Set(model.apps.map((a) => a.namespace))].sort().map((value) => ({ value, line: item.source.line }));
    const covered = new Set(model.networkPolicies.filter((p) => !p.disabled && p.namespace).map((p) => p.namespace!));
    const shortfalls: Shortfall[] = targets
      .filter((t) => !covered.has(t.value))
      .map((t) => ({ message: `Namespace ${t.value} has no NetworkPolicy.`, source: itemSource(item, t.line) }));
    const notes = named.length > 0 ? (elsewhere.length > 0 ? [`Named but not in this repository: ${elsewhere.join(', ')}.`] : []) : ['The item names no namespace: every namespace with an app is measured.'];
    return outcome(targets.length - shortfalls.length, targets.length, shortfalls, notes);
  },
};
