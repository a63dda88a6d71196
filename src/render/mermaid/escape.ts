/**
 * Text that goes into Mermaid source. Neither renderer has a reliable escape: beautiful-mermaid
 * decodes XML entities in the whole source before parsing (so `&quot;` turns back into a quote and
 * ends the label) and ends a label at the first `]`; mermaid.js reads `#…;` entity codes and HTML.
 * So characters that mean something to either are swapped for their full-width look-alikes; a
 * label stays readable and can never close its brackets, open a tag or start a directive. `&` is
 * written as `&amp;`, which both renderers turn back into a plain `&`.
 */
const SWAP: Record<string, string> = {
  '"': '\uFF02',
  '<': '\uFF1C',
  '>': '\uFF1E',
  '[': '\uFF3B',
  ']': '\uFF3D',
  '(': '\uFF08',
  ')': '\uFF09',
  '{': '\uFF5B',
  '}': '\uFF5D',
  '|': '\uFF5C',
  '`': '\uFF40',
  '#': '\uFF03',
  '*': '\uFF0A',
  '~': '\uFF5E',
  '\\': '\uFF3C',
  ';': '\uFF1B',
};

const SPECIAL = /["<>[\](){}|`#*~\\;]/g;
// C0/C1 controls, line and paragraph separators, bidi overrides: none belongs in a one-line label.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/g;

/** A label, ready to put between `["` and `"]` (or `("` `")`, or `|` `|` for edges). */
export function mermaidLabel(text: string, maxLength = 80): string {
  let t = text.replace(CONTROL, ' ').trim();
  if ([...t].length > maxLength) t = `${[...t].slice(0, maxLength - 1).join('')}…`;
  return t.replace(SPECIAL, (c) => SWAP[c]!).replace(/&/g, '&amp;');
}

/** XML text and attribute escaping for what we write into SVG ourselves. */
export { escapeXml } from '../../markdown/escape.ts';
