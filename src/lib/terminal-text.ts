/**
 * Repository strings (file and folder names, object names, finding messages) printed to a terminal
 * or a CI log. A folder may be named `x\n::error file=.github/workflows/ci.yml::pwned` or hold
 * `\u001b]52;c;...` (an OSC sequence that writes the clipboard), so each string goes through ONE
 * function before it is printed:
 * - C0 and C1 control characters, DEL, the Unicode line and paragraph separators and the bidi
 *   overrides ("trojan source") become `\uXXXX` escapes, so a string is always one visible line;
 * - a string that starts (after blanks) with GitHub's workflow command prefix `::` or its log
 *   command prefix `##[` gets its first character escaped, so a runner never reads it as a command.
 *   https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `s` as one printable line that no terminal or CI runner interprets. */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, escapeChar).replace(/^(\s*)(:(?=:)|#(?=#\[))/, (_, blank: string, c: string) => `${blank}${escapeChar(c)}`);
}

/** True when `s` would print differently through terminalText (callers quote such paths). */
export function needsTerminalEscape(s: string): boolean {
  return terminalText(s) !== s;
}
