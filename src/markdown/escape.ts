/**
 * The two primitives every renderer of repository text needs: escaping text for HTML and
 * deciding whether a URL may reach an `href` or `src`. Kept apart from the Markdown renderer
 * so components that print manifest strings can use them without pulling in the parser.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The same escaping for XML (the SVGs we write ourselves): one function, so both stay right. */
export const escapeXml = escapeHtml;

/** Schemes a link in repository text may use; anything else (javascript:, data:, vbscript:, file: ...) is dropped. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * True for relative URLs, fragments and the schemes above. Browsers ignore tabs, newlines and
 * leading control characters inside a scheme (`java\tscript:`), so they are removed before the
 * scheme is read; a character reference has already been decoded by the Markdown parser.
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return true;
  return SAFE_SCHEMES.has((scheme[1] ?? '').toLowerCase());
}

/**
 * An absolute URL from configuration or a manifest (repoUrl, the site URL, a chart's home page) as
 * it may reach an `href`: http: or https: only, parsed by the WHATWG URL parser (so `java\tscript:`
 * and leading control characters are read the way a browser reads them) and re-serialised, or
 * null: the caller then shows text instead of a link. Every such href goes through here.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
