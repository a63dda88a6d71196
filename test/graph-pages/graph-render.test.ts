import { beforeEach, describe, expect, it } from 'vitest';
import { layoutCount, renderOnce, svgWidth } from '../../src/lib/site/graph-render.ts';
import { namespaceDiagram, overviewDiagram } from '../../src/lib/site/graph-views.ts';
import { homelab } from './fixtures.ts';

const graph = homelab().result.graph;

describe('render once per diagram', () => {
  // The memo hangs on the Atlas a drawing was made from; each test stands for a fresh scan.
  let atlas: object;
  beforeEach(() => {
    atlas = {};
  });

  it('lays a diagram out once however many pages show it', () => {
    const a = renderOnce(atlas, namespaceDiagram(graph, 'media', '/'));
    const b = renderOnce(atlas, namespaceDiagram(graph, 'media', '/'));
    expect(b).toBe(a);
    expect(layoutCount(atlas)).toBe(1);
    expect(a.svg).toContain('<svg id="atlas-graph-ns-media"');
    expect(a.svg).toContain('>bazarr</text>');
    expect(a.svg).toContain('href="/apps/media/bazarr/"');
  });

  it('a different base or id prefix is a different drawing', () => {
    renderOnce(atlas, overviewDiagram(graph, '/'));
    const other = renderOnce(atlas, overviewDiagram(graph, '/atlas/'));
    const prefixed = renderOnce(atlas, overviewDiagram(graph, '/'), { idPrefix: 'ns-page' });
    expect(layoutCount(atlas)).toBe(3);
    expect(other.svg).toContain('href="/atlas/graph/media/"');
    expect(prefixed.svg).toContain('<svg id="ns-page-overview"');
  });

  it('a new scan draws again: nothing of the old Atlas is served for the new one (dev mode)', () => {
    const before = renderOnce(atlas, namespaceDiagram(graph, 'media', '/'));
    const rescanned = {};
    const after = renderOnce(rescanned, namespaceDiagram(graph, 'media', '/'));
    expect(after).not.toBe(before);
    expect(after.svg).toBe(before.svg);
    expect(layoutCount(atlas)).toBe(1);
    expect(layoutCount(rescanned)).toBe(1);
  });

  it('reads the natural width of an SVG', () => {
    const { svg } = renderOnce(atlas, overviewDiagram(graph, '/'));
    expect(svgWidth(svg!)).toBeGreaterThan(100);
    expect(svgWidth('<svg viewBox="0 0 1 1">')).toBeNull();
  });
});
