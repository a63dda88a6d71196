/**
 * Markdown building blocks for the exports (README.md per app, SECRETS.md, CHANGELOG.md). Every
 * string from the repository goes through `cell` or `text`, so a name cannot close a table, open a
 * code span, inject HTML into a GitHub-rendered README, or fake our markers.
 */
import { escapeMarkdown, safeHref } from '../../markdown/escape.ts';

/** A GFM table cell: the one Markdown escaper (src/markdown/escape.ts), and `–` for nothing. */
export function cell(s: string | null | undefined): string {
  if (s === null || s === undefined || s === '') return '–';
  return escapeMarkdown(s);
}

/** Running text: the same rules as a cell (one line, no markup, safe at the start of a line). */
export const text = cell;

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `| ${headers.join(' | ')} |\n|${headers.map(() => '---').join('|')}|\n`;
  return head + rows.map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

/** `file:line`, as a link to the repository web URL when one is configured. */
export function at(source: { file: string; line: number }, repoUrl?: string | null): string {
  const label = cell(`${source.file}:${source.line}`);
  const href = repoUrl ? safeHref(`${repoUrl.replace(/\/?$/, '/')}${source.file.split('/').map(encodeURIComponent).join('/')}#L${source.line}`) : null;
  // GFM link destination: a space or a parenthesis would end it early.
  return href ? `[${label}](${href.replace(/[ ()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})` : label;
}
