/**
 * Every elementary cycle of a directed graph, by Johnson's algorithm ("Finding all the elementary
 * circuits of a directed graph", SIAM J. Comput. 1975). Each cycle comes out once, starting at its
 * smallest vertex (in the order of `ids`), so the output is deterministic and needs no dedup.
 * The number of cycles can be exponential, hence the bound.
 */

export interface CycleSearch {
  cycles: string[][];
  /** The bound was hit: more cycles exist than were listed. */
  truncated: boolean;
}

/** `ids` sorted; `successors(id)` the distinct targets of id's edges (self-loops are ignored). */
export function findCycles(
  ids: readonly string[],
  successors: ReadonlyMap<string, readonly string[]>,
  limit = 1000,
): CycleSearch {
  const index = new Map(ids.map((id, i) => [id, i]));
  const adj: number[][] = ids.map((id) =>
    [...new Set((successors.get(id) ?? []).map((t) => index.get(t)).filter((t): t is number => t !== undefined && t !== index.get(id)))].sort((a, b) => a - b),
  );
  const cycles: number[][] = [];
  let truncated = false;

  for (const component of stronglyConnected(adj)) {
    if (component.size < 2) continue;
    const members = [...component].sort((a, b) => a - b);
    for (const s of members) {
      // The cycles through s that use only vertices >= s, inside s's component of that subgraph.
      const allowed = componentOf(s, adj, (v) => v >= s && component.has(v));
      if (allowed.size < 2) continue;
      if (!circuits(s, adj, allowed, cycles, limit)) {
        truncated = true;
        break;
      }
    }
    if (truncated) break;
  }
  return { cycles: cycles.map((c) => c.map((i) => ids[i]!)), truncated };
}

/** Johnson's CIRCUIT procedure from start vertex s; false when the limit stopped it. */
function circuits(s: number, adj: number[][], allowed: Set<number>, out: number[][], limit: number): boolean {
  const blocked = new Set<number>();
  const blockMap = new Map<number, Set<number>>();
  const stack: number[] = [];
  let stopped = false;

  const unblock = (u: number): void => {
    const pending = [u];
    while (pending.length > 0) {
      const x = pending.pop()!;
      if (!blocked.delete(x)) continue;
      const waiting = blockMap.get(x);
      if (waiting) {
        blockMap.delete(x);
        pending.push(...waiting);
      }
    }
  };

  const circuit = (v: number): boolean => {
    let found = false;
    stack.push(v);
    blocked.add(v);
    for (const w of adj[v]!) {
      if (stopped) break;
      if (!allowed.has(w)) continue;
      if (w === s) {
        out.push([...stack]);
        found = true;
        if (out.length >= limit) stopped = true;
      } else if (!blocked.has(w) && circuit(w)) {
        found = true;
      }
    }
    if (found) unblock(v);
    else
      for (const w of adj[v]!) {
        if (!allowed.has(w)) continue;
        let set = blockMap.get(w);
        if (!set) blockMap.set(w, (set = new Set()));
        set.add(v);
      }
    stack.pop();
    return found;
  };

  circuit(s);
  return !stopped;
}

/** Vertices that are both reachable from s and reach s, within `keep`. */
function componentOf(s: number, adj: number[][], keep: (v: number) => boolean): Set<number> {
  const forward = walk(s, (v) => adj[v]!, keep);
  const reverse: number[][] = adj.map(() => []);
  adj.forEach((targets, v) => targets.forEach((t) => reverse[t]!.push(v)));
  const backward = walk(s, (v) => reverse[v]!, keep);
  return new Set([...forward].filter((v) => backward.has(v)));
}

function walk(s: number, next: (v: number) => number[], keep: (v: number) => boolean): Set<number> {
  const seen = new Set([s]);
  const todo = [s];
  while (todo.length > 0)
    for (const w of next(todo.pop()!))
      if (keep(w) && !seen.has(w)) {
        seen.add(w);
        todo.push(w);
      }
  return seen;
}

/** Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack. */
function stronglyConnected(adj: number[][]): Set<number>[] {
  const n = adj.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const result: Set<number>[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const frames: Array<[number, number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, i] = frame;
      if (i < adj[v]!.length) {
        frame[1] = i + 1;
        const w = adj[v]![i]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const component = new Set<number>();
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.add(w);
        } while (w !== v);
        result.push(component);
      }
    }
  }
  return result;
}
