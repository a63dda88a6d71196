/**
 * Repairs UTF-8 text that was once decoded as Mac OS Roman (`✅` shows as `‚úÖ`, `🔴` as `üî¥` after an
 * invisible Apple-logo character).
 *
 * The general algorithm, not a lookup of known strings: every UTF-8 multi-byte sequence is made of
 * bytes >= 0x80, and each such byte has one Mac Roman character. So a maximal run of characters
 * from the upper half of the Mac Roman table is mapped back to bytes and decoded as UTF-8, sequence
 * by sequence. A sequence is replaced only when it is well-formed UTF-8 (right lead byte, right
 * number of continuation bytes, no overlong form, no surrogate) and, for two-byte sequences, when
 * the result is a visible character: `√©` becomes `é`, but `Ã©` typed on purpose (which would give
 * a combining mark) stays. Anything else is left exactly as written. One pass, linear in the text.
 */

/** Mac OS Roman bytes 0x80..0xFF (0xDB is €, 0xF0 the Apple logo in the private use area). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const BYTE_OF = new Map<string, number>();
for (let i = 0; i < MAC_ROMAN_HIGH.length; i++) BYTE_OF.set(MAC_ROMAN_HIGH[i]!, 0x80 + i);

/** The table itself, exported so that a test can compare it with the platform's decoder. */
export function macRomanHighTable(): string {
  return MAC_ROMAN_HIGH;
}

export interface MojibakeRepair {
  text: string;
  /** Number of sequences replaced. */
  repaired: number;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decode one candidate sequence; null when it is not well-formed UTF-8 or not worth trusting. */
function decodeSequence(bytes: number[]): string | null {
  const n = bytes.length;
  const lead = bytes[0]!;
  let cp = n === 2 ? lead & 0x1f : n === 3 ? lead & 0x0f : lead & 0x07;
  for (let k = 1; k < n; k++) {
    const b = bytes[k]!;
    if ((b & 0xc0) !== 0x80) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  // Two-byte results must be visible characters: no C1 control, no lone combining mark.
  if (n === 2 && (cp < 0xa0 || (cp >= 0x300 && cp <= 0x36f))) return null;
  return String.fromCodePoint(cp);
}

/** Repair every unambiguous garbled sequence in `text`. */
export function repairMojibake(text: string): MojibakeRepair {
  let out = '';
  let repaired = 0;
  let copyFrom = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const lead = BYTE_OF.get(text[i]!);
    const n = lead === undefined ? 0 : sequenceLength(lead);
    if (n === 0 || i + n > len) {
      i++;
      continue;
    }
    const bytes = [lead!];
    for (let k = 1; k < n; k++) {
      const b = BYTE_OF.get(text[i + k]!);
      if (b === undefined) break;
      bytes.push(b);
    }
    const decoded = bytes.length === n ? decodeSequence(bytes) : null;
    if (decoded === null) {
      i++;
      continue;
    }
    out += text.slice(copyFrom, i) + decoded;
    repaired++;
    i += n;
    copyFrom = i;
  }
  return { text: repaired === 0 ? text : out + text.slice(copyFrom), repaired };
}
