import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { macRomanHighTable, repairMojibake } from '../../src/repo/roadmap/mojibake.ts';

/** What an editor does to UTF-8 when it reads the bytes as Mac Roman (or as Windows-1252). */
function garble(text: string, encoding = 'macintosh'): string {
  return new TextDecoder(encoding).decode(new TextEncoder().encode(text));
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

  it('repairs UTF-8 read as Windows-1252, where an emoji, an arrow or a dash shows the garbling', () => {
    const cases: Array<[string, string]> = [
      ['# ðŸš€ Homelab Roadmap', '# 🚀 Homelab Roadmap'],
      ['## âœ… Completed', '## ✅ Completed'],
      ['ðŸ”´ HIGH â€” cafÃ© and StraÃŸe', '🔴 HIGH — café and Straße'],
      // (⚠️'s bytes hold a no-break space and 0x8F, which Windows-1252 leaves unassigned: Latin-1's control character.)
      [garble('⚠️ careful → next', 'windows-1252'), '⚠️ careful → next'],
    ];
    for (const [input, want] of cases) expect(repairMojibake(input).text).toBe(want);
    // The same text written in Windows-1252 on purpose (letters, no garbled emoji) stays as written.
    for (const s of ['Ã© typed on purpose', 'StraÃŸe', 'Größe „Maß“ ± 5 €']) expect(repairMojibake(s)).toEqual({ text: s, repaired: 0 });
  });

  it('undoes the Windows-1252 garbling of any text with an emoji in it', () => {
    const piece = fc.oneof(
      fc.constantFrom('✅', '🔴', '🐝', '⚠️', '→', '—', '📈', '中文', 'é', 'ß', 'Ω', 'Ж', ' '),
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom('✅', '🚀', '📋'), (pieces, emoji) => {
        const text = `${emoji} ${pieces.join('')}`;
        expect(repairMojibake(garble(text, 'windows-1252')).text).toBe(text);
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
