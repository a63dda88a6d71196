import type { RoadmapStatus } from '../../model/roadmap.ts';

/** A normalised status in the seed's own words (shown where the item gave none). */
export const STATUS_WORDS: Record<RoadmapStatus, string> = {
  'not-started': 'Not Started',
  'in-progress': 'In Progress',
  completed: 'Completed',
  blocked: 'Blocked',
  deferred: 'Deferred',
  unknown: 'no status',
};
