/**
 * Dependency layers of the Flux graph: layer 0 needs nothing, layer n needs only layers below n.
 * Nodes on or behind a cycle never get a layer; Flux would wait on them forever, so they are
 * returned apart. Pure, linear in nodes + edges.
 */
import type { DepGraph, GraphNode } from '../graph/types.ts';

export interface Layering {
  /** Node ids per layer, each layer sorted by id. */
  layers: string[][];
  /** Layer of every placed node. */
  layerOf: Map<string, number>;
  /** Nodes that could not be placed (on a cycle or depending on one), sorted. */
  blocked: string[];
}

/**
 * `appliedBy` (node -> the Kustomization that applies it): an object does not exist before the
 * Kustomization that applies it has built, so it is in that one's layer or a later one (outside review:
 * apps in layer 0 while the `cluster-apps` that applies them, which waits for the Flux operator, was in
 * layer 1). An applier that itself waits for what it applies keeps its dependsOn alone (no new cycle).
 * Linear in nodes + edges per round; a round more only where an applier edge closes a cycle.
 */
export function layerGraph(graph: DepGraph, appliedBy: ReadonlyMap<string, string> = new Map()): Layering {
  const deps = dependencies(graph);
  const alone = layered(graph, deps, new Map());
  if (appliedBy.size === 0) return alone;
  // An applier edge that closes a cycle (an applier waiting for what it applies, or a loop of owners,
  // which no real build makes) is dropped: only dependsOn may block a node.
  const edges = new Map(appliedBy);
  for (let round = 0; round < 8; round++) {
    const result = layered(graph, deps, edges);
    const newlyBlocked = result.blocked.filter((id) => !alone.blocked.includes(id));
    if (newlyBlocked.length === 0) return result;
    for (const id of newlyBlocked) edges.delete(id);
  }
  return alone;
}

function layered(graph: DepGraph, deps: ReadonlyMap<string, readonly string[]>, appliedBy: ReadonlyMap<string, string>): Layering {
  const ids = new Set(graph.nodes.map((n) => n.id));
  // Each edge: from the node to what it waits for, and how many layers after it (1: Ready first; 0: applied first).
  const waitsFor = new Map<string, { to: string; gap: number }[]>();
  for (const n of graph.nodes) {
    const list = (deps.get(n.id) ?? []).map((to) => ({ to, gap: 1 }));
    const parent = appliedBy.get(n.id);
    if (parent !== undefined && ids.has(parent) && parent !== n.id && !list.some((e) => e.to === parent)) list.push({ to: parent, gap: 0 });
    waitsFor.set(n.id, list);
  }
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  for (const n of graph.nodes) {
    const list = waitsFor.get(n.id)!;
    waiting.set(n.id, list.length);
    for (const e of list) dependents.set(e.to, [...(dependents.get(e.to) ?? []), n.id]);
  }
  // Kahn's order over both kinds of edge; a node's layer is the latest its edges allow.
  const layerOf = new Map<string, number>();
  let ready = graph.nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  while (ready.length > 0) {
    const next: string[] = [];
    for (const id of ready) {
      layerOf.set(id, Math.max(0, ...waitsFor.get(id)!.map((e) => (layerOf.get(e.to) ?? 0) + e.gap)));
      for (const dep of dependents.get(id) ?? []) {
        const left = (waiting.get(dep) ?? 0) - 1;
        waiting.set(dep, left);
        if (left === 0) next.push(dep);
      }
    }
    ready = [...new Set(next)];
  }
  const layers: string[][] = [];
  for (const [id, layer] of layerOf) (layers[layer] ??= []).push(id);
  for (let i = 0; i < layers.length; i++) (layers[i] ??= []).sort();
  const blocked = graph.nodes.filter((n) => !layerOf.has(n.id)).map((n) => n.id).sort();
  return { layers, layerOf, blocked };
}

/** Resolved dependencies of every node (distinct, self-edges dropped). */
export function dependencies(graph: DepGraph): Map<string, string[]> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!e.resolved || !ids.has(e.to) || e.from === e.to) continue;
    const list = out.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    out.set(e.from, list);
  }
  return out;
}

/** Every node `id` waits for, directly or not, nearest dependencies last (the order to check them: deepest first). */
export function chainOf(id: string, deps: ReadonlyMap<string, readonly string[]>, layerOf: ReadonlyMap<string, number>): string[] {
  const seen = new Set<string>();
  const stack = [...(deps.get(id) ?? [])];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    if (seen.has(cur) || cur === id) continue;
    seen.add(cur);
    stack.push(...(deps.get(cur) ?? []));
  }
  return [...seen].sort((a, b) => (layerOf.get(a) ?? Infinity) - (layerOf.get(b) ?? Infinity) || a.localeCompare(b));
}

export function getCommand(n: Pick<GraphNode, 'kind' | 'name' | 'namespace'>): string {
  return `flux get ${n.kind} ${n.name} -n ${n.namespace ?? 'flux-system'}`;
}
