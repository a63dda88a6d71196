/**
 * A runbook as Markdown, for `atlas export` (marker blocks in hand-written runbooks) and for
 * anyone who wants to paste it elsewhere. Text from the repository is escaped so a name can never
 * become markup; code goes into fences longer than any backtick run inside it. Asides use the
 * GitHub alert syntax (`> [!CAUTION]`), which GitHub renders and plain Markdown shows as a quote.
 */
import { codeSpan, escapeMarkdown } from '../../markdown/escape.ts';
import type { Block, Inline, Runbook } from './types.ts';

const ALERT = { note: 'NOTE', tip: 'TIP', caution: 'CAUTION', danger: 'WARNING' } as const;

/** Inline parts as Markdown; `inTable` for a GFM table cell (pipes in code spans escaped). */
function inlineMarkdown(parts: readonly Inline[], inTable = false): string {
  return parts
    .map((p) => (typeof p === 'string' ? escapeMarkdown(p) : 'code' in p ? codeSpan(p.code, { inTable }) : `[${escapeMarkdown(p.text)}](${encodeURI(p.href)})`))
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
      const cell = (c: readonly Inline[]) => inlineMarkdown(c, true) || ' ';
      return [`| ${b.head.map(escapeMarkdown).join(' | ')} |`, `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    }
    case 'refs':
      return b.refs.length ? `Source: ${b.refs.map((r) => codeSpan(`${r.file}:${r.line}`)).join(', ')}` : '';
  }
}

/** `headingDepth` is the level of the runbook title (1 for a file of its own, 2 inside a marker block). */
export function runbookMarkdown(rb: Runbook, headingDepth = 1): string {
  const h = (n: number) => '#'.repeat(Math.min(6, n));
  const parts = [`${h(headingDepth)} ${escapeMarkdown(rb.title)}`, escapeMarkdown(rb.summary)];
  for (const s of rb.sections) {
    parts.push(`${h(headingDepth + 1)} ${escapeMarkdown(s.heading)}`);
    for (const b of s.blocks) {
      const md = blockMarkdown(b);
      if (md) parts.push(md);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
