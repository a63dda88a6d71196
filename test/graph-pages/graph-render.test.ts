import { beforeEach, describe, expect, it } from 'vitest';
import { layoutCount, renderOnce, resetRenderMemo, svgWidth } from '../../src/lib/site/graph-render.ts';
import { namespaceDiagram, overviewDiagram } from '../../src/lib/site/graph-views.ts';
import { homelab } from './fixtures.ts';

const graph = homelab().result.graph;

describe('render once per diagram', () => {
  beforeEach(() => resetRenderMemo());

  it('lays a diagram out once however many pages show it', () => {
    const a = renderOnce(namespaceDiagram(graph, 'media', '/'));
    const b = renderOnce(namespaceDiagram(graph, 'media', '/'));
    expect(b).toBe(a);
    expect(layoutCount()).toBe(1);
    expect(a.svg).toContain('<svg id="atlas-graph-ns-media"');
    expect(a.svg).toContain('>bazarr</text>');
    expect(a.svg).toContain('href="/apps/media/bazarr/"');
  });

  it('a different base or id prefix is a different drawing', () => {
    renderOnce(overviewDiagram(graph, '/'));
    const other = renderOnce(overviewDiagram(graph, '/atlas/'));
    const prefixed = renderOnce(overviewDiagram(graph, '/'), { idPrefix: 'ns-page' });
    expect(layoutCount()).toBe(3);
    expect(other.svg).toContain('href="/atlas/graph/media/"');
    expect(prefixed.svg).toContain('<svg id="ns-page-overview"');
  });

  it('reads the natural width of an SVG', () => {
    const { svg } = renderOnce(overviewDiagram(graph, '/'));
    expect(svgWidth(svg!)).toBeGreaterThan(100);
    expect(svgWidth('<svg viewBox="0 0 1 1">')).toBeNull();
  });
});
