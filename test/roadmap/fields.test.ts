import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePriority, normaliseStatus, parseEffort, slugForId } from '../../src/repo/roadmap/fields.ts';

describe('effort ranges (a day is 8 hours, a week 40)', () => {
  it.each([
    ['4-6 hours', 4, 6],
    ['30 minutes', 0.5, 0.5],
    ['5 minutes', 1 / 12, 1 / 12],
    ['1 hour', 1, 1],
    ['2 hours (documentation)', 2, 2],
    ['1-2 days', 8, 16],
    ['1 week', 40, 40],
    ['1 hour 30 minutes', 1.5, 1.5],
    ['2–3h', 2, 3],
    ['Ongoing', null, null],
    ['As needed', null, null],
    ['TBD', null, null],
  ])('%s', (raw, min, max) => {
    expect(parseEffort(raw)).toEqual({ raw, minHours: min, maxHours: max });
  });
});

describe('status and priority words', () => {
  it.each([
    ['Not Started', 'not-started'],
    ['To Be Analyzed (partial analysis done)', 'not-started'],
    ['In Progress', 'in-progress'],
    ['✅ Completed', 'completed'],
    ['Done', 'completed'],
    ['✅', 'completed'],
    ['Blocked (waiting for Minio)', 'blocked'],
    ['Deferred', 'deferred'],
    ["Won't do", 'deferred'],
    ['Maybe later?', 'unknown'],
  ])('%s -> %s', (raw, want) => expect(normaliseStatus(raw)).toBe(want));

  it.each([
    ['HIGH', 'high'],
    ['🔴 HIGH PRIORITY (Next 1-2 Weeks)', 'high'],
    ['Critical', 'critical'],
    ['P2', 'medium'],
    ['Low', 'low'],
    ['Status Overview', null],
  ])('%s -> %s', (raw, want) => expect(normalisePriority(raw)).toBe(want));
});

describe('slugForId', () => {
  it('keeps the separators distinct', () => {
    expect(slugForId('H-1.11')).toBe('h-1_11');
    expect(slugForId('H-11.1')).toBe('h-11_1');
    expect(slugForId('H-1-11')).toBe('h-1-11');
    expect(slugForId('H-8.1')).toBe('h-8_1');
  });

  it('never maps two different ids (ignoring case) to one slug, and stays URL-safe', () => {
    const id = fc.string({ unit: fc.constantFrom('H', 'M', 'x', '1', '2', '.', '-', '_', '~', '/', ' '), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(id, id, (a, b) => {
        if (a.toLowerCase() !== b.toLowerCase()) expect(slugForId(a)).not.toBe(slugForId(b));
        expect(slugForId(a)).toMatch(/^[a-z0-9_~-]+$/);
      }),
    );
  });
});
