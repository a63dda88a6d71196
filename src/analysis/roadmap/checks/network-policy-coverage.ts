import { namespacesNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * H-8.1: each namespace the item names has at least one live NetworkPolicy (Kubernetes or Cilium)
 * of its own. When the item names no namespace, every namespace that holds an app is measured.
 */
export const networkPolicyCoverage: NamedCheck = {
  name: 'network-policy-coverage',
  description: 'Namespaces named in the item (else all app namespaces) that have a NetworkPolicy.',
  topic: /network\s*polic/i,
  seedIds: ['H-8.1'],
  run({ item, model }) {
    const named = namespacesNamed(item, model);
    const targets =
      named.length > 0
        ? named
        : [...new Set(model.apps.map((a) => a.namespace))].sort().map((value) => ({ value, line: item.source.line }));
    const covered = new Set(model.networkPolicies.filter((p) => !p.disabled && p.namespace).map((p) => p.namespace!));
    const shortfalls: Shortfall[] = targets
      .filter((t) => !covered.has(t.value))
      .map((t) => ({ message: `Namespace ${t.value} has no NetworkPolicy.`, source: itemSource(item, t.line) }));
    const notes = named.length > 0 ? [] : ['The item names no namespace: every namespace with an app is measured.'];
    return outcome(targets.length - shortfalls.length, targets.length, shortfalls, notes);
  },
};
