import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namespaceGraph } from '../../src/render/mermaid/to-mermaid.ts';
import { foldExternals } from '../../src/lib/site/graph-fold.ts';
import { namespaceDiagram } from '../../src/lib/site/graph-views.ts';
import { wideProvider } from './fixtures.ts';

describe('folding outside nodes of a namespace graph', () => {
  it('leaves a graph with few outside nodes as it is', () => {
    const graph = wideProvider(3, 5); // 15 outside dependents
    const d = namespaceGraph(graph, 'infra');
    expect(foldExternals(d, () => 'x')).toBe(d);
  });

  it('folds a provider with 40 dependents in 4 namespaces into one node per namespace', () => {
    const graph = wideProvider(4, 10);
    const d = namespaceDiagram(graph, 'infra', '/atlas/');
    expect(d.nodes.map((n) => n.label)).toEqual([
      'cilium',
      '+10 dependents in ns-0',
      '+10 dependents in ns-1',
      '+10 dependents in ns-2',
      '+10 dependents in ns-3',
    ]);
    expect(d.nodes[1]!.href).toBe('/atlas/graph/ns-0/');
    const cilium = d.nodes[0]!.id;
    expect(d.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['m0', 'm1', 'm2', 'm3'].map((m) => `${cilium}>${m}`));
  });

  it('names outside nodes upstream "dependencies"', () => {
    const graph = wideProvider(1, 35);
    // Seen from ns-0, cilium is one upstream outside node: nothing to fold.
    expect(namespaceDiagram(graph, 'ns-0', '/').nodes.filter((n) => n.style === 'external').map((n) => n.label)).toEqual(['infra/cilium']);
    const d = foldExternals(namespaceGraph(graph, 'ns-0'), (k) => (k.includes('cilium') ? 'infra' : undefined), { maxExternal: 0 });
    expect(d.nodes.find((n) => n.id === 'm0')?.label).toBe('+1 dependencies in infra');
    expect(d.edges.every((e) => e.from === 'm0')).toBe(true);
  });

  it('keeps every edge end a drawn node, and draws at most max outside nodes or one fold per namespace and direction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }), (nss, per, max) => {
        const graph = wideProvider(nss, per);
        const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
        const d = foldExternals(namespaceGraph(graph, 'infra'), (k) => groupOf.get(k), { maxExternal: max });
        const ids = new Set(d.nodes.map((n) => n.id));
        expect(ids.size).toBe(d.nodes.length);
        for (const e of d.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        const outside = d.nodes.filter((n) => n.style === 'external').length;
        expect(outside).toBe(nss * per <= max ? nss * per : nss);
        // Folding loses no dependent: the counts add up.
        const counted = d.nodes.reduce((s, n) => s + (n.key.startsWith('~more/') ? Number(n.label.match(/^\+(\d+)/)![1]) : n.style === 'external' ? 1 : 0), 0);
        expect(counted).toBe(nss * per);
      }),
      { numRuns: 60 },
    );
  });
});
