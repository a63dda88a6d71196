import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanMarkers } from '../../src/markdown/marker-scan.ts';
import { ATLAS_BEGIN, ATLAS_END, mergeGenerated, stripGenerated } from '../../src/markdown/markers.ts';

/** Pieces that exercise the scanner: line endings, fences, comment syntax, marker fragments. */
const piece = fc.oneof(
  fc.constantFrom('\n', '\r\n', '\r', ' ', '    ', '\t', '#', '`', '```', '~~~', '````', '<!--', '-->', '<', '>', '|',
    'BEGIN ATLAS', 'END ATLAS', ATLAS_BEGIN, ATLAS_END, `${ATLAS_BEGIN}\n`, `${ATLAS_END}\n`, '{', '}', 'é', '\u0000'),
  fc.string({ maxLength: 8 }),
);
const markdownish = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
/** Text with no fence and no marker, so the markers we place around it are the only ones. */
const plain = fc
  .array(fc.oneof(fc.constantFrom('\n', '\r\n', ' ', '#', '<!-- note -->', '|', '{x}'), fc.string({ maxLength: 8 })), { maxLength: 30 })
  .map((parts) => parts.join(''))
  .filter((s) => !/[`~]/.test(s) && !s.includes('ATLAS'));
const asPrefix = (s: string): string => (s === '' || s.endsWith('\n') ? s : `${s}\n`);

describe('marker merge properties', () => {
  it('text outside unchanged: prefix and suffix around the markers are kept exactly', () => {
    fc.assert(
      fc.property(plain, plain, plain, markdownish, (rawPrefix, old, suffix, generated) => {
        const prefix = asPrefix(rawPrefix);
        const doc = `${prefix}${ATLAS_BEGIN}\n${asPrefix(old)}${ATLAS_END}\n${suffix}`;
        const r = mergeGenerated(doc, generated, 'README.md');
        const text = r.text as string;
        expect(text.startsWith(`${prefix}${ATLAS_BEGIN}\n`)).toBe(true);
        expect(text.endsWith(`${ATLAS_END}\n${suffix}`)).toBe(true);
        expect(scanMarkers(text).markers.map((m) => m.kind)).toEqual(['BEGIN', 'END']);
        expect(stripGenerated(text).startsWith(prefix)).toBe(true);
        expect(stripGenerated(text).endsWith(suffix)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('idempotent: a second merge with the same facts returns the same text, unchanged', () => {
    fc.assert(
      fc.property(fc.option(markdownish, { nil: null }), markdownish, (existing, generated) => {
        const first = mergeGenerated(existing, generated, 'README.md', { title: 'app' });
        fc.pre(first.text !== null);
        const second = mergeGenerated(first.text, generated, 'README.md', { title: 'app' });
        expect(second.text).toBe(first.text);
        expect(second.changed).toBe(false);
        expect(second.findings.filter((f) => f.code.startsWith('MARKERS_'))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('appending never rewrites existing bytes, and a refused file is never changed', () => {
    fc.assert(
      fc.property(markdownish, markdownish, (existing, generated) => {
        const r = mergeGenerated(existing, generated, 'README.md');
        if (r.text === null) {
          expect(r.changed).toBe(false);
          expect(r.findings.some((f) => /^MARKERS_(UNPAIRED|REVERSED|DUPLICATED)$/.test(f.code))).toBe(true);
        } else if (scanMarkers(existing).markers.length === 0) {
          expect(r.text.startsWith(existing)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary input, and findings point at a line of the file', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary' }), { nil: null }), fc.string({ unit: 'binary' }), (existing, generated) => {
        const r = mergeGenerated(existing, generated, 'README.md');
        const lines = (r.text ?? existing ?? '').split('\n').length;
        for (const f of r.findings) {
          expect(f.source.line).toBeGreaterThanOrEqual(1);
          expect(f.source.line).toBeLessThanOrEqual(lines);
        }
        stripGenerated(existing ?? '');
        stripGenerated(existing ?? '', { preserveLines: true });
      }),
      { numRuns: 500 },
    );
  });

  it('preserveLines strip keeps the number of lines', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        expect(stripGenerated(text, { preserveLines: true }).split('\n').length).toBe(text.split('\n').length);
      }),
      { numRuns: 500 },
    );
  });
});
