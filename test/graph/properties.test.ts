import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { findCycles } from '../../src/analysis/graph/cycles.ts';
import { ks, model } from './make.ts';

/** Every elementary cycle by plain DFS, each started at its smallest vertex: the reference. */
function bruteForceCycles(n: number, adj: number[][]): string[] {
  const out: string[] = [];
  const visit = (start: number, path: number[]): void => {
    const last = path[path.length - 1]!;
    for (const w of adj[last]!) {
      if (w === start && path.length > 1) out.push(path.join(','));
      else if (w > start && !path.includes(w)) visit(start, [...path, w]);
    }
  };
  for (let s = 0; s < n; s++) visit(s, [s]);
  return out.sort();
}

const smallGraph = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 20 }),
  }),
);

describe('graph properties', () => {
  it('the cycle finder agrees with a brute-force search on random graphs of <= 7 nodes', () => {
    fc.assert(
      fc.property(smallGraph, ({ n, edges }) => {
        const adj: number[][] = Array.from({ length: n }, () => []);
        for (const [a, b] of edges) if (a !== b && !adj[a]!.includes(b)) adj[a]!.push(b);
        adj.forEach((l) => l.sort((x, y) => x - y));
        const ids = Array.from({ length: n }, (_, i) => `v${i}`);
        const succ = new Map(ids.map((id, i) => [id, adj[i]!.map((j) => ids[j]!)]));
        const found = findCycles(ids, succ).cycles.map((c) => c.map((id) => id.slice(1)).join(','));
        expect(found.length).toBe(new Set(found).size);
        expect([...found].sort()).toEqual(bruteForceCycles(n, adj));
      }),
      { numRuns: 400 },
    );
  });

  it('every dependsOn entry is an edge that resolves or yields DEPENDS_ON_MISSING / DISABLED at its position', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const spaces = ['flux-system', 'media', 'storage'];
    const ksArb = fc.record({
      name: fc.constantFrom(...names),
      namespace: fc.constantFrom(...spaces),
      disabled: fc.constantFrom(null, null, null, 'file' as const),
      deps: fc.array(fc.record({ name: fc.constantFrom(...names, 'zz'), namespace: fc.option(fc.constantFrom(...spaces), { nil: undefined }) }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(ksArb, { selector: (k) => `${k.namespace}/${k.name}`, maxLength: 10 }), (specs) => {
        const kss = specs.map((s, i) =>
          ks({
            name: s.name,
            namespace: s.namespace,
            disabled: s.disabled,
            wait: true,
            source: { file: `f${i}.yaml`, line: 1, col: 1 },
            dependsOn: s.deps.map((d) => (d.namespace ? { name: d.name, namespace: d.namespace } : d.name)),
          }),
        );
        const { result, findings } = buildGraph(model({ kustomizations: kss }));
        const activeEntries = kss.filter((k) => !k.disabled).flatMap((k) => k.dependsOn);
        expect(result.edges).toHaveLength(activeEntries.length);
        const nodeIds = new Set(result.nodes.map((n) => n.id));
        for (const e of result.edges) {
          if (e.resolved) {
            expect(nodeIds.has(e.to)).toBe(true);
            continue;
          }
          const here = findings.filter((f) => f.source.file === e.source.file && f.source.line === e.source.line && f.objectId === e.from);
          expect(here.map((f) => f.code)).toSatisfy((cs: string[]) => cs.includes('DEPENDS_ON_MISSING') || cs.includes('DEPENDS_ON_DISABLED'));
        }
        // And no MISSING finding for an entry that resolved.
        const missing = findings.filter((f) => f.code === 'DEPENDS_ON_MISSING');
        expect(missing).toHaveLength(result.edges.filter((e) => !e.resolved).length - findings.filter((f) => f.code === 'DEPENDS_ON_DISABLED').length);
      }),
      { numRuns: 300 },
    );
  });
});
