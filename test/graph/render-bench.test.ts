import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { namespaceGraph, namespaceOverview } from '../../src/render/mermaid/to-mermaid.ts';
import { renderDiagramSvg } from '../../src/render/mermaid/to-svg.ts';
import { model } from './make.ts';
import { syntheticRepo } from './synthetic.ts';

/**
 * Render times at scale, printed for the record. The bounds are loose (shared CI machines vary by
 * 3x); they catch a change that makes rendering an order of magnitude slower.
 */
function timed<T>(f: () => T): [T, number] {
  const start = performance.now();
  const r = f();
  return [r, performance.now() - start];
}

describe('render times', () => {
  renderDiagramSvg(namespaceOverview(buildGraph(model(syntheticRepo(20))).result)); // warm up ELK

  it('a 150-node namespace chart', () => {
    const graph = buildGraph(model(syntheticRepo(156, 1))).result;
    const d = namespaceGraph(graph, 'ns-000');
    expect(d.nodes.length).toBeGreaterThanOrEqual(150);
    const [r, ms] = timed(() => renderDiagramSvg(d));
    console.log(`150-node chart (${d.nodes.length} nodes, ${d.edges.length} edges): ${ms.toFixed(0)} ms, ${r.svg!.length} bytes`);
    expect(ms).toBeLessThan(30_000);
  });

  it("a 1,000-app repo's namespace overview", () => {
    const [graph, buildMs] = timed(() => buildGraph(model(syntheticRepo(1000))).result);
    const d = namespaceOverview(graph);
    const [r, ms] = timed(() => renderDiagramSvg(d));
    console.log(`1,000 apps: buildGraph ${buildMs.toFixed(0)} ms; overview (${d.nodes.length} namespaces, ${d.edges.length} edges): ${ms.toFixed(0)} ms, ${r.svg!.length} bytes`);
    expect(d.nodes.length).toBe(41);
    expect(ms).toBeLessThan(30_000);
  });
});
