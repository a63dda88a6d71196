import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySubject } from '../../src/analysis/changelog/classify.ts';
import { ChangeKindSchema, RenovateInfoSchema } from '../../src/model/changelog-entry.ts';

describe('classifySubject is total', () => {
  it('never throws and always gives a valid kind on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 100 }), (subject, body) => {
        const result = classifySubject(subject, body);
        expect(ChangeKindSchema.parse(result.kind)).toBe(result.kind);
        if (result.renovate) RenovateInfoSchema.parse(result.renovate);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings built from the shapes it looks for', () => {
    const piece = fc.constantFrom(
      'feat', 'fix(container)', '!', ': ', 'update ', 'image ', 'group', ' ( ', ' → ', ' ➔ ', ' ) ', ' to ', 'v1.2.3',
      'Merge pull request ', "'", '#12', ' from ', 'owner/', 'renovate/', 'x-1.x', ' into main', 'Revert "', '"', ' (#1)', '(', ')',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const result = classifySubject(pieces.join(''));
        expect(ChangeKindSchema.options).toContain(result.kind);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays fast on hostile subjects (no catastrophic backtracking)', () => {
    const hostile = [
      `update ${' '.repeat(50_000)}x`,
      `update ${'a ( '.repeat(20_000)}`,
      `fix(container): update image ${'( a → '.repeat(20_000)}`,
      `Merge pull request '${"' (#1) from ".repeat(10_000)}`,
      'Revert "'.repeat(10_000),
    ];
    const start = performance.now();
    for (const subject of hostile) expect(ChangeKindSchema.options).toContain(classifySubject(subject, subject).kind);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('keeps the package and versions of a generated Renovate subject', () => {
    const token = fc.stringMatching(/^[a-z0-9][a-z0-9._/-]{0,30}$/);
    const version = fc.stringMatching(/^v?\d{1,3}(\.\d{1,3}){0,2}$/);
    fc.assert(
      fc.property(fc.constantFrom('fix', 'feat', 'chore'), token, version, version, fc.constantFrom('→', '➔'), (type, pkg, from, to, arrow) => {
        const result = classifySubject(`${type}(container): update image ${pkg} ( ${from} ${arrow} ${to} )`);
        expect(result.kind).toBe('update');
        expect(result.renovate).toMatchObject({ datasource: 'container', package: pkg, from, to });
      }),
    );
  });
});
