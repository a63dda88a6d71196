import { finding, type Finding } from '../../model/finding.ts';
import type { Roadmap } from '../../model/roadmap.ts';

/**
 * Is the roadmap stale? Two independent signs, each with its numbers:
 * - its next review date has passed, judged against "today", which is never the wall clock (two
 *   builds of one commit must give the same page): `roadmap.today` from the configuration, else
 *   the date of the commit the site is built from;
 * - it was last updated long (`staleAfterDays`, default 30) before the latest commit that changed
 *   the manifests, so its beliefs predate what the repository now holds.
 * Either one gives a ROADMAP_STALE note at the line to edit.
 */

export interface Today {
  /** `YYYY-MM-DD`. */
  date: string;
  from: 'config' | 'head-commit';
}

export interface Staleness {
  today: Today | null;
  /** Next review date passed: by how many days. */
  reviewOverdue: { date: string; line: number; days: number } | null;
  /** Last updated this many days before the latest manifest change. */
  behindManifests: { lastUpdated: string; line: number; lastChange: string; days: number } | null;
  stale: boolean;
  /** One sentence per sign, for the banner. */
  reasons: string[];
}

export interface StalenessInput {
  today: Today | null;
  /** ISO date of the latest commit that touched a manifest (YAML), or null where git knows none. */
  lastManifestChange: string | null;
  staleAfterDays: number;
}

const DAY = 86_400_000;

/** Whole days from `a` to `b` (both `YYYY-MM-DD...`); null when either is not a date. */
export function daysBetween(a: string, b: string): number | null {
  const ta = Date.parse(`${a.slice(0, 10)}T00:00:00Z`);
  const tb = Date.parse(`${b.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ta) || Number.isNaN(tb) ? null : Math.round((tb - ta) / DAY);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function roadmapStaleness(roadmap: Roadmap, input: StalenessInput): { result: Staleness; findings: Finding[] } {
  const { today, lastManifestChange, staleAfterDays } = input;
  const reasons: string[] = [];
  const findings: Finding[] = [];
  const area = { area: 'roadmap' };
  const metaLine = (re: RegExp): number => roadmap.meta.find((m) => re.test(m.key))?.line ?? 1;

  let reviewOverdue: Staleness['reviewOverdue'] = null;
  if (today && roadmap.nextReview) {
    const days = daysBetween(roadmap.nextReview, today.date);
    if (days !== null && days > 0) {
      const line = metaLine(/review/i);
      reviewOverdue = { date: roadmap.nextReview, line, days };
      const against = today.from === 'config' ? 'the configured date' : 'the date of the commit built';
      reasons.push(`Its next review date, ${roadmap.nextReview}, passed ${plural(days, 'day')} before ${today.date} (${against}).`);
      findings.push(finding('ROADMAP_STALE', 'info', `The roadmap's next review date (${roadmap.nextReview}) passed ${plural(days, 'day')} ago as of ${today.date}; review it and set a new date.`, { file: roadmap.file, line, col: 1 }, area));
    }
  }

  let behindManifests: Staleness['behindManifests'] = null;
  if (roadmap.date && lastManifestChange) {
    const days = daysBetween(roadmap.date, lastManifestChange);
    if (days !== null && days > staleAfterDays) {
      const line = metaLine(/updated|^date$/i);
      behindManifests = { lastUpdated: roadmap.date, line, lastChange: lastManifestChange.slice(0, 10), days };
      reasons.push(`It was last updated on ${roadmap.date}, ${plural(days, 'day')} before the latest change to the manifests (${lastManifestChange.slice(0, 10)}).`);
      findings.push(finding('ROADMAP_STALE', 'info', `The roadmap was last updated ${plural(days, 'day')} before the latest change to the manifests (${roadmap.date} -> ${lastManifestChange.slice(0, 10)}); its items may no longer describe the repository.`, { file: roadmap.file, line, col: 1 }, area));
    }
  }
  return { result: { today, reviewOverdue, behindManifests, stale: reasons.length > 0, reasons }, findings };
}
