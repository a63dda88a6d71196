/**
 * Finds the `<!-- BEGIN ATLAS -->` / `<!-- END ATLAS -->` marker lines in a Markdown file.
 *
 * The rule, kept deliberately simple so that a person can predict it:
 * - a marker is a whole line: up to three spaces, the HTML comment, optional trailing blanks
 *   (a fourth space makes it an indented code block in CommonMark, so it is not a marker);
 * - the words are upper case; blanks inside the comment are tolerated (`<!--BEGIN ATLAS-->`);
 * - a line inside a fenced code block (``` or ~~~, CommonMark rules for opening and closing,
 *   an unclosed fence running to the end of the file) is never a marker, so a README that
 *   documents the markers in a code sample is not mistaken for one that uses them.
 * Known simplification: fences nested in block quotes or list items (`> ````) are not tracked,
 * and a marker line inside a multi-line `<!-- ... -->` comment still counts.
 * Only `\n` ends a line; `\r`s before it belong to the line ending (CRLF files work, and a line
 * keeps its meaning when a `\n` is appended after a lone `\r`, as the merge does).
 */

export const ATLAS_BEGIN = '<!-- BEGIN ATLAS -->';
export const ATLAS_END = '<!-- END ATLAS -->';

const MARKER_RE = /^( {0,3})<!--[ \t]*(BEGIN|END) ATLAS[ \t]*-->[ \t]*\r*$/;
const FENCE_OPEN_RE = /^( {0,3})(`{3,}|~{3,})(.*?)\r*$/;
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*\r*$/;

export interface MarkerLine {
  kind: 'BEGIN' | 'END';
  /** 1-based line number. */
  line: number;
  /** 1-based column of `<!--`. */
  col: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just after the line's `\n` (or the end of the text for the last line). */
  end: number;
}

export interface OpenFence {
  char: '`' | '~';
  length: number;
}

export interface MarkerScan {
  markers: MarkerLine[];
  /** The fence still open at the end of the text, if any (an unclosed code block). */
  openFence: OpenFence | null;
}

/** Scans the text once, line by line; linear in its length, never throws. */
export function scanMarkers(text: string): MarkerScan {
  const markers: MarkerLine[] = [];
  let fence: OpenFence | null = null;
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl === -1 ? text.length : nl;
    const end = nl === -1 ? text.length : nl + 1;
    const content = text.slice(start, lineEnd);
    if (fence) {
      const run = FENCE_CLOSE_RE.exec(content)?.[1] ?? '';
      if (run[0] === fence.char && run.length >= fence.length) fence = null;
    } else {
      const marker = MARKER_RE.exec(content);
      if (marker) {
        markers.push({
          kind: marker[2] === 'BEGIN' ? 'BEGIN' : 'END',
          line,
          col: (marker[1] ?? '').length + 1,
          start,
          end,
        });
      } else {
        const open = FENCE_OPEN_RE.exec(content);
        const run = open?.[2] ?? '';
        // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
        if (run !== '' && !(run[0] === '`' && (open?.[3] ?? '').includes('`'))) {
          fence = { char: run[0] === '`' ? '`' : '~', length: run.length };
        }
      }
    }
    if (nl === -1) break;
    start = end;
    line += 1;
  }
  return { markers, openFence: fence };
}

/** The line that closes `fence`, without line ending. */
export function closingFence(fence: OpenFence): string {
  return fence.char.repeat(fence.length);
}
