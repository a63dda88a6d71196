import { describe, expect, it } from 'vitest';
import { daysBetween, roadmapStaleness } from '../../src/analysis/roadmap/staleness.ts';
import { todayOf } from '../../src/pipeline/roadmap.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

const doc = '# R\n\n**Last Updated**: 2025-11-17\n\n## Items\n### H-1.1: A\n**Status**: Not Started\n\n---\n\n**Next Review Date**: 2025-12-01\n';
const roadmap = parseRoadmap(doc, 'ROADMAP.md').result;

describe('a stale roadmap', () => {
  it('"today" is the configured date, else the built commit\'s date, never the clock', () => {
    const commit = { sha: 'a'.repeat(40), date: '2026-01-15T10:00:00+01:00' };
    expect(todayOf({ config: { roadmap: { checks: {}, today: '2025-12-24' } }, commit })).toEqual({ date: '2025-12-24', from: 'config' });
    expect(todayOf({ config: { roadmap: { checks: {} } }, commit })).toEqual({ date: '2026-01-15', from: 'head-commit' });
    expect(todayOf({ config: { roadmap: { checks: {} } }, commit: null })).toBeNull();
  });

  it('flags a passed next review date with the days and the line to edit', () => {
    const { result, findings } = roadmapStaleness(roadmap, { today: { date: '2025-12-11', from: 'head-commit' }, lastManifestChange: null, staleAfterDays: 30 });
    expect(result.reviewOverdue).toEqual({ date: '2025-12-01', line: 11, days: 10 });
    expect(result.stale).toBe(true);
    expect(result.reasons).toEqual(['Its next review date, 2025-12-01, passed 10 days before 2025-12-11 (the date of the commit built).']);
    expect(findings.map((f) => [f.code, f.severity, f.source.line])).toEqual([['ROADMAP_STALE', 'info', 11]]);
  });

  it('is not stale on the review day itself, nor without a "today"', () => {
    expect(roadmapStaleness(roadmap, { today: { date: '2025-12-01', from: 'config' }, lastManifestChange: null, staleAfterDays: 30 }).result.stale).toBe(false);
    expect(roadmapStaleness(roadmap, { today: null, lastManifestChange: null, staleAfterDays: 30 }).findings).toEqual([]);
  });

  it('flags a roadmap last updated long before the latest manifest change, at its Last Updated line', () => {
    const far = roadmapStaleness(roadmap, { today: null, lastManifestChange: '2026-01-20T08:00:00+00:00', staleAfterDays: 30 });
    expect(far.result.behindManifests).toEqual({ lastUpdated: '2025-11-17', line: 3, lastChange: '2026-01-20', days: 64 });
    expect(far.findings.map((f) => [f.code, f.source.line])).toEqual([['ROADMAP_STALE', 3]]);
    const near = roadmapStaleness(roadmap, { today: null, lastManifestChange: '2025-12-10T08:00:00+00:00', staleAfterDays: 30 });
    expect(near.result.stale).toBe(false);
  });

  it('counts whole days across months', () => {
    expect(daysBetween('2025-11-17', '2026-01-20')).toBe(64);
    expect(daysBetween('not a date', '2026-01-20')).toBeNull();
  });
});
