/**
 * Issue 22, "SVG images from the repository's docs are served on the site's origin after a filter
 * that misses namespace-prefixed elements and DOCTYPE entities": each attack, as a file a docs
 * folder could hold, must be refused; ordinary SVGs (hand-written, Inkscape, draw.io-like) pass.
 */
import { describe, expect, it } from 'vitest';
import { imageProblem } from '../../src/lib/site/repo-markdown-images.ts';
import { svgAllowlistProblem } from '../../src/lib/site/svg-allowlist.ts';

const SVG = 'http://www.w3.org/2000/svg';
const svg = (inner: string, attrs = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="${SVG}" width="10" height="10"${attrs}>${inner}</svg>\n`;
const problem = (text: string) => imageProblem(Buffer.from(text, 'utf8'), 'image/svg+xml');

const ATTACKS: [string, string][] = [
  ['namespace-prefixed script (<x:script> with xmlns:x bound to SVG)', `<x:svg xmlns:x="${SVG}"><x:script>alert(document.domain)</x:script></x:svg>`],
  ['prefixed script inside a normal root', svg(`<s:script xmlns:s="${SVG}">alert(1)</s:script>`)],
  ['DOCTYPE with an entity that expands into a script', `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n${svg('&x;')}`],
  ['DOCTYPE with an external entity (file read)', `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${svg('<text>&xxe;</text>')}`],
  ['lower-case doctype', `<!doctype svg>${svg('')}`],
  ['XHTML namespace script via a prefix', svg(`<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`)],
  ['XHTML iframe via a default namespace switch', svg(`<g><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></g>`)],
  ['character-referenced javascript: in an href', svg('<a href="&#106;avascript:alert(1)"><text>x</text></a>')],
  ['hex-referenced javascript: in xlink:href', svg('<a xlink:href="&#x6A;&#x61;vascript:alert(1)"><text>x</text></a>', ' xmlns:xlink="http://www.w3.org/1999/xlink"')],
  ['SMIL set that turns an href into javascript:', svg('<a><set attributeName="href" to="&#106;avascript:alert(1)"/><text>x</text></a>')],
  ['animate of an event attribute', svg('<rect><animate attributeName="onbegin" values="x"/></rect>')],
  ['event handler behind a character reference in the name position', svg('<rect o&#110;load="alert(1)"/>')],
  ['event handler with a tab before it', svg('<rect\tonclick="alert(1)"/>')],
  ['foreignObject with a prefix', svg(`<q:foreignObject xmlns:q="${SVG}"><div/></q:foreignObject>`)],
  ['handler element (SVG Tiny)', svg('<handler type="text/ecmascript">alert(1)</handler>')],
  ['XML Events listener', svg('<ev:listener xmlns:ev="http://www.w3.org/2001/xml-events" event="load" handler="#h"/>')],
  ['xml-stylesheet processing instruction (XSLT)', `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="data:text/xsl,x"?>${svg('')}`],
  ['use of an SVG data URL', svg('<use href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+#x"/>')],
  ['xml:base pointing at javascript:', svg('<a xml:base="javascript:alert(1)//" href="x"><text>x</text></a>')],
  ['unquoted attribute (not XML; an HTML parser would read it)', svg('<rect width=1 onload=alert(1)/>')],
  ['UTF-16 encoded SVG hiding a script from text filters', '\ufeff' + svg('<script>alert(1)</script>')],
];

describe('SVG attacks are refused', () => {
  it.each(ATTACKS)('%s', (_name, text) => {
    expect(problem(text)).not.toBeNull();
  });

  it('a UTF-16 SVG is refused as not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(svg('<s:script xmlns:s="http://www.w3.org/2000/svg">x</s:script>'), 'utf16le')]);
    expect(imageProblem(bytes, 'image/svg+xml')).toMatch(/not UTF-8/);
  });

  it('the allowlist alone (without the text filter) refuses the prefixed script and the DOCTYPE', () => {
    expect(svgAllowlistProblem(ATTACKS[0]![1])).toMatch(/script/);
    expect(svgAllowlistProblem(ATTACKS[2]![1])).toMatch(/DOCTYPE/);
    expect(svgAllowlistProblem(ATTACKS[5]![1])).toMatch(/namespace/);
  });
});

describe('ordinary SVGs still pass', () => {
  it.each([
    ['a hand-written icon', svg('<title>icon</title><path d="M0 0h10v10z" fill="#333" style="stroke: red"/>')],
    ['gradients, defs, use by fragment and text', svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><use xlink:href="#g"/><text x="1" y="2">A &amp; B &lt;3 &#169;</text>', ' xmlns:xlink="http://www.w3.org/1999/xlink"')],
    ['an Inkscape drawing with metadata namespaces', `<?xml version="1.0"?>\n<!-- Created with Inkscape -->\n<svg xmlns="${SVG}" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><sodipodi:namedview inkscape:zoom="1"/><metadata><rdf:RDF><dc:title>t</dc:title></rdf:RDF></metadata><g inkscape:label="Layer 1"><rect width="1" height="1"/></g></svg>`],
    ['a style element with CDATA and a raster data image', svg('<style><![CDATA[ .a > .b { fill: red } ]]></style><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>')],
    ['a link to https', svg('<a href="https://example.org/"><text>x</text></a>')],
  ])('%s', (_name, text) => {
    expect(problem(text)).toBeNull();
  });
});
