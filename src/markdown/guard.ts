/**
 * The guard in front of the Markdown parser: text too long, too deeply nested or too full of inline
 * delimiters is shown as plain text instead of parsed (safe.ts). A linear pre-scan, so a file pushed
 * by a bot cannot stall the build whatever the parser does with it.
 */

/**
 * Deeper nesting of brackets, quotes or lists is shown as plain text: the walks after the parse
 * recurse, and even satteri spends seconds on 100,000 nested block quotes.
 */
const MAX_NESTING = 256;

/**
 * The work budget of one render, in inline delimiter characters (`*`, `_`, `~`, backticks,
 * brackets and parentheses). Measured with micromark, the parser before satteri, which resolved
 * emphasis and link brackets with work growing with the square of their number in a block: 99 kB
 * of `***a` took 48 s, `a* ` 32 s, `[[]]` 17 s, `[x](` 12 s. satteri parses each of these in
 * under 100 ms; the budget is kept (a bound that does not depend on one parser's algorithm), and a
 * busy but ordinary 100 kB list (14,000 delimiters) stays under it. Above the budget the text is
 * shown escaped, as plain text, with a finding.
 */
const MAX_DELIMITERS_PER_BLOCK = 1_500;
const MAX_DELIMITERS = 20_000;

/**
 * Why the parser should not see this text, or null. A parser's time can grow with the square of
 * bracket and container nesting (micromark took seconds on 20,000 `[`) and the mdast/hast walks
 * recurse, so a file pushed by a bot could stall the build; a linear pre-scan keeps the worst case
 * bounded whatever the parser.
 */
export function pathological(md: string, maxLength: number): string | null {
  if (md.length > maxLength) return `it is longer than ${maxLength} characters`;
  let brackets = 0;
  let lineStart = true;
  let prefix = 0;
  // Delimiters of the current block and of the whole text (the work budget above). A block ends
  // at a blank line, and each list item, table row, heading or quote line starts a new one.
  let block = 0;
  let total = 0;
  for (let i = 0; i < md.length; i += 1) {
    const c = md.charCodeAt(i);
    if (c === 10) {
      if (lineStart) brackets = 0; // a blank line ends the paragraph
      if (lineStart) block = 0;
      lineStart = true;
      prefix = 0;
      continue;
    }
    if (lineStart) {
      // Container prefix of the line: block quote markers and list bullets.
      if (c === 62 /* > */ || ((c === 45 || c === 42 || c === 43) /* - * + */ && (md.charCodeAt(i + 1) === 32 || md.charCodeAt(i + 1) === 9))) {
        prefix += 1;
        block = 0;
        if (prefix > MAX_NESTING) return `it nests block quotes or lists more than ${MAX_NESTING} levels deep`;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (c === 124 /* | */ || c === 35 /* # */) block = 0;
      lineStart = false;
    }
    if (c === 42 || c === 95 || c === 126 || c === 96 || c === 91 || c === 93 || c === 40 || c === 41) {
      // * _ ~ ` [ ] ( )
      if (++block > MAX_DELIMITERS_PER_BLOCK) return `one paragraph holds more than ${MAX_DELIMITERS_PER_BLOCK} emphasis, code or link delimiters, which would take the Markdown parser minutes`;
      if (++total > MAX_DELIMITERS) return `it holds more than ${MAX_DELIMITERS} emphasis, code or link delimiters, which would take the Markdown parser minutes`;
    }
    if (c === 91 /* [ */) {
      brackets += 1;
      if (brackets > MAX_NESTING) return `it opens more than ${MAX_NESTING} nested brackets`;
    } else if (c === 93 /* ] */ && brackets > 0) brackets -= 1;
  }
  return null;
}
