/**
 * The HTML of safe Markdown (safe.ts makes the tree; this turns it into allowlisted HTML). Apart from
 * safe.ts so that what only needs the tree (the link check and the findings of `atlas scan` and
 * `atlas check`) does not load the HTML stack (mdast-util-to-hast, hast-util-to-html and their
 * dependencies, about 75 modules).
 */
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import { escapeHtml } from './escape.ts';
import { allowlistHast } from './hast-allowlist.ts';
import { DEFAULT_MAX_LENGTH, makeSafe, parseUntrustedMarkdown, type ParsedMarkdown, type RenderOptions, type RenderResult, type SafeMarkdown } from './safe.ts';

/** The allowlisted HTML of a safe tree (escaped text in `<pre>` for the plain-text fallback). Never throws. */
export function safeHtml(safe: Pick<SafeMarkdown, 'tree' | 'text'>): string {
  if (safe.tree === null) return `<pre>${escapeHtml(safe.text)}</pre>`;
  try {
    const hast = toHast(safe.tree, { allowDangerousHtml: false });
    return toHtml(allowlistHast(hast as Parameters<typeof allowlistHast>[0]));
  } catch {
    return `<pre>${escapeHtml(safe.text)}</pre>`;
  }
}

/** Renders one parse to HTML with these options. */
export function renderParsed(md: string, parsed: ParsedMarkdown, options: RenderOptions = {}): RenderResult {
  const safe = makeSafe(md, parsed, options);
  return { html: safeHtml(safe), headings: safe.headings, findings: safe.findings, images: safe.images };
}

/**
 * Renders untrusted Markdown; never throws on any input. Parses each call: text that several
 * consumers read (the repository's Markdown files) goes through a MarkdownStore instead.
 */
export function renderUntrustedMarkdown(md: string, options: RenderOptions = {}): RenderResult {
  return renderParsed(md, parseUntrustedMarkdown(md, options.maxLength ?? DEFAULT_MAX_LENGTH), options);
}
