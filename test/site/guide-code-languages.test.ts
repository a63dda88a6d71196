/**
 * Every site's build highlights the guide's code blocks (Starlight's Expressive Code, with Shiki),
 * and each language's grammar is loaded and compiled once per build. Most are cheap, but the
 * Markdown grammar is not: its fenced-code rules (one per embedded language) made one seven-line
 * ```markdown block cost 0.4-0.6 s of every cold build (CPU profiles of the smallest corpus site,
 * two builds each: Shiki and Expressive Code 0.94-1.03 s with the block, 0.35-0.36 s without;
 * the whole build 10.2-10.3 s of CPU against 7.8-7.9 s). So the guide keeps to a few cheap grammars,
 * and a block in any other language is a decision this test makes visible.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown } from '../../src/lib/site/config-reference.ts';
import { findingsReferenceMarkdown } from '../../src/lib/site/findings-reference.ts';

/** Grammars measured as cheap to load (sh and yaml: 40-80 ms each, the first time), and plain text (named or not). */
const ALLOWED = new Set(['sh', 'yaml', 'text', '(none)']);
const GUIDE = join(import.meta.dirname, '../../src/content/docs');

/** The language of each fenced block that opens a code block (```lang or ~~~lang), with its line. */
function fenceLanguages(markdown: string): { lang: string; line: number }[] {
  const out: { lang: string; line: number }[] = [];
  let open: string | null = null;
  markdown.split('\n').forEach((text, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
    if (!m) return;
    if (open === null) {
      open = m[1]!;
      out.push({ lang: m[2] || '(none)', line: i + 1 });
    } else if (m[1]!.startsWith(open[0]!) && m[1]!.length >= open.length && !m[2]) open = null;
  });
  return out;
}

describe('the languages of the guide\'s code blocks', () => {
  const pages = [
    ...readdirSync(GUIDE, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md') || f.endsWith('.mdx'))
      .map((f) => ({ name: f, text: readFileSync(join(GUIDE, f), 'utf8') })),
    { name: '(configuration reference)', text: configReferenceMarkdown() },
    { name: '(findings reference)', text: findingsReferenceMarkdown() },
  ];

  it('finds the guide\'s pages and their blocks', () => {
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.flatMap((p) => fenceLanguages(p.text)).length).toBeGreaterThan(10);
  });

  it('uses only grammars that are cheap to load in every build', () => {
    const others = pages.flatMap((p) => fenceLanguages(p.text).filter((f) => !ALLOWED.has(f.lang)).map((f) => `${p.name}:${f.line} ${f.lang}`));
    expect(others).toEqual([]);
  });

  it('reads the language of a fence, and not of a fence inside a longer one', () => {
    expect(fenceLanguages('```markdown\n# a\n```\n\n````text\n```yaml\n````\n~~~sh\nx\n~~~')).toEqual([
      { lang: 'markdown', line: 1 },
      { lang: 'text', line: 5 },
      { lang: 'sh', line: 8 },
    ]);
  });
});
