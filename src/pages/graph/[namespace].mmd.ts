/** `/graph/<namespace>.mmd`: the Mermaid source of one namespace graph, as drawn on its page. */
import type { APIRoute } from 'astro';
import { getAtlas } from '../../loaders/atlas-data.ts';
import { toMermaidSource } from '../../render/mermaid/diagram.ts';
import { graphGroups, namespaceDiagram } from '../../lib/site/graph-views.ts';
import { segment } from '../../lib/site/urls.ts';

export async function getStaticPaths() {
  const { graph } = (await getAtlas()).analysis.graph;
  // `overview.mmd` is the namespace overview; a namespace of that name keeps its page, not its file.
  return graphGroups(graph)
    .filter((g) => g.group !== 'overview')
    .map((g) => ({ params: { namespace: segment(g.group) }, props: { namespace: g.group } }));
}

export const GET: APIRoute<{ namespace: string }> = async ({ props }) => {
  const { graph } = (await getAtlas()).analysis.graph;
  // The same text renderDiagramSvg offers, without laying the SVG out (the page does that, once).
  const source = toMermaidSource(namespaceDiagram(graph, props.namespace, import.meta.env.BASE_URL), { links: true });
  return new Response(source, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
