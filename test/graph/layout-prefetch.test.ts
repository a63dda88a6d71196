/**
 * The overview's ELK layout drawn ahead on a worker thread (src/render/mermaid/layout-prefetch.ts):
 * the page gets the very SVG it would have drawn itself, and whatever goes wrong on the worker
 * leaves the page to draw it, never without a graph.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { takeLayout } from '../../src/loaders/atlas-data.ts';
import { prefetchLayouts } from '../../src/render/mermaid/layout-prefetch.ts';
import { namespaceOverview } from '../../src/render/mermaid/to-mermaid.ts';
import { layoutSource, renderDiagramSvg } from '../../src/render/mermaid/to-svg.ts';
import { app, ks, model } from './make.ts';

const graph = buildGraph(
  model({
    apps: [app({ name: 'longhorn', namespace: 'storage' }), app({ name: 'plex', namespace: 'media' }), app({ name: 'grafana', namespace: 'observability' })],
    kustomizations: [
      // (Each Kustomization in its app's namespace: the overview has a box per namespace.)
      ks({ name: 'longhorn', namespace: 'storage', appId: 'storage/longhorn', wait: true }),
      ks({ name: 'plex', namespace: 'media', appId: 'media/plex', dependsOn: [{ name: 'longhorn', namespace: 'storage' }] }),
      ks({ name: 'grafana', namespace: 'observability', appId: 'observability/grafana', dependsOn: [{ name: 'longhorn', namespace: 'storage' }, { name: 'plex', namespace: 'media' }] }),
    ],
  }),
).result;

describe('layouts drawn ahead on a worker', () => {
  it('the page renders the same SVG from the worker layout as from its own', async () => {
    const diagram = namespaceOverview(graph, { base: '/atlas/' });
    const source = layoutSource(diagram);
    prefetchLayouts([source]);
    const laidOut = await takeLayout(source);
    expect(laidOut).toMatch(/^<svg\b/);
    const fromWorker = renderDiagramSvg(diagram, { laidOut: laidOut! });
    expect(fromWorker).toEqual(renderDiagramSvg(diagram));
    expect(fromWorker.svg).toContain('media');
  });

  it('the layout source does not depend on the site base (the provider draws before it knows the page)', () => {
    expect(layoutSource(namespaceOverview(graph, { base: '/' }))).toBe(layoutSource(namespaceOverview(graph, { base: '/atlas/' })));
  });

  it('a layout is taken once; one never offered is null (the page lays it out itself)', async () => {
    const source = layoutSource(namespaceOverview(graph, { base: '/' }));
    prefetchLayouts([source]);
    expect(await takeLayout(source)).not.toBeNull();
    expect(await takeLayout(source)).toBeNull();
    expect(await takeLayout('graph LR\n  never --> offered')).toBeNull();
  });

  it('a source the worker cannot lay out resolves to null, not to a rejection', async () => {
    const bad = 'this is not mermaid {{{';
    prefetchLayouts([bad]);
    expect(await takeLayout(bad)).toBeNull();
  });
});
