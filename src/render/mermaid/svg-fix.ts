import { escapeXml } from './escape.ts';

/**
 * Post-processing that makes beautiful-mermaid's SVG fit to inline in a static, offline page where
 * several diagrams share one document:
 * - its `@import` of Google Fonts is dropped (the site must work offline; we use Starlight's font);
 * - the root `style` attribute is merged with ours, never repeated: browsers keep only the first of
 *   duplicate attributes, the `--bg`/`--fg` variables get lost and every shape turns black;
 * - every `id` (arrow markers …) and every reference to it gets a per-diagram prefix, or the second
 *   diagram's arrows point at the first diagram's markers;
 * - its `<style>` selectors (`svg {…}`, `text {…}`) are scoped to the diagram, since a style element
 *   inside inline SVG applies to the whole HTML document;
 * - nodes with a page are wrapped in `<a href>` and carry a class for their style.
 */
export interface FixOptions {
  /** Document-unique id for the root element; every inner id is prefixed with it. */
  id: string;
  title: string;
  /** CSS declarations to add to the root `style` attribute. */
  style?: string;
  /** Extra CSS rules; `#ID` in them is replaced by the diagram id. */
  css?: string;
  /** Per node id (`n3`): link target and style class. */
  nodes?: ReadonlyMap<string, { href: string | null; className: string | null }>;
  fontFamily?: string;
}

export function fixSvg(svg: string, o: FixOptions): string {
  if (!/^[A-Za-z][\w-]*$/.test(o.id)) throw new Error(`Diagram id must be an XML name, got ${JSON.stringify(o.id)}`);
  let out = svg.replace(/^\s*@import\s+url\([^)]*\)\s*;?[ \t]*\n?/gm, '');
  out = scopeStyle(out, o);
  out = prefixIds(out, o.id);
  out = mergeRootAttributes(out, o);
  if (o.nodes) out = decorateNodes(out, o.nodes);
  return out;
}

function scopeStyle(svg: string, o: FixOptions): string {
  return svg.replace(/<style>([\s\S]*?)<\/style>/, (_, body: string) => {
    const font = o.fontFamily ?? "var(--sl-font, system-ui, -apple-system, 'Segoe UI', sans-serif)";
    const scoped = body
      .replace(/(^|\n)(\s*)text\s*\{[^}]*\}/, `$1$2#${o.id} text { font-family: ${font}; }`)
      .replace(/(^|\n)(\s*)svg\s*\{/, `$1$2#${o.id} {`)
      .replace(/(^|\n)(\s*)\.mono\s*\{/, `$1$2#${o.id} .mono {`);
    const extra = (o.css ?? '').replaceAll('#ID', `#${o.id}`);
    return `<style>${scoped}${extra ? `\n${extra}\n` : ''}</style>`;
  });
}

/** Every `id="x"` becomes `id="<prefix>-x"`, and `url(#x)` / `href="#x"` follow. */
function prefixIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  if (ids.size === 0) return svg;
  const rename = (id: string) => (ids.has(id) ? `${prefix}-${id}` : id);
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${rename(id)}${b}`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/((?:xlink:)?href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}

/** One root `<svg>` tag: a single merged `style`, our id, and an accessible name. */
function mergeRootAttributes(svg: string, o: FixOptions): string {
  return svg.replace(/<svg\b([^>]*)>/, (_, attrs: string) => {
    const styles: string[] = [];
    const kept: string[] = [];
    for (const m of attrs.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, name, value] = m as unknown as [string, string, string];
      if (name === 'style') styles.push(value);
      else if (name !== 'id' && name !== 'role' && name !== 'aria-labelledby') kept.push(`${name}="${value}"`);
    }
    if (o.style) styles.push(escapeXml(o.style));
    const style = styles.map((s) => s.trim().replace(/;+$/, '')).filter(Boolean).join(';');
    const head = `<svg id="${o.id}" ${kept.join(' ')} role="img" aria-labelledby="${o.id}-title" style="${style}">`;
    return `${head}\n<title id="${o.id}-title">${escapeXml(o.title)}</title>`;
  });
}

function decorateNodes(svg: string, nodes: ReadonlyMap<string, { href: string | null; className: string | null }>): string {
  return svg.replace(/<g class="node" data-id="([^"]+)"([^>]*)>([\s\S]*?)<\/g>/g, (whole, id: string, rest: string, body: string) => {
    const n = nodes.get(id);
    if (!n) return whole;
    const cls = n.className ? `node ${n.className}` : 'node';
    const g = `<g class="${cls}" data-id="${id}"${rest}>${body}</g>`;
    return n.href ? `<a href="${escapeXml(n.href)}">${g}</a>` : g;
  });
}
