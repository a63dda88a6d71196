/**
 * satteri (the native parser the site uses, src/markdown/safe.ts) held to micromark's
 * `fromMarkdown` with the GFM extensions, the reference mdast implementation the site used before:
 * the same tree (node types, values, URLs, titles, depths, list and table attributes, footnote
 * labels, and the position of every node) on every Markdown file of the example repository and
 * the fixtures, on generated docs (tables, code blocks, links to headings and manifests) and on the
 * constructs below that real READMEs and runbooks carry. Like the kustomize oracle, a difference
 * here is a page or a finding that would change if the parser were swapped back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUntrustedMarkdown } from '../../src/markdown/safe.ts';
import { generateRepo } from '../../scripts/bench/generate.ts';

const ROOT = join(import.meta.dirname, '../..');

function reference(md: string): unknown {
  return fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function ours(md: string): unknown {
  const parsed = parseUntrustedMarkdown(md);
  if (parsed.tree === null) throw new Error(`refused: ${parsed.refusal}`);
  return parsed.tree;
}

/** The tree as plain data, `data` fields and undefined properties left out (neither parser's readers use them). */
function plain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plain);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'data' || v === undefined) continue;
    out[k] = plain(v);
  }
  return out;
}

function markdownUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownUnder(path, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const CONSTRUCTS: Record<string, string> = {
  inline: 'Para with *em* **strong** ***both*** _u_ __uu__ ~one~ ~~two~~ `co``de` ``a`b`` \\* \\_ &amp; &copy; &#35; &#x22; &bogus;\n',
  breaks: 'hard break  \nnext\\\nlast\n',
  headings: '# H1 #\nSetext\n======\n## With `code` and [link](x) ##\nSub\n---\n',
  quotes: '> quote\nlazy\n> - a\n>   - b\n',
  lists: '1. one\n2) two\n3. three\n\n- [ ] task\n- [x] done\n* other\n\n+ plus\n\n  loose\n\n- \n-\n\n1.\n',
  html: 'Term <span>raw *inline*</span> <!-- comment --> <br/>\n\n<div>\nblock *html*\n</div>\n\n<!--\nmulti\n-->\n\n<details><summary>S</summary>\n\ninner **md**\n\n</details>\n\n<img src=x onerror=alert(1)>\n',
  tables: '| a | b \\| c | `x\\|y` |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| only |\n\nx | y\n--|--\n1 | 2\n\n| t |\n|---|\n',
  autolinks: 'https://example.com/path?x=1. www.example.com, user@example.com, <https://a.b>, <mailto:x@y.z>, http://x.y/(a)b), ftp://no\n',
  references: '[ref][R] [R] [collapsed][] ![img](a.png "t") [inline](<a b> "title") [empty]()\n\n[R]: https://r.example "Ref"\n[collapsed]: ./c.md\n\n[![badge](https://img.shields.io/x.svg)](https://ci)\n',
  footnotes: 'Text [^1] and [^note].\n\n[^1]: footnote one\n[^note]: multi\n    para\n\n    more\n',
  code: '```yaml title="x"\na: 1\n```\n\n~~~\ntilde\n~~~\n\n\ttab code\n\n    indented\n\n\n    gap\n',
  rules: '***\n---\n___\n* * *\n',
  unsafe: '[link](javascript:alert(1)) <javascript:x> [x](data:text/html,1)\n',
  unicode: '😀 *a* é *b* [l](x)\n\n日本語 **b** `c`\n\n| 😀 | é |\n|---|---|\n| ü | [x](y) |\n\nİ ß “quotes” — dash\n',
  crlf: 'crlf line\r\n\r\n# head\r\n\r\n- a\r\n- b\r\n',
  bom: '\uFEFFbom first\n\ntext\n',
};

describe('satteri builds the mdast micromark builds', () => {
  it.each(Object.entries(CONSTRUCTS))('%s', (_name, md) => {
    expect(plain(ours(md))).toEqual(plain(reference(md)));
  });

  it('replaces U+0000 with U+FFFD as CommonMark says (satteri alone keeps it)', () => {
    const md = 'nul \0 char\n';
    expect(plain(ours(md))).toEqual(plain(reference(md)));
    expect(JSON.stringify(ours(md))).not.toContain('\\u0000');
  });

  it('on every Markdown file of the example repository and the fixtures', () => {
    const files = [...markdownUnder(join(ROOT, 'examples')), ...markdownUnder(join(ROOT, 'test/fixtures'))];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const md = readFileSync(file, 'utf8');
      if (parseUntrustedMarkdown(md).tree === null) continue; // refused by the guard: parsed by neither
      expect({ file, tree: plain(ours(md)) }).toEqual({ file, tree: plain(reference(md)) });
    }
  });

  describe('on generated docs (tables, code blocks, links between docs and to manifests)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'atlas-parser-oracle-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    it('every file', () => {
      generateRepo(tmp, { apps: 6, commits: 0, docs: { files: 12, bytes: 120_000 } });
      const files = markdownUnder(tmp);
      expect(files.length).toBeGreaterThanOrEqual(12);
      for (const file of files) {
        const md = readFileSync(file, 'utf8');
        expect({ file, tree: plain(ours(md)) }).toEqual({ file, tree: plain(reference(md)) });
      }
    });
  });
});
