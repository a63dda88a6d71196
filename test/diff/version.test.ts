/** Renovate-style update types for the version strings found in Flux repositories. */
import { describe, expect, it } from 'vitest';
import { classifyUpdate, parseVersion } from '../../src/lib/diff/version.ts';

describe('classifyUpdate', () => {
  const cases: [string, string, string, boolean][] = [
    ['8.5.0', '9.0.0', 'major', false],
    ['v1.2.3', 'v1.3.0', 'minor', false],
    ['1.2.3', '1.2.4', 'patch', false],
    ['1.2', '1.3', 'minor', false],
    ['1.2', '1.2.1', 'patch', false],
    ['>=1.0.0', '>=2.0.0', 'major', false],
    ['^1.2.0', '^1.4.0', 'minor', false],
    ['2026.8.2', '2026.8.3', 'patch', false],
    ['6.3.0.10511', '6.3.0.10514', 'patch', false],
    ['15.4-alpine', '16.0-alpine', 'major', false],
    ['1.0.0-rc.1', '1.0.0', 'patch', false],
    ['2.0.0', '1.9.9', 'major', true],
    ['1.2.3@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1.2.3@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'digest', false],
    ['1.2.3@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1.2.4@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'patch', false],
    ['@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc', 'digest', false],
    ['latest', 'stable', 'other', false],
    ['latest', '1.0.0', 'other', false],
  ];
  for (const [from, to, update, downgrade] of cases) {
    it(`${from} -> ${to}: ${update}${downgrade ? ', downgrade' : ''}`, () => {
      expect(classifyUpdate(from, to)).toEqual({ update, downgrade });
    });
  }

  it('a tag with words is not a version; a huge number is not either', () => {
    expect([parseVersion('latest'), parseVersion('rolling-2024'), parseVersion('99999999999999999999.0')]).toEqual([null, null, null]);
    expect(parseVersion('v1.2.3')).toEqual({ release: [1, 2, 3], suffix: '', digest: null });
  });
});
