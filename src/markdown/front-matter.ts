/**
 * YAML front matter of the repository's own Markdown (`---` ... `---` at the very top).
 * The docs are untrusted text: broken front matter becomes a finding and the body is still
 * rendered, because one typo in a title should not take a page off the site.
 */
import { parseDocument } from 'yaml';
import { isSelfReferential } from '../repo/self-reference.ts';
import { finding } from './types.ts';
import type { Finding } from './types.ts';

export interface FrontMatterSplit {
  /** The front matter as plain data; `{}` when absent or unusable. */
  data: Record<string, unknown>;
  /** The Markdown after the front matter (the whole text when there is none). */
  body: string;
  /** 1-based line of the file on which `body` starts: add `bodyLine - 1` to body line numbers. */
  bodyLine: number;
  /** True when the file had a front matter block, valid or not. */
  present: boolean;
  findings: Finding[];
}

const OPEN_RE = /^---[ \t]*\r?\n/;
const CLOSE_RE = /^(---|\.\.\.)[ \t]*\r?$/;

/** Splits off and parses front matter; never throws. */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const none: FrontMatterSplit = { data: {}, body: src, bodyLine: 1, present: false, findings: [] };
  const open = OPEN_RE.exec(src);
  if (!open) return none;

  // Find the closing delimiter line.
  let start = open[0].length;
  let line = 2;
  let close = -1;
  let closeEnd = -1;
  while (start <= src.length) {
    const nl = src.indexOf('\n', start);
    const content = src.slice(start, nl === -1 ? src.length : nl);
    if (CLOSE_RE.test(content)) {
      close = start;
      closeEnd = nl === -1 ? src.length : nl + 1;
      break;
    }
    if (nl === -1) break;
    start = nl + 1;
    line += 1;
  }
  if (close === -1) {
    return {
      ...none,
      findings: [finding(
        'FRONT_MATTER_UNCLOSED',
        'warning',
        'The file starts with "---" but no closing "---" line follows, so it was read as Markdown without front matter. Add the closing line, or start the file with something else.',
        file, 1,
      )],
    };
  }

  const yamlText = src.slice(open[0].length, close);
  const result: FrontMatterSplit = {
    data: {},
    body: src.slice(closeEnd),
    bodyLine: line + 1,
    present: true,
    findings: [],
  };
  try {
    const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true, strict: true, logLevel: 'error' });
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0];
        result.findings.push(finding(
          'FRONT_MATTER_INVALID',
          'warning',
          `Front matter is not valid YAML (${err.code}: ${firstLine(err.message)}); it was ignored and the page rendered without it.`,
          file, (pos?.line ?? 1) + 1, pos?.col ?? 1,
        ));
      }
      return result;
    }
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) return result;
    if (isSelfReferential(data)) {
      result.findings.push(finding(
        'FRONT_MATTER_INVALID',
        'warning',
        'Front matter refers to itself through an alias (an alias inside the node its anchor names); it was ignored.',
        file, 2,
      ));
      return result;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      result.findings.push(finding(
        'FRONT_MATTER_NOT_A_MAP',
        'warning',
        'Front matter must be a YAML mapping (key: value lines); it was ignored.',
        file, 2,
      ));
      return result;
    }
    result.data = data as Record<string, unknown>;
  } catch (err) {
    // toJS throws on alias bombs (maxAliasCount) and similar resource limits.
    result.findings.push(finding(
      'FRONT_MATTER_INVALID',
      'warning',
      `Front matter could not be read (${firstLine(err instanceof Error ? err.message : String(err))}); it was ignored.`,
      file, 2,
    ));
  }
  return result;
}

function firstLine(message: string): string {
  // yaml's pretty errors end with a position inside the front matter, not the file: drop it.
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').slice(0, 200);
}
