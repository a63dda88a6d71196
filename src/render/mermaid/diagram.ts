import { mermaidLabel } from './escape.ts';

/** How a node is drawn: its own, a neighbour from elsewhere, the app a page is about, a target that does not exist. */
export type NodeStyle = 'default' | 'external' | 'focus' | 'missing';

export interface DiagramNode {
  /** Sanitized Mermaid id: `n0`, `n1` … in key order. */
  id: string;
  /** What the node stands for: a graph node id, a namespace, or a missing target id. */
  key: string;
  label: string;
  /** Our own page the node links to (already prefixed with the site base), or null. */
  href: string | null;
  style: NodeStyle;
  shape: 'box' | 'round';
}

export interface DiagramEdge {
  from: string;
  to: string;
  label: string | null;
  /** Drawn dashed: a dependsOn entry that resolves to nothing. */
  dashed: boolean;
}

/** A flowchart as data; `toMermaidSource` writes it, `renderDiagramSvg` draws it. */
export interface MermaidDiagram {
  /** Slug that is unique on a page (`overview`, `ns-media`, `app-media-plex`); SVG ids derive from it. */
  slug: string;
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Colours for the downloadable .mmd (GitHub and mermaid.live); the site's SVG re-themes them with CSS. */
const CLASS_DEFS: Record<Exclude<NodeStyle, 'default'>, string> = {
  external: 'fill:#f4f4f5,stroke:#a1a1aa,stroke-dasharray:4 3,color:#52525b',
  focus: 'fill:#dbeafe,stroke:#2563eb,stroke-width:2px',
  missing: 'fill:#fee2e2,stroke:#dc2626,stroke-dasharray:4 3,color:#991b1b',
};

export interface SourceOptions {
  /** Write `click` lines (mermaid.js understands them; beautiful-mermaid would read them as nodes). */
  links?: boolean;
}

/** Mermaid flowchart source (`flowchart LR`). Every label goes through `mermaidLabel`. */
export function toMermaidSource(d: MermaidDiagram, options: SourceOptions = {}): string {
  const lines = ['flowchart LR'];
  for (const n of d.nodes) {
    const label = mermaidLabel(n.label);
    lines.push(n.shape === 'round' ? `  ${n.id}("${label}")` : `  ${n.id}["${label}"]`);
  }
  for (const e of d.edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(e.label ? `  ${e.from} ${arrow}|"${mermaidLabel(e.label, 40)}"| ${e.to}` : `  ${e.from} ${arrow} ${e.to}`);
  }
  for (const [style, def] of Object.entries(CLASS_DEFS)) {
    const ids = d.nodes.filter((n) => n.style === style).map((n) => n.id);
    if (ids.length === 0) continue;
    lines.push(`  classDef ${style} ${def}`);
    lines.push(`  class ${ids.join(',')} ${style}`);
  }
  if (options.links) for (const n of d.nodes) if (n.href) lines.push(`  click ${n.id} "${n.href}"`);
  return `${lines.join('\n')}\n`;
}
