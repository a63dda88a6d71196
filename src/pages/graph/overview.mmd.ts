/**
 * `/graph/overview.mmd`: the Mermaid source of the namespace overview, as drawn on /graph/, to
 * paste into a GitHub issue or mermaid.live. Served as text so a browser shows it rather than
 * guessing a type from `.mmd`.
 */
import type { APIRoute } from 'astro';
import { getAtlas } from '../../loaders/atlas-data.ts';
import { toMermaidSource } from '../../render/mermaid/diagram.ts';
import { overviewDiagram } from '../../lib/site/graph-views.ts';

export const GET: APIRoute = async () => {
  const { graph } = (await getAtlas()).analysis.graph;
  // The same text renderDiagramSvg offers, without laying the SVG out (the page does that, once).
  const source = toMermaidSource(overviewDiagram(graph, import.meta.env.BASE_URL), { links: true });
  return new Response(source, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
