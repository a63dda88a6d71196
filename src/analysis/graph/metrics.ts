import { cmp } from './build.ts';
import { adjacency } from './reach.ts';
import type { DepGraph } from './types.ts';

/** Numbers that answer "what is central, what is deep, what comes first" about a dependency graph. */
export interface GraphMetrics {
  /** Nodes others depend on, most depended-on first (then by id), with the count of direct dependents. */
  fanIn: { id: string; count: number }[];
  /** Longest dependsOn chain below each node: 0 = depends on nothing. */
  depth: Record<string, number>;
  /** The bootstrap critical path, in apply order: first the node everything waits for, last the deepest. */
  longestChain: string[];
  /** Depend on nothing but have dependents: what a fresh cluster applies first. */
  roots: string[];
  /** Depend on something; nothing depends on them. */
  leaves: string[];
  /** Neither depend nor are depended on. */
  isolated: string[];
  /** Kustomizations no cluster root reaches. */
  orphans: string[];
  /**
   * Wait for a dependsOn target that is not in the repository (or is switched off), directly or through what they depend
   * on: Flux never applies them (DEPENDS_ON_MISSING says where), so none of them is a root.
   */
  blocked: string[];
  counts: { nodes: number; kustomizationEdges: number; helmReleaseEdges: number; unresolvedEdges: number };
}

/**
 * Metrics over resolved edges. Edges that close a cycle are ignored for depth (the cycle itself is
 * a finding), so depth stays finite; the walk runs in id order, so the result is deterministic.
 */
export function graphMetrics(graph: DepGraph): GraphMetrics {
  const up = adjacency(graph, 'upstream');
  const down = adjacency(graph, 'downstream');
  const ids = graph.nodes.map((n) => n.id);

  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    onPath.add(id);
    let d = 0;
    for (const dep of up.get(id) ?? []) if (!onPath.has(dep)) d = Math.max(d, visit(dep) + 1);
    onPath.delete(id);
    depth.set(id, d);
    return d;
  };
  ids.forEach(visit);

  let deepest: string | undefined;
  for (const id of ids) if (deepest === undefined || depth.get(id)! > depth.get(deepest)!) deepest = id;
  const chain: string[] = [];
  for (let at = deepest; at !== undefined; ) {
    chain.push(at);
    const want = depth.get(at)! - 1;
    at = want < 0 ? undefined : (up.get(at) ?? []).find((d) => depth.get(d) === want && !chain.includes(d));
  }

  const fanIn = ids
    .map((id) => ({ id, count: (down.get(id) ?? []).length }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || cmp(a.id, b.id));
  // A dependsOn entry naming nothing still makes its object wait (forever): it depends on something.
  const dangling = new Set(graph.edges.filter((e) => !e.resolved).map((e) => e.from));
  const suspended = new Set(graph.nodes.filter((n) => n.suspended).map((n) => n.id));
  const hasUp = (id: string) => (up.get(id) ?? []).length > 0 || dangling.has(id);
  const hasDown = (id: string) => (down.get(id) ?? []).length > 0;
  const blocked = new Set<string>();
  const stack = [...dangling].sort(cmp);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (blocked.has(id)) continue;
    blocked.add(id);
    for (const next of down.get(id) ?? []) stack.push(next);
  }

  return {
    fanIn,
    depth: Object.fromEntries(ids.map((id) => [id, depth.get(id)!])),
    longestChain: chain.length > 1 ? chain.reverse() : [],
    // (Not a suspended one: Flux applies nothing of it, so nothing waiting for it comes after it.)
    roots: ids.filter((id) => !hasUp(id) && hasDown(id) && !suspended.has(id)),
    leaves: ids.filter((id) => hasUp(id) && !hasDown(id)),
    isolated: ids.filter((id) => !hasUp(id) && !hasDown(id)),
    orphans: graph.nodes.filter((n) => n.kind === 'kustomization' && !n.reachedFromRoot && !n.isRoot).map((n) => n.id),
    blocked: ids.filter((id) => blocked.has(id)),
    counts: {
      nodes: ids.length,
      kustomizationEdges: graph.edges.filter((e) => e.kind === 'kustomization').length,
      helmReleaseEdges: graph.edges.filter((e) => e.kind === 'helmrelease').length,
      unresolvedEdges: graph.edges.filter((e) => !e.resolved).length,
    },
  };
}
