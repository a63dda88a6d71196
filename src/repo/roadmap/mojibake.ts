/**
 * Repairs UTF-8 text that was once decoded as Mac OS Roman (`✅` shows as `‚úÖ`, `🔴` as `üî¥` after an
 * invisible Apple-logo character) or as Windows-1252 / Latin-1 (`✅` as `âœ…`, `🚀` as `ðŸš€`: an editor
 * or a copy through a Windows tool; outside review).
 *
 * The general algorithm, not a lookup of known strings: every UTF-8 multi-byte sequence is made of
 * bytes >= 0x80, and each such byte has one Mac Roman character. So a maximal run of characters
 * from the upper half of the Mac Roman table is mapped back to bytes and decoded as UTF-8, sequence
 * by sequence. A sequence is replaced only when it is well-formed UTF-8 (right lead byte, right
 * number of continuation bytes, no overlong form, no surrogate) and, for two-byte sequences, when
 * the result is a visible character: `√©` becomes `é`, but `Ã©` typed on purpose (which would give
 * a combining mark) stays. Anything else is left exactly as written. One pass, linear in the text.
 *
 * Windows-1252 is tried too, and kept where it repairs more: its upper half holds the accented letters
 * of ordinary text (`Ã` and `©` are two letters of it), so there a two-byte sequence is taken only in a
 * text where a longer one (an emoji, an arrow, a dash) shows the garbling, and only for a letter.
 */

/** Mac OS Roman bytes 0x80..0xFF (0xDB is €, 0xF0 the Apple logo in the private use area). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/** Byte of each character of an encoding's upper half, by UTF-16 code unit (-1: none). */
function byteTable(high: string): Int16Array {
  const table = new Int16Array(0x10000).fill(-1);
  for (let i = 0; i < high.length; i++) table[high.charCodeAt(i)] = 0x80 + i;
  return table;
}
const MAC_ROMAN = byteTable(MAC_ROMAN_HIGH);
/** Windows-1252 bytes 0x80..0xFF as the WHATWG decoder reads them (its five unassigned bytes as the C1 controls, as Latin-1). */
const WINDOWS_1252 = byteTable(new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i)));

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
function decodeSequence(bytes: number[], twoByte: (cp: number) => boolean): string | null {
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
  if (n === 2 && (cp < 0xa0 || (cp >= 0x300 && cp <= 0x36f) || !twoByte(cp))) return null;
  return String.fromCodePoint(cp);
}

/** Repair every unambiguous garbled sequence in `text`. */
export function repairMojibake(text: string): MojibakeRepair {
  const mac = repairWith(text, MAC_ROMAN, () => true);
  // (A letter of a Latin, Greek or Cyrillic alphabet, from a two-byte sequence; not `ß“`, which is no garbling.)
  const letter = (cp: number) => (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x52f);
  // (A lead byte of a sequence of three or four, then a continuation byte, as Windows-1252 shows them: else no pass.)
  if (!WINDOWS_LONG_LEAD.test(text)) return mac;
  const long = repairWith(text, WINDOWS_1252, () => false);
  if (long.repaired === 0) return mac;
  const windows = repairWith(text, WINDOWS_1252, letter);
  return windows.repaired > mac.repaired ? windows : mac;
}

const WINDOWS_LONG_LEAD = /[\u00e0-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

function repairWith(text: string, byteOf: Int16Array, twoByte: (cp: number) => boolean): MojibakeRepair {
  let out = '';
  let repaired = 0;
  let copyFrom = 0;
  let i = 0;
  const len = text.length;
  while (i < len) {
    const lead = byteOf[text.charCodeAt(i)]!;
    const n = lead < 0 ? 0 : sequenceLength(lead);
    if (n === 0 || i + n > len) {
      i++;
      continue;
    }
    const bytes = [lead];
    for (let k = 1; k < n; k++) {
      const b = byteOf[text.charCodeAt(i + k)]!;
      if (b < 0) break;
      bytes.push(b);
    }
    const decoded = bytes.length === n ? decodeSequence(bytes, twoByte) : null;
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
