import type { OutlineEntry } from '../../model/roadmap.ts';

/** Where /roadmap/ shows each kind of section (the id of its heading on the page). */
export const OUTLINE_ANCHOR: Record<OutlineEntry['kind'], string> = {
  items: 'items',
  plan: 'plan',
  progress: 'progress',
  summary: 'completed-summary',
  'deep-dives': 'deep-dives',
  notes: 'notes',
  queue: 'queue',
  other: 'other',
};
