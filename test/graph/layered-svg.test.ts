import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MermaidDiagram } from '../../src/render/mermaid/diagram.ts';
import { renderLayeredSvg } from '../../src/render/layered-svg.ts';

const node = (id: string, label: string, extra: Partial<MermaidDiagram['nodes'][number]> = {}) => ({ id, key: id, label, href: null, style: 'default' as const, shape: 'box' as const, ...extra });

/** x of the box drawn for a node, read back from the SVG (boxes are drawn in node order). */
function boxX(svg: string, nodes: MermaidDiagram['nodes']): Map<string, number> {
  const xs = [...svg.matchAll(/<rect x="([-\d.]+)"/g)].map((m) => Number(m[1]));
  return new Map(nodes.map((n, i) => [n.id, xs[i]!]));
}

describe('layered SVG for app neighbourhoods', () => {
  const d: MermaidDiagram = {
    slug: 'app-media-plex',
    title: 'Around media/plex',
    nodes: [
      node('n0', 'storage/longhorn', { href: '/apps/storage/longhorn/' }),
      node('n1', 'media/plex', { style: 'focus' }),
      node('n2', 'media/tautulli'),
      node('n3', '"><script>alert(1)</script>', { style: 'missing' }),
    ],
    edges: [
      { from: 'n0', to: 'n1', label: null, dashed: false },
      { from: 'n1', to: 'n2', label: null, dashed: false },
      { from: 'n3', to: 'n1', label: null, dashed: true },
    ],
  };
  const out = renderLayeredSvg(d, { idPrefix: 'atlas-graph' });

  it('puts every dependency left of what depends on it', () => {
    const x = boxX(out.svg!, d.nodes);
    for (const e of d.edges) expect(x.get(e.from)!).toBeLessThan(x.get(e.to)!);
  });

  it('escapes labels, links only our own pages, and keeps ids unique per diagram', () => {
    expect(out.svg).not.toContain('<script');
    expect(out.svg).toContain('&lt;script&gt;');
    expect(out.svg).toContain('<a href="/apps/storage/longhorn/">');
    expect(out.svg).toContain('id="atlas-graph-app-media-plex-arrow"');
    expect(out.svg!.match(/<style>/g)).toHaveLength(1);
    expect(out.links).toEqual([{ id: 'n0', label: 'storage/longhorn', href: '/apps/storage/longhorn/' }]);
  });

  it('draws any graph, cycles included, with each edge once and no label breaking out', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 16 }), (labels, pairs) => {
        const nodes = labels.map((l, i) => node(`n${i}`, l));
        const edges = pairs.filter(([a, b]) => a < nodes.length && b < nodes.length).map(([a, b]) => ({ from: `n${a}`, to: `n${b}`, label: null, dashed: false }));
        const svg = renderLayeredSvg({ slug: 's', title: 't', nodes, edges }).svg!;
        expect(svg.match(/<path[^>]*marker-end/g)?.length ?? 0).toBe(edges.length);
        expect(svg.match(/<rect /g)).toHaveLength(nodes.length);
        expect(svg.replace(/<(\/?)(svg|title|style|defs|marker|path|g|rect|text|a)\b/g, '')).not.toMatch(/<[a-z]/i);
      }),
    );
  });
});
