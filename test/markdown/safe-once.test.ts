/**
 * One parse read by two passes of a build (the docs plan's heading pass, then the page with its
 * link rewriter) is made safe once: the page pass walks the safe tree of the first and copies only
 * what its rewriter changes. These tests hold the results to a fresh makeSafe of each (so the split
 * into a safety pass and a rewrite pass changes nothing a reader sees) and check the sharing.
 */
import { describe, expect, it } from 'vitest';
import type { Parents } from 'mdast';
import { makeSafe, parseUntrustedMarkdown } from '../../src/markdown/safe.ts';
import { MarkdownStore } from '../../src/markdown/store.ts';
import type { LinkRewriter } from '../../src/markdown/types.ts';

const md = [
  '# Ops [home](./index.md) <b>x</b>',
  '',
  'A plain paragraph with **bold** text and `code` that no pass changes.',
  '',
  '[outer ![inner](javascript:bad) text](./gone.md) and [safe](https://example.com) [bad](vbscript:x)',
  '',
  '- item [setup](./setup.md)',
  '  - nested ![pic](./d.png) and [ref][r1] ![img][r2]',
  '',
  '[r1]: ./gone-too.md',
  '[r2]: ./d.png',
  '',
  '## Duplicate',
  '## Duplicate',
  '',
].join('\n');

const rewriter: LinkRewriter = (url, ref) => {
  if (url.includes('gone')) {
    return { url: null, findings: [{ code: 'BROKEN_DOC_LINK', severity: 'warning', message: `"${url}" is broken`, source: { file: 'ops.md', line: ref.line, col: ref.col }, area: 'docs' }] };
  }
  if (ref.kind === 'image') return { url: `/docs/_assets/${url.slice(2)}`, image: url.slice(2) };
  return { url: url.startsWith('http') ? url : `/docs/${url.slice(2).replace(/\.md$/, '/')}` };
};

function snapshot(value: unknown): string {
  return JSON.stringify(value);
}

describe('the safety transform, made once per parse', () => {
  it('the heading pass and the page pass of the store give what two makeSafe calls give', () => {
    const store = new MarkdownStore();
    const parsed = store.parse(md);
    const headingPass = store.safe(md, parsed, { file: 'ops.md', lineOffset: 4 });
    const pagePass = store.safe(md, parsed, { file: 'ops.md', lineOffset: 4, linkRewriter: rewriter });
    const fresh = parseUntrustedMarkdown(md);
    expect(snapshot(headingPass)).toBe(snapshot(makeSafe(md, fresh, { file: 'ops.md', lineOffset: 4 })));
    expect(snapshot(pagePass)).toBe(snapshot(makeSafe(md, fresh, { file: 'ops.md', lineOffset: 4, linkRewriter: rewriter })));
  });

  it('the page pass shares what its rewriter leaves alone with the heading pass, and both with the parse', () => {
    const store = new MarkdownStore();
    const parsed = store.parse(md);
    const before = snapshot(parsed);
    const headingPass = store.safe(md, parsed, { file: 'ops.md' });
    const pagePass = store.safe(md, parsed, { file: 'ops.md', linkRewriter: rewriter });
    const plain = (parsed.tree as Parents).children[1];
    expect(plain?.type).toBe('paragraph');
    expect(headingPass.tree?.children[1]).toBe(plain);
    expect(pagePass.tree?.children[1]).toBe(plain);
    // The heading (its id) and the links the rewriter changed are copies; the parse is untouched.
    expect(pagePass.tree?.children[0]).not.toBe((parsed.tree as Parents).children[0]);
    expect(snapshot(parsed)).toBe(before);
  });

  it('findings come in the order of one walk: a link\'s inner image before the link, unsafe and broken interleaved', () => {
    const safe = makeSafe(md, parseUntrustedMarkdown(md), { file: 'ops.md', linkRewriter: rewriter });
    expect(safe.findings.map((f) => `${f.code} ${f.source.line}:${f.source.col}`)).toEqual([
      'UNSAFE_URL_REMOVED 5:8',
      'BROKEN_DOC_LINK 5:1',
      'UNSAFE_URL_REMOVED 5:82',
      'BROKEN_DOC_LINK 10:1',
    ]);
    expect(safe.images).toEqual(['d.png']);
    expect(safe.headings.map((h) => h.slug)).toEqual(['ops-home-bxb', 'duplicate', 'duplicate-1']);
  });
});
