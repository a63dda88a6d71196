/**
 * The graphs of the synthetic repository, as the site draws them (issue 5): the namespace overview,
 * every namespace graph and every app neighbourhood, rendered to SVG with beautiful-mermaid.
 */
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appHasEdges, graphGroups, namespaceDiagram, neighbourhoodDiagram, overviewDiagram } from '../../src/lib/site/graph-views.ts';
import { renderDiagramSvg } from '../../src/render/mermaid/to-svg.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { timed } from './measure.ts';

export interface GraphsResult {
  ms: number;
  diagrams: number;
  svgBytes: number;
}

export async function graphsBench(repo: string): Promise<GraphsResult> {
  const config = parseConfig({});
  const { model } = await scanRepo(repo, config);
  const graph = analyse(model, config).graph.graph;
  const { ms, value } = await timed(() => {
    const diagrams = [
      overviewDiagram(graph, '/'),
      ...graphGroups(graph).map((g) => namespaceDiagram(graph, g.group, '/')),
      ...model.apps.filter((a) => appHasEdges(graph, a.id)).map((a) => neighbourhoodDiagram(graph, a.id, '/')),
    ];
    let svgBytes = 0;
    for (const d of diagrams) svgBytes += renderDiagramSvg(d).svg?.length ?? 0;
    return { diagrams: diagrams.length, svgBytes };
  });
  return { ms, ...value };
}
