/**
 * A runbook as Markdown, for `atlas export` (marker blocks in hand-written runbooks) and for
 * anyone who wants to paste it elsewhere. Text from the repository is escaped so a name can never
 * become markup; code goes into fences longer than any backtick run inside it. Asides use the
 * GitHub alert syntax (`> [!CAUTION]`), which GitHub renders and plain Markdown shows as a quote.
 */
import type { Block, Inline, Runbook } from './types.ts';

const ALERT = { note: 'NOTE', tip: 'TIP', caution: 'CAUTION', danger: 'WARNING' } as const;

/** Escapes text so it stays text; `block` also escapes what would start a list, quote or heading. */
export function escapeMarkdown(s: string, block = true): string {
  const inline = s.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
  return block ? inline.replace(/^([#>+-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2') : inline;
}

function codeSpan(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

export function inlineMarkdown(parts: readonly Inline[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? escapeMarkdown(p) : 'code' in p ? codeSpan(p.code) : `[${escapeMarkdown(p.text)}](${encodeURI(p.href)})`))
    .join('');
}

function fenced(code: string, lang: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${code.replace(/\r\n?/g, '\n')}\n${fence}`;
}

function blockMarkdown(b: Block): string {
  switch (b.type) {
    case 'text':
      return inlineMarkdown(b.text);
    case 'code':
      return (b.caption ? `${escapeMarkdown(b.caption)}:\n\n` : '') + fenced(b.code, b.lang);
    case 'aside':
      return `> [!${ALERT[b.variant]}]\n> **${escapeMarkdown(b.title)}**: ${inlineMarkdown(b.text)}`;
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inlineMarkdown(item)}`).join('\n');
    case 'table': {
      const cell = (c: readonly Inline[]) => inlineMarkdown(c) || ' ';
      return [`| ${b.head.map((x) => escapeMarkdown(x, false)).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    }
    case 'refs':
      return b.refs.length ? `Source: ${b.refs.map((r) => codeSpan(`${r.file}:${r.line}`)).join(', ')}` : '';
  }
}

/** `headingDepth` is the level of the runbook title (1 for a file of its own, 2 inside a marker block). */
export function runbookMarkdown(rb: Runbook, headingDepth = 1): string {
  const h = (n: number) => '#'.repeat(Math.min(6, n));
  const parts = [`${h(headingDepth)} ${escapeMarkdown(rb.title, false)}`, escapeMarkdown(rb.summary)];
  for (const s of rb.sections) {
    parts.push(`${h(headingDepth + 1)} ${escapeMarkdown(s.heading, false)}`);
    for (const b of s.blocks) {
      const md = blockMarkdown(b);
      if (md) parts.push(md);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
