import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { macRomanHighTable, repairMojibake } from '../../src/repo/roadmap/mojibake.ts';

/** What an editor does to UTF-8 when it reads the bytes as Mac Roman. */
function garble(text: string): string {
  return new TextDecoder('macintosh').decode(new TextEncoder().encode(text));
}

describe('repairMojibake', () => {
  it('uses the same Mac Roman table as the platform decoder', () => {
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    expect(macRomanHighTable()).toBe(new TextDecoder('macintosh').decode(bytes));
  });

  it('repairs the seed sequences', () => {
    const cases: Array<[string, string]> = [
      ['‚úÖ Completed', '✅ Completed'],
      ['\uf8ffüî¥ HIGH', '🔴 HIGH'],
      ['\uf8ffüü° MEDIUM and \uf8ffüü¢ LOW', '🟡 MEDIUM and 🟢 LOW'],
      ['‚ö†Ô∏è careful', '⚠️ careful'],
      ['kube-system ‚Üí security', 'kube-system → security'],
      ['a ‚Äî b', 'a — b'],
      ['caf√©', 'café'],
    ];
    for (const [input, want] of cases) expect(repairMojibake(input).text).toBe(want);
    expect(repairMojibake('‚úÖ and ‚úÖ').repaired).toBe(2);
  });

  it('leaves real text alone: accents, lone symbols, already-correct emoji', () => {
    for (const s of ['café déjà vu', 'naïve Ñandú', '§ 3 † note', '✅ done → next', 'Ã© typed on purpose', '‚ alone', '']) {
      expect(repairMojibake(s)).toEqual({ text: s, repaired: 0 });
    }
  });

  it('undoes the garbling of any text of emoji, arrows, CJK and ASCII', () => {
    const piece = fc.oneof(
      fc.constantFrom('✅', '🔴', '🟡', '🟢', '⚠️', '→', '—', '📈', '中文', 'é', 'ß', 'Ω', ' '),
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        expect(repairMojibake(garble(text)).text).toBe(text);
      }),
    );
  });

  it('never changes text without Mac Roman upper-half characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
        expect(repairMojibake(s).text).toBe(s);
      }),
    );
  });
});
