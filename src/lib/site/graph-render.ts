import { toMermaidSource, type MermaidDiagram } from '../../render/mermaid/diagram.ts';
import { renderDiagramSvg, type RenderedDiagram } from '../../render/mermaid/to-svg.ts';
import { renderLayeredSvg } from '../../render/layered-svg.ts';

/**
 * One layout per diagram per scan. The same namespace graph appears on /graph/<ns>/, on
 * /namespaces/<ns>/ and in /graph/<ns>.mmd, and ELK layout is the costly step (30 ms for an app
 * neighbourhood, 1.5 s for the overview of 40 namespaces), so results are kept on the Atlas they
 * were drawn from (a WeakMap): a new scan (dev mode, after a save) starts afresh and the old
 * drawings go with the old Atlas. The key is the diagram's full Mermaid source with links plus the
 * id prefix, so two diagrams that would draw differently can never share an entry.
 */
interface Drawings {
  byKey: Map<string, RenderedDiagram>;
  layouts: number;
}
const drawings = new WeakMap<object, Drawings>();

/** Past this many edges a diagram is drawn with the layered layout (ELK's time grows fast with edges). */
const ELK_MAX_EDGES = 60;

export interface RenderOnceOptions {
  idPrefix?: string;
  /** 'layered': the fast hand-written layout (app neighbourhoods); default ELK through beautiful-mermaid. */
  layout?: 'elk' | 'layered';
  /** The ELK layout of the diagram, made ahead on a worker (layout-prefetch.ts), or null: laid out here. */
  laidOut?: string | null;
}

/** How a diagram is drawn: ELK up to ELK_MAX_EDGES edges, the layered layout past them. */
export function layoutFor(d: MermaidDiagram): 'elk' | 'layered' {
  return d.edges.length > ELK_MAX_EDGES ? 'layered' : 'elk';
}

/** `atlas`: the Atlas the diagram was made from (any object that lives as long as the scan). */
export function renderOnce(atlas: object, d: MermaidDiagram, options: RenderOnceOptions = {}): RenderedDiagram {
  let memo = drawings.get(atlas);
  if (!memo) drawings.set(atlas, (memo = { byKey: new Map(), layouts: 0 }));
  const prefix = options.idPrefix ?? 'atlas-graph';
  const layout = options.layout ?? 'elk';
  const key = `${prefix}\u0000${layout}\u0000${d.slug}\u0000${d.title}\u0000${toMermaidSource(d, { links: true })}`;
  const hit = memo.byKey.get(key);
  if (hit) return hit;
  const out = layout === 'layered'
    ? renderLayeredSvg(d, { idPrefix: prefix })
    : renderDiagramSvg(d, { idPrefix: prefix, ...(options.laidOut ? { laidOut: options.laidOut } : {}) });
  if (out.svg !== null) memo.layouts++;
  memo.byKey.set(key, out);
  return out;
}

/** How many SVGs were laid out for this Atlas: for tests and the build log. */
export function layoutCount(atlas: object): number {
  return drawings.get(atlas)?.layouts ?? 0;
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
