/**
 * The one Markdown escaper (escapeMarkdown, codeSpan): whatever the text, the Markdown it writes
 * parses (CommonMark + GFM, the parser the site uses) back to exactly that text, with no markup,
 * in running text, on the line after a paragraph, and in a table cell.
 */
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown } from '../../src/markdown/escape.ts';
import { parseUntrustedMarkdown } from '../../src/markdown/safe.ts';

/** Characters that mean something to Markdown, blanks, line breaks, digits and a few letters. */
const markdownish = fc.string({
  unit: fc.constantFrom(...'\\`*_[]()|#!~$&<>@-+=.:;/"\' \t\r\n0123456789abcXYZ'.split(''), 'é', '&amp;', '<!--', '-->', '&#64;'),
  maxLength: 40,
});

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function parse(md: string): Nodes {
  const parsed = parseUntrustedMarkdown(md);
  if (!parsed.tree) throw new Error(parsed.refusal);
  return parsed.tree;
}

/**
 * Node types below the root, depth first. An e-mail address is the one thing GFM turns into markup
 * from plain text whatever its escaping (the autolink literal runs on the decoded text, on GitHub
 * too): such a `mailto:` link of the same text counts as text (fast-check found `0@b.c`).
 */
function types(node: Nodes): string[] {
  if (!('children' in node)) return [];
  return node.children.flatMap((c) => (c.type === 'link' && c.url === `mailto:${toString(c)}` ? ['text'] : [c.type, ...types(c as Nodes)]));
}

describe('escapeMarkdown', () => {
  it('property: as running text, the text comes back as one paragraph of plain text', () => {
    fc.assert(fc.property(markdownish, (s) => {
      const tree = parse(escapeMarkdown(s));
      expect(norm(toString(tree))).toBe(norm(s));
      for (const t of types(tree)) expect(['paragraph', 'text']).toContain(t);
    }), { numRuns: 2000 });
  });

  it('property: on the line after a paragraph, it neither underlines it into a heading nor breaks it', () => {
    fc.assert(fc.property(markdownish, (s) => {
      const tree = parse(`Para\n${escapeMarkdown(s)}`);
      expect(norm(toString(tree))).toBe(norm(`Para ${s}`));
      for (const t of types(tree)) expect(['paragraph', 'text']).toContain(t);
    }), { numRuns: 2000 });
  });

  it('property: in a GFM table cell, the row keeps its two cells and the cell its text', () => {
    fc.assert(fc.property(markdownish, markdownish, (a, b) => {
      const tree = parse(`| A | B |\n|---|---|\n| ${escapeMarkdown(a)} | ${escapeMarkdown(b)} |\n`);
      const table = 'children' in tree ? tree.children[0] : undefined;
      expect(table?.type).toBe('table');
      const row = table && 'children' in table ? table.children[1] : undefined;
      const cells = row && 'children' in row ? row.children : [];
      expect(cells.map((c) => norm(toString(c)))).toEqual([norm(a), norm(b)]);
      for (const t of types(tree)) expect(['table', 'tableRow', 'tableCell', 'text']).toContain(t);
    }), { numRuns: 1000 });
  });

  it('examples: each rule on the text that needs it', () => {
    expect(escapeMarkdown('a|b `c` *d* _e_ [f](g) ~h~ #1 \\')).toBe('a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\~h\\~ \\#1 \\\\');
    // No HTML, no comment that could be taken for our markers, no entity, no @mention.
    expect(escapeMarkdown('<!-- END ATLAS --> <script> &copy; @admin')).toBe('&lt;!-- END ATLAS --&gt; &lt;script&gt; &amp;copy; &#64;admin');
    // GitHub renders $...$ as math: two hosts with a variable each would become a formula.
    expect(escapeMarkdown('a.${DOMAIN}, b.${DOMAIN}')).toBe('a.\\${DOMAIN}, b.\\${DOMAIN}');
    expect(escapeMarkdown('line one\r\nline two\n\nthree')).toBe('line one line two three');
    // At the start of a line: lists, thematic breaks, setext underlines, indented code.
    expect(['- a', '+ a', '-', '---', '===', '1. a', '2) a', '    code'].map(escapeMarkdown))
      .toEqual(['\\- a', '\\+ a', '\\-', '\\---', '\\===', '1\\. a', '2\\) a', '&#32;   code']);
    // A GFM table delimiter row under a paragraph line would make that line a table header
    // (fast-check found `-:`).
    expect(['-:', ':-', ':-:', ' :--: '].map(escapeMarkdown)).toEqual(['\\-:', ':\\-', ':\\-:', ' :\\--: ']);
    expect(types(parse(`Para\n${escapeMarkdown('-:')}`))).toEqual(['paragraph', 'text']);
    // Not a list: left as written.
    expect(['-a', '1.2.3', 'v1.', 'a - b', 'feat(x)!: y'].map(escapeMarkdown)).toEqual(['-a', '1.2.3', 'v1.', 'a - b', 'feat(x)!: y']);
  });
});

describe('codeSpan', () => {
  it('property: the code comes back as one inline code, in text and in a table cell', () => {
    fc.assert(fc.property(markdownish.filter((s) => s.trim() !== ''), (s) => {
      const oneLine = s.replace(/[\r\n]+/g, ' ');
      const text = parse(`x ${codeSpan(s)} y`);
      const code = types(text).filter((t) => t === 'inlineCode');
      expect(code).toHaveLength(1);
      expect(toString(text)).toBe(`x ${oneLine} y`);
      // A backslash before a pipe cannot be written in a table's code span (see codeSpan).
      if (/\\\|/.test(oneLine)) return;
      const table = parse(`| A |\n|---|\n| ${codeSpan(s, { inTable: true })} |\n`);
      expect(types(table).filter((t) => t === 'inlineCode')).toHaveLength(1);
      expect(toString(table)).toBe(`A${oneLine}`);
    }), { numRuns: 1000 });
  });
});
