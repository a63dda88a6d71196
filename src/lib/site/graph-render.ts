import { toMermaidSource, type MermaidDiagram } from '../../render/mermaid/diagram.ts';
import { renderDiagramSvg, type RenderedDiagram } from '../../render/mermaid/to-svg.ts';
import { renderLayeredSvg } from '../../render/layered-svg.ts';

/**
 * One layout per diagram per build. The same namespace graph appears on /graph/<ns>/, on
 * /namespaces/<ns>/ and in /graph/<ns>.mmd, and ELK layout is the costly step (30 ms for an app
 * neighbourhood, 1.5 s for the overview of 40 namespaces), so results are kept in a module-level
 * Map. The key is the diagram's full Mermaid source with links plus the id prefix, so two
 * diagrams that would draw differently can never share an entry.
 */
const memo = new Map<string, RenderedDiagram>();
let layouts = 0;

/** Past this many edges a diagram is drawn with the layered layout (ELK's time grows fast with edges). */
export const ELK_MAX_EDGES = 60;

export interface RenderOnceOptions {
  idPrefix?: string;
  /** 'layered': the fast hand-written layout (app neighbourhoods); default ELK through beautiful-mermaid. */
  layout?: 'elk' | 'layered';
}

export function renderOnce(d: MermaidDiagram, options: RenderOnceOptions = {}): RenderedDiagram {
  const prefix = options.idPrefix ?? 'atlas-graph';
  const layout = options.layout ?? 'elk';
  const key = `${prefix}\u0000${layout}\u0000${d.slug}\u0000${d.title}\u0000${toMermaidSource(d, { links: true })}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out = layout === 'layered' ? renderLayeredSvg(d, { idPrefix: prefix }) : renderDiagramSvg(d, { idPrefix: prefix });
  if (out.svg !== null) layouts++;
  memo.set(key, out);
  return out;
}

/** How many SVGs were laid out since the process started (or the last reset): for tests and the build log. */
export function layoutCount(): number {
  return layouts;
}

/** Forget every rendered diagram (tests; dev mode after the repository changed). */
export function resetRenderMemo(): void {
  memo.clear();
  layouts = 0;
}

/**
 * The SVG's natural width in px (its `width` attribute), or null. Pages let a wide graph shrink to
 * the column down to a readable scale, then scroll inside its frame instead of shrinking further.
 */
export function svgWidth(svg: string): number | null {
  const tag = svg.match(/<svg\b[^>]*>/)?.[0] ?? '';
  const w = Number(tag.match(/\swidth="([\d.]+)"/)?.[1]);
  return Number.isFinite(w) && w > 0 ? w : null;
}
