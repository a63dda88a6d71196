/**
 * Generated blocks in hand-written Markdown, the way terraform-docs does it: the facts GitOps
 * Atlas knows go between `<!-- BEGIN ATLAS -->` and `<!-- END ATLAS -->`, and every byte outside
 * the markers belongs to the people who wrote the file. A file whose markers are broken is left
 * alone with a finding, because guessing which half of it is ours could destroy their text.
 * What counts as a marker line is defined in marker-scan.ts.
 */
import { ATLAS_BEGIN, ATLAS_END, closingFence, scanMarkers } from './marker-scan.ts';
import type { MarkerLine } from './marker-scan.ts';
import { finding } from './types.ts';
import type { Finding } from './types.ts';

export { ATLAS_BEGIN, ATLAS_END } from './marker-scan.ts';

export interface MergeResult {
  /** The new file text, or `null` when the file must be left untouched (see findings). */
  text: string | null;
  /** True when `text` differs from `existing` (a file to write, or "out of date" in check mode). */
  changed: boolean;
  findings: Finding[];
}

export interface MergeOptions {
  /** Title for a file that does not exist yet, written as `# title`. */
  title?: string;
}

/**
 * Puts `generated` between the markers of `existing` (a file's text, or null if there is none).
 * Idempotent: merging the result again with the same `generated` gives the same text.
 */
export function mergeGenerated(
  existing: string | null,
  generated: string,
  file: string,
  options: MergeOptions = {},
): MergeResult {
  const findings: Finding[] = [];
  const body = prepareGenerated(generated, file, findings);

  if (existing === null) {
    const title = options.title ? `# ${options.title.replace(/\s+/g, ' ').trim()}\n\n` : '';
    const text = title + ATLAS_BEGIN + '\n' + body.text + ATLAS_END + '\n';
    relocate(body, lineCount(title) + 1);
    return { text, changed: true, findings };
  }

  const scan = scanMarkers(existing);
  const problem = markerProblem(scan.markers, file);
  if (problem) return { text: null, changed: false, findings: [problem] };

  if (scan.markers.length === 0) {
    const eol = detectEol(existing);
    let prefix = existing;
    if (prefix.length > 0) {
      if (!prefix.endsWith('\n')) prefix += eol;
      // An unclosed fence would swallow our markers and the next run would append again.
      if (scan.openFence) prefix += closingFence(scan.openFence) + eol;
      if (!/(^|\n)[ \t]*\r?\n$/.test(prefix)) prefix += eol;
    }
    const block = withEol(ATLAS_BEGIN + '\n' + body.text + ATLAS_END + '\n', eol);
    relocate(body, lineCount(prefix) + 1);
    return { text: prefix + block, changed: true, findings };
  }

  const [begin, end] = scan.markers as [MarkerLine, MarkerLine];
  const before = existing.slice(0, begin.end);
  const after = existing.slice(end.start);
  const text = before + withEol(body.text, detectEol(before + after)) + after;
  relocate(body, begin.line);
  return { text, changed: text !== existing, findings };
}

/** Findings about the markers of a file, without changing it (for docs the site only reads). */
export function checkMarkers(text: string, file: string): Finding[] {
  const problem = markerProblem(scanMarkers(text).markers, file);
  return problem ? [problem] : [];
}

export interface StripOptions {
  /** Replace each generated line by an empty line, so later line numbers still match the file. */
  preserveLines?: boolean;
}

/**
 * Removes every generated block (markers included) so the site never shows a fact twice,
 * keeping the rest byte for byte. Blocks are removed only when the markers alternate
 * BEGIN, END, BEGIN, END ...; otherwise the text is returned as it is (see checkMarkers).
 */
export function stripGenerated(text: string, options: StripOptions = {}): string {
  const { markers } = scanMarkers(text);
  if (markers.length === 0 || markers.length % 2 !== 0) return text;
  if (!markers.every((m, i) => m.kind === (i % 2 === 0 ? 'BEGIN' : 'END'))) return text;
  const eol = detectEol(text);
  let out = '';
  let cursor = 0;
  for (let i = 0; i < markers.length; i += 2) {
    const begin = markers[i] as MarkerLine;
    const end = markers[i + 1] as MarkerLine;
    out += text.slice(cursor, begin.start);
    if (options.preserveLines) {
      out += eol.repeat(end.line - begin.line) + (text.slice(end.start, end.end).endsWith('\n') ? eol : '');
    } else if (needsSeparator(text.slice(0, begin.start), text.slice(end.end))) {
      // Removing the block must not glue the paragraph above to the one below.
      out += eol;
    }
    cursor = end.end;
  }
  return out + text.slice(cursor);
}

/** True when removing a block would join the text above it to the text below it. */
function needsSeparator(before: string, after: string): boolean {
  if (before.length === 0 || after.length === 0) return false;
  return !/(^|\n)[ \t]*\r?\n$/.test(before) && !/^[ \t]*\r?(\n|$)/.test(after);
}

/** The one finding that explains why a file's markers cannot be used, or null if they can. */
function markerProblem(markers: MarkerLine[], file: string): Finding | null {
  const begins = markers.filter((m) => m.kind === 'BEGIN');
  const ends = markers.filter((m) => m.kind === 'END');
  const untouched = 'The file was left untouched.';
  if (begins.length > 1 || ends.length > 1) {
    const dup = markers.find((m, i) => markers.slice(0, i).some((p) => p.kind === m.kind)) as MarkerLine;
    const first = markers.find((p) => p.kind === dup.kind) as MarkerLine;
    return finding(
      'MARKERS_DUPLICATED',
      'error',
      `${markerText(dup.kind)} appears again on line ${dup.line} (first on line ${first.line}); keep one BEGIN/END pair. ${untouched}`,
      file, dup.line, dup.col,
    );
  }
  const begin = begins[0];
  const end = ends[0];
  if (begin && end && end.line < begin.line) {
    return finding(
      'MARKERS_REVERSED',
      'error',
      `${ATLAS_END} on line ${end.line} comes before ${ATLAS_BEGIN} on line ${begin.line}; swap them. ${untouched}`,
      file, end.line, end.col,
    );
  }
  const lone = markers.length === 1 ? markers[0] : undefined;
  if (lone) {
    const missing = lone.kind === 'BEGIN' ? ATLAS_END : ATLAS_BEGIN;
    return finding(
      'MARKERS_UNPAIRED',
      'error',
      `${markerText(lone.kind)} on line ${lone.line} has no matching ${missing}; add it or remove this marker. ${untouched}`,
      file, lone.line, lone.col,
    );
  }
  return null;
}

interface PreparedBody {
  /** LF line endings, ends with a newline unless empty, safe to put between the markers. */
  text: string;
  /** 0-based line (within the body) of each finding produced while preparing it. */
  lines: number[];
  findings: Finding[];
}

/**
 * Makes the generated text unable to break the block it goes into: marker lookalikes are
 * escaped (they come from repository text) and an unclosed fence is closed, so that scanning
 * the merged file finds exactly the markers we wrote.
 */
function prepareGenerated(generated: string, file: string, out: Finding[]): PreparedBody {
  let text = generated.replace(/\r\n?/g, '\n');
  if (text.length > 0 && !text.endsWith('\n')) text += '\n';
  const scan = scanMarkers(text);
  const lines: number[] = [];
  const local: Finding[] = [];
  for (const m of [...scan.markers].reverse()) {
    const at = m.start + m.col - 1;
    text = text.slice(0, at) + '&lt;' + text.slice(at + 1);
    lines.unshift(m.line - 1);
    local.unshift(finding(
      'GENERATED_MARKER_ESCAPED',
      'warning',
      `Generated text contained a line that looks like ${markerText(m.kind)}; it was escaped so it shows as text.`,
      file, 1, m.col,
    ));
  }
  if (scan.openFence) text += closingFence(scan.openFence) + '\n';
  for (const f of local) out.push(f);
  return { text, lines, findings: local };
}

/** Gives the escaped-marker findings their line in the final file (the BEGIN marker is `beginLine`). */
function relocate(body: PreparedBody, beginLine: number): void {
  body.findings.forEach((f, i) => {
    f.source.line = beginLine + 1 + (body.lines[i] ?? 0);
  });
}

function markerText(kind: 'BEGIN' | 'END'): string {
  return kind === 'BEGIN' ? ATLAS_BEGIN : ATLAS_END;
}

/** CRLF when most line endings of `text` are CRLF; ties and files without any go to LF. */
function detectEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text[i - 1] === '\r') crlf += 1;
    else lf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}

function withEol(lfText: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? lfText : lfText.replace(/\n/g, '\r\n');
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
