/**
 * Types shared by the Markdown layer. Findings are the project-wide shape from src/model;
 * every finding of this layer belongs to the `docs` health area.
 */
import type { Finding, FindingCode, Severity } from '../model/finding.ts';

export type { Finding, Severity } from '../model/finding.ts';

/** Where a link or image sits in the Markdown being rendered (1-based, file coordinates). */
export interface LinkRef {
  kind: 'link' | 'image';
  line: number;
  col: number;
}

/** What a link rewriter decided for one URL. */
export interface LinkRewrite {
  /** The URL to emit; `null` drops the link (its text stays) or the image (its alt text stays). */
  url: string | null;
  /** Problems found with this link, e.g. `BROKEN_DOC_LINK`. */
  findings?: Finding[];
  /** A repo-relative image path the caller must copy next to the page. */
  image?: string;
}

/**
 * Called for every link, image and link definition whose URL survived the safety check.
 * Its output is checked again, so a rewriter cannot reintroduce a `javascript:` URL.
 */
export type LinkRewriter = (url: string, ref: LinkRef) => LinkRewrite;

export function finding(
  code: FindingCode,
  severity: Severity,
  message: string,
  file: string,
  line: number,
  col = 1,
): Finding {
  return { code, severity, message, source: { file, line, col }, area: 'docs' };
}
