import type { Roadmap, RoadmapPriority } from '../../model/roadmap.ts';
import { percentOf } from '../../model/percent.ts';
import type { ItemCheckResult } from './check-roadmap.ts';
import { PRIORITIES } from './progress.ts';

/**
 * Progress as the repository measures it, per priority, next to what the author declared and
 * what the file's statuses say. Each listed issue counts as one: an entry of the completed list as
 * done (unless the model contradicts it: it names an app the repository does not have), an item by
 * its measured fraction (3 of 4 namespaces covered counts 0.75), and an item nothing measures, or
 * only partly (most of what it names is not here), by its declared status (1 when Completed, else
 * 0), so that the bars of the three views share one denominator (the issues the file lists).
 *
 * The percentage is computed here once, from the exact sum, and every view shows this one (the
 * page's bars had recomputed it from the sum rounded to one decimal: 44% beside atlas.json's 43%).
 */
export interface MeasuredProgress {
  scope: 'overall' | RoadmapPriority;
  /** Issues listed (items plus completed-list entries). */
  total: number;
  /** Sum of measured fractions, rounded to one decimal (for the text beside the bar). */
  done: number;
  /** Of the exact sum, rounded down once: the number every view shows. */
  percent: number | null;
  /** Items whose number comes from a check or evidence (the rest count as declared). */
  measuredItems: number;
}

function measure(roadmap: Roadmap, checks: ReadonlyMap<string, ItemCheckResult>, contradicted: ReadonlySet<string>, priority: RoadmapPriority | null): MeasuredProgress {
  const seen = new Set<string>();
  let done = 0;
  let measuredItems = 0;
  for (const item of roadmap.items) {
    if (priority !== null && item.priority.value !== priority) continue;
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const c = checks.get(item.id);
    const m = c?.measured;
    if (m && m.total > 0 && c!.verdict !== 'partly-measurable') {
      done += m.done / m.total;
      measuredItems++;
    } else if (item.status.value === 'completed') done += 1;
  }
  for (const c of roadmap.completed) {
    if (priority !== null && c.priority !== priority) continue;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (!contradicted.has(c.id)) done += 1;
  }
  const total = seen.size;
  const rounded = Math.round(done * 10) / 10;
  return { scope: priority ?? 'overall', total, done: rounded, percent: percentOf(done, total), measuredItems };
}

/**
 * Overall first, then each priority that lists at least one issue. `contradicted`: ids of completed-list
 * entries the model contradicts (completed-check.ts), which do not count as done.
 */
export function measuredProgress(roadmap: Roadmap, checks: readonly ItemCheckResult[], contradicted: ReadonlySet<string> = new Set()): MeasuredProgress[] {
  const byId = new Map(checks.map((c) => [c.itemId, c]));
  return [measure(roadmap, byId, contradicted, null), ...PRIORITIES.map((p) => measure(roadmap, byId, contradicted, p)).filter((m) => m.total > 0)];
}
