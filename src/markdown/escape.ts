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

/**
 * What each character becomes in escapeMarkdown. A backslash for every character that can open
 * Markdown syntax in a line: code (`), emphasis (* _), links and images ([ ]; `!` only makes an
 * image before a `[`), table pipes (|), headings (#), strikethrough (~) and GitHub's $math$ ($), and
 * the backslash itself. Entities for
 * & < > (no HTML, comment, autolink or entity reference can form, and the text stays right inside
 * an HTML block too, where a backslash would show) and for @ (no GitHub @mention).
 */
const MARKDOWN_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '&#64;',
};

/**
 * Text from the repository (a name, a message, a commit subject) as Markdown that shows exactly that
 * text on one line, wherever it goes: running text, the start of a line, a GFM table cell, a
 * heading, a link's text. The one Markdown escaper: every writer of Markdown (the exports, runbook
 * blocks, the changelog block, the diff comment) uses it, so a name can never close a table, open a
 * code span or a link, start a list, inject HTML, ping a user, or fake our `<!-- ATLAS -->` markers.
 * - line breaks become one space (a cell, a list item or a heading cannot end early);
 * - the characters above are escaped;
 * - at the start, a list marker (`- `, `+ `, `1. `, `1) `), a thematic break, a setext underline
 *   (`---`, `===`) or a GFM table delimiter row (`-:`, `:-:`: under a paragraph line it would turn
 *   that line into a table header) gets a backslash, and of four leading blanks (an indented code block) the
 *   first becomes `&#32;`. Blanks are kept otherwise: callers join escaped parts into one line.
 */
export function escapeMarkdown(s: string): string {
  return String(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|#~$&<>@]/g, (c) => MARKDOWN_ESCAPES[c] ?? `\\${c}`)
    .replace(/^([ \t]*)([-+])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^([ \t]*)([-=])(?=[-= \t]*$)/, '$1\\$2')
    .replace(/^([ \t]*:?)(-)(?=-*:?[ \t]*$)/, '$1\\$2')
    .replace(/^([ \t]*\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^(?: {4}| {0,3}\t)/, (blanks) => `&#32;${blanks.slice(1)}`);
}

/**
 * Text as a code span: a fence longer than any backtick run inside, one space of padding where the
 * text starts or ends with a backtick, line breaks as spaces. In a GFM table cell (`inTable`), pipes
 * are escaped too: the table splits its row before it reads code spans, and shows `\|` as `|`
 * (outside a table it would show the backslash). Known limit: a backslash right before a pipe
 * cannot be written inside a code span in a table (micromark reads `\\|` as an escaped backslash
 * and a cell border); the cell then shows one backslash more, the row stays whole.
 */
export function codeSpan(s: string, options: { inTable?: boolean } = {}): string {
  let text = String(s).replace(/[\r\n]+/g, ' ');
  if (options.inTable) text = text.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
