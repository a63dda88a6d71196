import { escapeXml } from './mermaid/escape.ts';
import { toMermaidSource, type MermaidDiagram } from './mermaid/diagram.ts';
import type { RenderedDiagram } from './mermaid/to-svg.ts';

/**
 * A small layered drawing for app neighbourhoods and namespace graphs: columns by longest path
 * (dependsOn graphs are mostly shallow DAGs: a provider, its dependents, theirs), nodes sorted by label
 * within a column, curved edges. It costs microseconds where a general layout engine (ELK, via
 * beautiful-mermaid) costs 100-300 ms a diagram, which was most of a 1,000-app build (README,
 * Performance). The namespace overview, one diagram with counted edges, keeps the ELK layout.
 */
const FONT = 12;
const CHAR = 7; // average glyph width at 12px in the UI font, for box widths
const PAD_X = 10;
const NODE_H = 28;
const GAP_Y = 14;
const GAP_X = 56;
const MAX_LABEL = 40;

const CSS = `
  #ID { font: ${FONT}px var(--sl-font, system-ui, -apple-system, 'Segoe UI', sans-serif); }
  #ID rect { fill: var(--sl-color-bg, #fff); stroke: var(--sl-color-gray-4, #a1a1aa); rx: 4; }
  #ID text { fill: var(--sl-color-white, #18181b); dominant-baseline: central; text-anchor: middle; }
  #ID path { fill: none; stroke: var(--sl-color-gray-3, #71717a); stroke-width: 1.2; }
  #ID path.dashed { stroke-dasharray: 4 3; stroke: var(--sl-color-red, #dc2626); }
  #ID a:hover rect, #ID a:focus rect { stroke: var(--sl-color-accent, #2563eb); stroke-width: 1.5; }
  #ID .atlas-external rect { stroke-dasharray: 4 3; }
  #ID .atlas-external text { fill: var(--sl-color-gray-2, #52525b); }
  #ID .atlas-focus rect { fill: color-mix(in srgb, var(--sl-color-accent, #2563eb) 18%, var(--sl-color-bg, #fff)); stroke: var(--sl-color-accent, #2563eb); stroke-width: 2; }
  #ID .atlas-missing rect { fill: color-mix(in srgb, var(--sl-color-red, #dc2626) 12%, var(--sl-color-bg, #fff)); stroke: var(--sl-color-red, #dc2626); stroke-dasharray: 4 3; }
  #ID .atlas-missing text { fill: var(--sl-color-red, #dc2626); }
  #ID marker path { fill: var(--sl-color-gray-3, #71717a); stroke: none; }`;

const clip = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** Longest-path layer of each node (edges point from dependency to dependent); cycles are cut. */
function layers(d: MermaidDiagram): Map<string, number> {
  const incoming = new Map<string, string[]>(d.nodes.map((n) => [n.id, []]));
  for (const e of d.edges) incoming.get(e.to)?.push(e.from);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let l = 0;
    for (const from of incoming.get(id) ?? []) l = Math.max(l, depth(from) + 1);
    visiting.delete(id);
    layer.set(id, l);
    return l;
  };
  for (const n of d.nodes) depth(n.id);
  return layer;
}

export function renderLayeredSvg(d: MermaidDiagram, options: { idPrefix?: string } = {}): RenderedDiagram {
  const links = d.nodes.filter((n) => n.href).map((n) => ({ id: n.id, label: n.label, href: n.href! }));
  const source = toMermaidSource(d, { links: true });
  if (d.nodes.length === 0) return { svg: null, links, source };
  const id = `${options.idPrefix ?? 'atlas-graph'}-${d.slug}`;
  const layer = layers(d);
  const columns: (typeof d.nodes)[] = [];
  for (const n of d.nodes) (columns[layer.get(n.id)!] ??= []).push(n);
  const widths = columns.map((col) => (col ?? []).reduce((w, n) => Math.max(w, clip(n.label).length * CHAR + 2 * PAD_X), -Infinity));
  const height = columns.reduce((h, col) => Math.max(h, (col?.length ?? 0) * (NODE_H + GAP_Y) - GAP_Y), -Infinity);
  const pos = new Map<string, { x: number; y: number; w: number }>();
  let x = 0;
  columns.forEach((col, c) => {
    const nodes = [...(col ?? [])].sort((a, b) => a.label.localeCompare(b.label));
    const colHeight = nodes.length * (NODE_H + GAP_Y) - GAP_Y;
    nodes.forEach((n, i) => pos.set(n.id, { x, y: (height - colHeight) / 2 + i * (NODE_H + GAP_Y), w: widths[c]! }));
    x += widths[c]! + GAP_X;
  });
  const width = x - GAP_X;
  const edges = d.edges
    .map((e) => {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) return '';
      const x1 = a.x + a.w;
      const y1 = a.y + NODE_H / 2;
      const x2 = b.x - 2;
      const y2 = b.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      return `<path${e.dashed ? ' class="dashed"' : ''} d="M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" marker-end="url(#${id}-arrow)"/>`;
    })
    .join('');
  const nodes = d.nodes
    .map((n) => {
      const p = pos.get(n.id)!;
      const cls = n.style === 'default' ? '' : ` class="atlas-${n.style}"`;
      const box = `<g${cls}><rect x="${p.x}" y="${p.y}" width="${p.w}" height="${NODE_H}"/><text x="${p.x + p.w / 2}" y="${p.y + NODE_H / 2}">${escapeXml(clip(n.label))}</text></g>`;
      return n.href ? `<a href="${escapeXml(n.href)}">${box}</a>` : box;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" viewBox="-2 -2 ${width + 4} ${height + 4}" width="${width + 4}" height="${height + 4}" role="img" aria-label="${escapeXml(d.title)}" style="max-width:100%;height:auto">` +
    `<title>${escapeXml(d.title)}</title><style>${CSS.replace(/#ID/g, `#${id}`)}</style>` +
    `<defs><marker id="${id}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0L8 4L0 8z"/></marker></defs>` +
    edges +
    nodes +
    '</svg>';
  return { svg, links, source };
}
