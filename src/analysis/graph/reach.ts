import type { DepGraph } from './types.ts';

export type Direction = 'upstream' | 'downstream';

/** Adjacency over resolved edges: upstream = what a node depends on, downstream = what depends on it. */
export function adjacency(graph: Pick<DepGraph, 'edges'>, direction: Direction): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!e.resolved || e.from === e.to) continue;
    const [a, b] = direction === 'upstream' ? [e.from, e.to] : [e.to, e.from];
    const list = out.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    out.set(a, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * Nodes reachable from `starts` (not counting the starts themselves unless reached again), with
 * their distance; `maxDepth` bounds the walk (Infinity for the transitive closure).
 */
export function reachable(adj: ReadonlyMap<string, readonly string[]>, starts: Iterable<string>, maxDepth = Infinity): Map<string, number> {
  const dist = new Map<string, number>();
  let frontier = [...new Set(starts)];
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const v of frontier)
      for (const w of adj.get(v) ?? [])
        if (!dist.has(w)) {
          dist.set(w, d);
          next.push(w);
        }
    frontier = next;
  }
  return dist;
}
