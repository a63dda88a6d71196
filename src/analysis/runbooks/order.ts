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

export function layerGraph(graph: DepGraph): Layering {
  const deps = dependencies(graph);
  const dependents = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  for (const n of graph.nodes) {
    const d = deps.get(n.id) ?? [];
    waiting.set(n.id, d.length);
    for (const t of d) dependents.set(t, [...(dependents.get(t) ?? []), n.id]);
  }
  const layerOf = new Map<string, number>();
  const layers: string[][] = [];
  let current = graph.nodes.filter((n) => waiting.get(n.id) === 0).map((n) => n.id).sort();
  while (current.length > 0) {
    layers.push(current);
    const next: string[] = [];
    for (const id of current) {
      layerOf.set(id, layers.length - 1);
      for (const dep of dependents.get(id) ?? []) {
        const left = (waiting.get(dep) ?? 0) - 1;
        waiting.set(dep, left);
        if (left === 0) next.push(dep);
      }
    }
    current = [...new Set(next)].sort();
  }
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
