/**
 * A last line of defence over the HTML tree produced from Markdown. The renderer never lets
 * raw HTML into the tree, so today this removes nothing; it exists so that a future change
 * (a plugin, `allowDangerousHtml`) cannot put a `<script>` or an `onerror` on the site
 * without also changing this list. Same idea as hast-util-sanitize's GitHub schema, reduced to
 * what mdast-util-to-hast emits for CommonMark + GFM.
 */
import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';
import { isSafeUrl } from './escape.ts';

const TAGS = new Set([
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img',
  'input', 'li', 'ol', 'p', 'pre', 'section', 'strong', 'sup', 'table', 'tbody', 'td', 'th',
  'thead', 'tr', 'ul',
]);

const PROPERTIES = new Set([
  'href', 'src', 'alt', 'title', 'id', 'className', 'align', 'start', 'type', 'checked',
  'disabled', 'dataFootnoteRef', 'dataFootnotes', 'dataFootnoteBackref', 'ariaDescribedBy',
  'ariaLabel',
]);

const CLASS_RE = /^[A-Za-z0-9_:+.#-]+$/;

/** Filters the tree in place: unknown elements are unwrapped, raw/comment nodes and unknown or unsafe properties dropped. */
export function allowlistHast(tree: Root): Root {
  tree.children = filterChildren(tree.children) as RootContent[];
  return tree;
}

function filterChildren(children: Nodes[]): Array<ElementContent | RootContent> {
  const out: Array<ElementContent | RootContent> = [];
  for (const child of children) {
    if (child.type === 'text') out.push(child);
    else if (child.type === 'element') {
      const kept = filterElement(child);
      if (Array.isArray(kept)) for (const k of kept) out.push(k);
      else out.push(kept);
    }
    // 'raw', 'comment', 'doctype' are dropped.
  }
  return out;
}

function filterElement(el: Element): Element | Array<ElementContent | RootContent> {
  const children = filterChildren(el.children) as ElementContent[];
  if (!TAGS.has(el.tagName)) return children;
  const properties: Element['properties'] = {};
  for (const [key, value] of Object.entries(el.properties ?? {})) {
    if (!PROPERTIES.has(key)) continue;
    if ((key === 'href' || key === 'src') && !(typeof value === 'string' && isSafeUrl(value))) continue;
    if (key === 'type' && value !== 'checkbox') continue;
    if (key === 'className') {
      const classes = (Array.isArray(value) ? value : [value]).filter(
        (c): c is string => typeof c === 'string' && CLASS_RE.test(c),
      );
      if (classes.length > 0) properties[key] = classes;
      continue;
    }
    properties[key] = value;
  }
  return { ...el, properties, children };
}
