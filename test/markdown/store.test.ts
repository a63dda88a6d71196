import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSafe, parseUntrustedMarkdown } from '../../src/markdown/safe.ts';
import { renderParsed, renderUntrustedMarkdown, safeHtml } from '../../src/markdown/safe-html.ts';
import { MarkdownStore, markdownStoreOf } from '../../src/markdown/store.ts';
import type { LinkRewriter } from '../../src/markdown/types.ts';

const readme = readFileSync(new URL('../fixtures/markdown/safe/realistic-readme.md', import.meta.url), 'utf8');
const hostile = readFileSync(new URL('../fixtures/markdown/safe/hostile.md', import.meta.url), 'utf8');

/** Freezes a tree so any write to it throws (the test modules run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const rewriter: LinkRewriter = (url, ref) => (url.startsWith('./')
  ? { url: `/docs/${url.slice(2)}`, findings: [{ code: 'BROKEN_DOC_LINK', severity: 'info', message: url, source: { file: 'a.md', line: ref.line, col: ref.col }, area: 'docs' }] }
  : { url });

describe('one parse, many renders', () => {
  it('rendering never writes to the parse: a frozen parse renders as a fresh one, with and without a rewriter', () => {
    for (const md of [readme, hostile, '# T\n\n[a](./b.md) <b>x</b> [r]\n\n[r]: javascript:x\n\n![i](./i.png)']) {
      const parsed = deepFreeze(parseUntrustedMarkdown(md));
      expect(renderParsed(md, parsed, { file: 'a.md' })).toEqual(renderUntrustedMarkdown(md, { file: 'a.md' }));
      expect(renderParsed(md, parsed, { file: 'a.md', linkRewriter: rewriter, rawHtml: 'drop' }))
        .toEqual(renderUntrustedMarkdown(md, { file: 'a.md', linkRewriter: rewriter, rawHtml: 'drop' }));
    }
  });

  it('two option sets over one parse give their own links and findings', () => {
    const md = '# Title\n\nSee [b](./b.md).';
    const parsed = parseUntrustedMarkdown(md);
    const plain = makeSafe(md, parsed);
    const rewritten = makeSafe(md, parsed, { file: 'a.md', linkRewriter: rewriter });
    expect(safeHtml(plain)).toBe('<h1 id="title">Title</h1>\n<p>See <a href="./b.md">b</a>.</p>');
    expect(safeHtml(rewritten)).toBe('<h1 id="title">Title</h1>\n<p>See <a href="/docs/b.md">b</a>.</p>');
    expect(plain.findings).toEqual([]);
    expect(rewritten.findings.map((f) => [f.message, f.source.line, f.source.col])).toEqual([['./b.md', 3, 5]]);
    // And the first one is unchanged by the second.
    expect(safeHtml(plain)).toBe('<h1 id="title">Title</h1>\n<p>See <a href="./b.md">b</a>.</p>');
  });

  it('a refused text is parsed by no one and renders as escaped plain text with its finding', () => {
    const md = `${'['.repeat(300)}<script>`;
    const parsed = parseUntrustedMarkdown(md);
    expect(parsed.tree).toBeNull();
    const r = renderParsed(md, parsed, { file: 'x.md', lineOffset: 2 });
    expect(r.html).toBe(`<pre>${'['.repeat(300)}&lt;script&gt;</pre>`);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'MARKDOWN_NOT_RENDERED', source: { file: 'x.md', line: 3, col: 1 } })]);
  });
});

describe('MarkdownStore', () => {
  it('parses the same text once, whoever asks; another text or another length cap is another parse', () => {
    const store = new MarkdownStore();
    const a = store.parse(readme);
    expect(store.parse(`${readme}`)).toBe(a);
    expect(store.parsed).toBe(1);
    expect(store.parse(hostile)).not.toBe(a);
    expect(store.parse(readme, 10)).toEqual({ tree: null, refusal: 'it is longer than 10 characters' });
    expect(store.parsed).toBe(3);
  });

  it('memo makes each key once', () => {
    const store = new MarkdownStore();
    let made = 0;
    expect(store.memo('k', () => ++made)).toBe(1);
    expect(store.memo('k', () => ++made)).toBe(1);
    expect(store.memo('other', () => ++made)).toBe(2);
  });

  it('a store made from an earlier one reuses its parses (dev: an unchanged file after a save), never its memos', () => {
    const earlier = new MarkdownStore();
    const a = earlier.parse(readme);
    earlier.memo('k', () => 'old');
    const next = new MarkdownStore(earlier);
    expect(next.parse(readme)).toBe(a);
    expect(next.parse(`${readme}\nchanged`)).not.toBe(a);
    expect(next.memo('k', () => 'new')).toBe('new');
    // Only what this scan asked for is kept: the next generation does not see older texts.
    earlier.parse(hostile);
    expect(new MarkdownStore(next).parse(hostile)).not.toBe(earlier.parse(hostile));
  });

  it("an Atlas' store travels with its copies; an input without one gets its own", () => {
    const markdown = new MarkdownStore();
    const atlas = { markdown };
    expect(markdownStoreOf({ ...atlas })).toBe(markdown);
    const bare = {};
    expect(markdownStoreOf(bare)).toBe(markdownStoreOf(bare));
    expect(markdownStoreOf(bare)).not.toBe(markdownStoreOf({}));
  });
});
