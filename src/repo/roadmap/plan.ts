import type { PlanTask, WeekPlan } from '../../model/roadmap.ts';
import { checkboxOf, type ScannedLine } from './lines.ts';
import { cleanHeading, leadingId } from './item.ts';

/**
 * The week-by-week plan: every heading with `- [ ]` checkboxes under it is a step of the plan
 * (`Week 1 (High Priority Security)`, `Ongoing / As Needed`). The same reading serves roadmaps of
 * any other shape whose only structure is headings and checkboxes.
 */

function planTask(l: ScannedLine): PlanTask | null {
  const box = checkboxOf(l.text);
  if (!box) return null;
  return { text: box.text, checked: box.checked, line: l.n, itemId: leadingId(box.text) };
}

/**
 * Group checkboxes by the nearest heading above them. `fallbackTitle` names checkboxes that come
 * before any heading of the block. Returns the plan steps and the lines it understood.
 */
export function parsePlan(
  lines: readonly ScannedLine[],
  fallbackTitle: string,
  fallbackLine: number,
  file: string,
): { plan: WeekPlan[]; understood: number[] } {
  const plan: WeekPlan[] = [];
  const understood: number[] = [];
  let title = fallbackTitle;
  let line = fallbackLine;
  let current: WeekPlan | null = null;
  for (const l of lines) {
    if (l.kind === 'heading') {
      title = cleanHeading(l.heading);
      line = l.n;
      current = null;
      continue;
    }
    if (l.kind !== 'text') continue;
    const task = planTask(l);
    if (!task) continue;
    if (!current) {
      current = { title, tasks: [], source: { file, line, col: 1 } };
      plan.push(current);
      understood.push(line);
    }
    current.tasks.push(task);
    understood.push(l.n);
  }
  return { plan, understood };
}
