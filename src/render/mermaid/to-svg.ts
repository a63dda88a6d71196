import { renderMermaidSVG } from 'beautiful-mermaid';
import { toMermaidSource, type MermaidDiagram } from './diagram.ts';
import { fixSvg } from './svg-fix.ts';

/**
 * Static SVG at build time with beautiful-mermaid: pure JS, no browser. One SVG serves both
 * themes: colours are CSS variables that fall back to light values, and inside a Starlight page
 * they resolve to Starlight's own `--sl-color-*`, which switch with `data-theme` on <html>. That
 * costs one render per diagram instead of two, and half the HTML.
 */
export interface SvgOptions {
  /** Prefix that keeps ids unique on a page where several diagrams are inlined. */
  idPrefix?: string;
  /**
   * beautiful-mermaid's SVG of `layoutSource(d)`, laid out elsewhere (a worker thread, see
   * layout-prefetch.ts); laid out here when absent.
   */
  laidOut?: string;
}

export interface RenderedDiagram {
  /** Inline SVG, or null for a diagram without nodes (the page says "no dependencies"). */
  svg: string | null;
  /** The nodes that link to a page, for a plain list under the picture. */
  links: { id: string; label: string; href: string }[];
  /** The Mermaid source, with click links, for the downloadable .mmd. */
  source: string;
}

/** The colours beautiful-mermaid draws with (CSS variables of the site's theme). */
export const COLORS = {
  bg: 'var(--sl-color-bg, #ffffff)',
  fg: 'var(--sl-color-white, #18181b)',
  transparent: true,
} as const;

/** Styles for our node classes; `#ID` is the diagram id. CSS beats the classDef colours meant for GitHub. */
const CSS = `
  #ID a { cursor: pointer; }
  #ID a:hover rect, #ID a:focus rect { stroke: var(--sl-color-accent, #2563eb); stroke-width: 1.5; }
  #ID .atlas-external rect { fill: color-mix(in srgb, var(--fg) 6%, var(--bg)); stroke: var(--_node-stroke); stroke-dasharray: 4 3; }
  #ID .atlas-external text { fill: var(--_text-sec); }
  #ID .atlas-focus rect { fill: color-mix(in srgb, var(--sl-color-accent, #2563eb) 18%, var(--bg)); stroke: var(--sl-color-accent, #2563eb); stroke-width: 2; }
  #ID .atlas-focus text { fill: var(--fg); }
  #ID .atlas-missing rect { fill: color-mix(in srgb, var(--sl-color-red, #dc2626) 12%, var(--bg)); stroke: var(--sl-color-red, #dc2626); stroke-dasharray: 4 3; }
  #ID .atlas-missing text { fill: var(--sl-color-red, #dc2626); }`;

/** What ELK lays out: the diagram's Mermaid source without click links (so without the site's base). */
export function layoutSource(d: MermaidDiagram): string {
  return toMermaidSource(d, { links: false });
}

export function renderDiagramSvg(d: MermaidDiagram, options: SvgOptions = {}): RenderedDiagram {
  const links = d.nodes.filter((n) => n.href).map((n) => ({ id: n.id, label: n.label, href: n.href! }));
  const source = toMermaidSource(d, { links: true });
  if (d.nodes.length === 0) return { svg: null, links, source };
  const raw = options.laidOut ?? renderMermaidSVG(layoutSource(d), COLORS);
  const svg = fixSvg(raw, {
    id: `${options.idPrefix ?? 'atlas-graph'}-${d.slug}`,
    title: d.title,
    style: 'max-width:100%;height:auto',
    css: CSS,
    nodes: new Map(d.nodes.map((n) => [n.id, { href: n.href, className: n.style === 'default' ? null : `atlas-${n.style}` }])),
  });
  return { svg, links, source };
}
