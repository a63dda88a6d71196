/**
 * MarkdownStore.safe: a dev re-scan reuses the previous scan's safety transform only when the text,
 * the options and every answer of the link rewriter are the same. Each test changes one of those
 * and expects a fresh result, so a reuse that ignores a change fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSafe } from '../../src/markdown/safe.ts';
import { safeHtml } from '../../src/markdown/safe-html.ts';
import { MarkdownStore } from '../../src/markdown/store.ts';
import type { LinkRewriter } from '../../src/markdown/types.ts';

const readme = readFileSync(new URL('../fixtures/markdown/safe/realistic-readme.md', import.meta.url), 'utf8');
const md = '# Ops\n\nSee [setup](./setup.md), [gone](./gone.md) and ![diagram](./d.png).\n';

/** A rewriter over a set of known files; counts its calls. */
function rewriterFor(known: Set<string>, counter = { calls: 0 }): LinkRewriter {
  return (url, ref) => {
    counter.calls++;
    const path = url.replace(/^\.\//, '');
    if (ref.kind === 'image') return known.has(path) ? { url: `/docs/_assets/${path}`, image: path } : { url: null };
    if (known.has(path)) return { url: `/docs/${path.replace(/\.md$/, '/')}` };
    return { url: null, findings: [{ code: 'BROKEN_DOC_LINK', severity: 'warning', message: `"${url}" is broken`, source: { file: 'ops.md', line: ref.line, col: ref.col }, area: 'docs' }] };
  };
}

/** The store of a scan after a save: handed the previous one, as computeAtlas does in dev. */
function rescan(earlier: MarkdownStore, text: string, options: Parameters<MarkdownStore['safe']>[2]) {
  const store = new MarkdownStore(earlier);
  return { store, safe: store.safe(text, store.parse(text), options) };
}

describe('MarkdownStore.safe: reuse across dev scans', () => {
  it('gives what makeSafe gives, with and without a rewriter', () => {
    const store = new MarkdownStore();
    for (const text of [md, readme]) {
      const parsed = store.parse(text);
      const rw = rewriterFor(new Set(['setup.md', 'd.png']));
      expect(store.safe(text, parsed, { file: 'ops.md', lineOffset: 3, linkRewriter: rw })).toEqual(makeSafe(text, parsed, { file: 'ops.md', lineOffset: 3, linkRewriter: rw }));
      expect(store.safe(text, parsed, { file: 'ops.md' })).toEqual(makeSafe(text, parsed, { file: 'ops.md' }));
    }
  });

  it('an unchanged doc whose links resolve as before reuses the earlier transform (only the links are asked again)', () => {
    const first = new MarkdownStore();
    const known = new Set(['setup.md', 'd.png']);
    const a = first.safe(md, first.parse(md), { file: 'ops.md', linkRewriter: rewriterFor(known) });
    const counter = { calls: 0 };
    const { safe: b } = rescan(first, md, { file: 'ops.md', linkRewriter: rewriterFor(known, counter) });
    expect(b.tree).toBe(a.tree);
    expect(b).toEqual(a);
    expect(counter.calls).toBe(3);
  });

  it('a link whose target appears (or disappears) after the save is rewritten afresh', () => {
    const first = new MarkdownStore();
    const before = first.safe(md, first.parse(md), { file: 'ops.md', linkRewriter: rewriterFor(new Set(['setup.md', 'd.png'])) });
    expect(before.findings.map((f) => f.message)).toEqual(['"./gone.md" is broken']);
    const { safe: after } = rescan(first, md, { file: 'ops.md', linkRewriter: rewriterFor(new Set(['setup.md', 'gone.md', 'd.png'])) });
    expect(after.findings).toEqual([]);
    expect(safeHtml(after)).toContain('href="/docs/gone/"');
    const { safe: noImage } = rescan(first, md, { file: 'ops.md', linkRewriter: rewriterFor(new Set(['setup.md'])) });
    expect(noImage.images).toEqual([]);
    expect(safeHtml(noImage)).not.toContain('_assets');
  });

  it('another text, file, line offset, raw-HTML mode or rewriter presence is another transform', () => {
    const first = new MarkdownStore();
    const rw = rewriterFor(new Set(['setup.md', 'd.png']));
    const a = first.safe(md, first.parse(md), { file: 'ops.md', lineOffset: 0, linkRewriter: rw });
    const edited = md.replace('Ops', 'Operations');
    expect(rescan(first, edited, { file: 'ops.md', linkRewriter: rw }).safe.headings.map((h) => h.text)).toEqual(['Operations']);
    const refused = `${'['.repeat(300)}x`;
    const s0 = new MarkdownStore();
    expect(s0.safe(refused, s0.parse(refused), { file: 'ops.md' }).findings.map((f) => f.source.file)).toEqual(['ops.md']);
    expect(rescan(s0, refused, { file: 'run.md' }).safe.findings.map((f) => f.source.file)).toEqual(['run.md']);
    // The same parse handed with another text (a caller's mistake) is not answered with the old text.
    expect(new MarkdownStore(s0).safe(`${refused}y`, s0.parse(refused), { file: 'ops.md' }).text).toBe(`${refused}y`);
    const moved = rescan(first, md, { file: 'ops.md', lineOffset: 4, linkRewriter: rw }).safe;
    expect(moved.findings.map((f) => f.source.line)).toEqual([a.findings[0]!.source.line + 4]);
    const html = '# T\n\n<b>x</b>\n';
    const s1 = new MarkdownStore();
    s1.safe(html, s1.parse(html), { rawHtml: 'text' });
    expect(safeHtml(rescan(s1, html, { rawHtml: 'drop' }).safe)).not.toContain('&lt;b&gt;');
    expect(safeHtml(rescan(first, md, { file: 'ops.md' }).safe)).toContain('href="./gone.md"');
  });

  it('a reader that edits a result does not change the kept one', () => {
    const first = new MarkdownStore();
    const rw = rewriterFor(new Set(['setup.md']));
    const a = first.safe(md, first.parse(md), { file: 'ops.md', linkRewriter: rw });
    a.findings[0]!.source.line = 99;
    a.findings.push(a.findings[0]!);
    a.headings[0]!.text = 'changed';
    const { store: second, safe: b } = rescan(first, md, { file: 'ops.md', linkRewriter: rw });
    expect(b.findings.map((f) => f.source.line)).toEqual([3]);
    expect(b.headings.map((h) => h.text)).toEqual(['Ops']);
    b.findings[0]!.message = 'edited';
    b.images.push('x.png');
    const { safe: c } = rescan(second, md, { file: 'ops.md', linkRewriter: rw });
    expect(c.findings.map((f) => f.message)).toEqual(['"./gone.md" is broken']);
    expect(c.images).toEqual([]);
  });
});
