/**
 * Is an SVG from the repository's docs safe to publish on the site's origin? An SVG opened directly
 * is an XML document the browser runs like a page, and regular expressions over its text miss
 * what an XML parser sees: `<x:script xmlns:x="http://www.w3.org/2000/svg">` is an SVG script,
 * `&#106;avascript:` in an attribute is `javascript:`, and a DOCTYPE can declare entities that
 * expand into markup. So this reads the document the way an XML parser does (tags, comments,
 * CDATA, processing instructions, namespace scopes, character references) and refuses:
 * - any DOCTYPE or ENTITY declaration, and processing instructions other than `<?xml ...?>`;
 * - any element in the SVG namespace outside an allowlist (no script, foreignObject, handler ...);
 * - any element or namespace binding for XHTML, MathML, XML Events or XSLT (they can run code or
 *   embed HTML); elements of other namespaces (Inkscape, Sodipodi, RDF metadata) are inert and kept;
 * - event handler attributes, `xml:base`, attributes in the SVG namespace, and href values other
 *   than fragments, relative paths, http(s) and raster data: URLs;
 * - animations that target an href or an event attribute (`<set attributeName="href" to="javascript:...">`);
 * - anything it cannot tokenise (an unquoted attribute, a stray `<`).
 * The server adds `Content-Security-Policy: sandbox` to every SVG as a second wall (serve-static.ts).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const FORBIDDEN_NS = new Set(['http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/math/mathml', 'http://www.w3.org/2001/xml-events', 'http://www.w3.org/1999/xsl/transform']);

const SVG_ELEMENTS = new Set(
  (
    'svg g defs desc title metadata symbol use image switch path rect circle ellipse line polyline polygon text tspan textPath ' +
    'a marker mask clipPath pattern linearGradient radialGradient stop filter style view animate animateMotion animateTransform set mpath ' +
    'feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow ' +
    'feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight ' +
    'feSpecularLighting feSpotLight feTile feTurbulence'
  ).split(' '),
);
const XLINK_ATTRS = new Set(['href', 'title', 'type', 'role', 'arcrole', 'show', 'actuate']);
const ANIMATIONS = new Set(['animate', 'animateMotion', 'animateTransform', 'set']);

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
/** A start or end tag at lastIndex (sticky: no copy of the rest of the text per tag). */
const TAG = /<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Attribute value as the XML parser hands it to the browser (references decoded), or null if malformed. */
function decode(value: string): string | null {
  let bad = false;
  const out = value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);|&/gi, (m, ref: string | undefined) => {
    if (!ref) return ((bad = true), m);
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ((bad = true), m);
    }
    return PREDEFINED[ref] ?? ((bad = true), m);
  });
  return bad ? null : out;
}

/** href values an image may keep: fragments, relative paths, http(s), raster data: URLs. */
function safeImageHref(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const v = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase();
  if (!scheme) return true;
  if (scheme === 'http' || scheme === 'https') return true;
  return scheme === 'data' && /^data:image\/(png|jpe?g|gif|webp)[;,]/i.test(v);
}

interface Scope {
  prefixes: Map<string, string>;
  name: string;
}

/** Why this SVG text must not be published, or null when every element and attribute is allowed. */
export function svgAllowlistProblem(text: string): string | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return 'it declares a DOCTYPE or entities';
  const stack: Scope[] = [{ prefixes: new Map([['xml', XML_NS], ['xmlns', XMLNS_NS]]), name: '' }];
  let sawRoot = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const gap = text.slice(i, lt);
    if (/&(?!(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);)/i.test(gap)) return 'it contains an undeclared entity reference';
    const rest = text.slice(lt, lt + 9);
    if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return 'it has an unterminated comment';
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<![CDATA[')) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return 'it has an unterminated CDATA section';
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<?')) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0 || !/^<\?xml\s/.test(text.slice(lt, end + 2)) || sawRoot) return 'it contains a processing instruction';
      i = end + 2;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) return 'it contains markup that is not well-formed XML';
    i = lt + m[0].length;
    const [, closing, qname, attrText, selfClosing] = m as unknown as [string, string, string, string, string];
    if (!NAME.test(qname)) return `it contains an element with an invalid name`;
    if (closing) {
      if (stack.length <= 1 || stack.at(-1)!.name !== qname) return 'its tags do not nest';
      stack.pop();
      continue;
    }
    // Namespace declarations of this element apply to itself and its attributes.
    const prefixes = new Map(stack.at(-1)!.prefixes);
    const attrs: [string, string][] = [];
    for (const a of attrText.matchAll(ATTR)) {
      const value = decode(a[2] ?? a[3] ?? '');
      if (value === null) return 'it contains an undeclared entity reference';
      const name = a[1]!;
      if (!NAME.test(name)) return 'it contains an attribute with an invalid name';
      attrs.push([name, value]);
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (FORBIDDEN_NS.has(value.trim().toLowerCase())) return `it binds the namespace ${value.trim()}, which can embed HTML or run code`;
        prefixes.set(name === 'xmlns' ? '' : name.slice(6), value);
      }
    }
    const colon = qname.indexOf(':');
    const ns = colon < 0 ? prefixes.get('') : prefixes.get(qname.slice(0, colon));
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (ns === undefined && colon >= 0) return `it uses an undeclared prefix (${qname.slice(0, colon)})`;
    if (!sawRoot) {
      if (ns !== SVG_NS || local !== 'svg') return 'its content is not an SVG image';
      sawRoot = true;
    } else if (stack.length === 1) return 'it has more than one root element';
    if (ns === SVG_NS) {
      if (local.toLowerCase() === 'script') return 'it contains a <script> element';
      if (local === 'foreignObject') return 'it embeds HTML content (foreignObject)';
      if (!SVG_ELEMENTS.has(local)) return `it contains an SVG element outside the allowlist (<${local}>)`;
    } else if (ns === undefined || FORBIDDEN_NS.has(ns.toLowerCase())) {
      return 'it embeds HTML content';
    }
    for (const [name, value] of attrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const c = name.indexOf(':');
      const attrNs = c < 0 ? null : prefixes.get(name.slice(0, c));
      const attrLocal = c < 0 ? name : name.slice(c + 1);
      if (c >= 0 && attrNs === undefined) return `it uses an undeclared prefix (${name.slice(0, c)})`;
      if (attrNs === null && /^on/i.test(attrLocal)) return 'it contains an event handler attribute (on...=)';
      if (attrNs === SVG_NS || (attrNs && FORBIDDEN_NS.has(attrNs.toLowerCase()))) return `it contains an attribute in a namespace that can run code (${name})`;
      if (attrNs === XML_NS && attrLocal === 'base') return 'it sets xml:base';
      if (attrNs === XLINK_NS && !XLINK_ATTRS.has(attrLocal)) return `it contains an XLink attribute outside the allowlist (${name})`;
      if ((attrNs === null || attrNs === XLINK_NS) && attrLocal === 'href' && !safeImageHref(value)) return 'it contains a javascript: or HTML data URL';
      if (ns === SVG_NS && ANIMATIONS.has(local) && attrNs === null && attrLocal === 'attributeName' && /href|^\s*on/i.test(value)) return 'it animates a link or an event attribute';
      if (/javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/i.test(value)) return 'it contains a javascript: or HTML data URL';
    }
    if (!selfClosing) stack.push({ prefixes, name: qname });
  }
  if (!sawRoot) return 'its content is not an SVG image';
  if (stack.length > 1) return 'its tags do not nest';
  return null;
}
