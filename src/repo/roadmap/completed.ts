import type { CompletedItem, CompletedSummary, RoadmapPriority } from '../../model/roadmap.ts';
import { normalisePriority, priorityFromId } from './fields.ts';
import { bulletOf, dateIn, type ScannedLine } from './lines.ts';
import { cleanHeading } from './item.ts';

/**
 * The two shapes completed work takes in a roadmap: a list of ids under a dated "Completed"
 * heading (`- **C-4.1**: text`), and a summary by date (`### 2025-11-17`, `#### Group`, bullets).
 */

/** `- **C-4.1**: text`, `- **C-4.1:** text`, `- C-4.1: text`, `- ✅ C-4.1 - text`. */
const COMPLETED_BULLET_RE =
  /^[^\p{L}\p{N}*]{0,8}\*{0,2}([A-Z][A-Z0-9]{0,9}-\d{1,4}(?:\.\d{1,4}){0,4}[a-z]?)(?::\*\*|\*\*:|\*\*|:)?\s*(?:[:—–-]\s*)?(.*)$/u;

function completedBullet(text: string): { id: string; text: string } | null {
  const b = bulletOf(text);
  if (!b) return null;
  const m = COMPLETED_BULLET_RE.exec(b.text);
  return m ? { id: m[1]!, text: m[2]!.trim() } : null;
}

/** Whether a heading announces completed work (`✅ Completed (2025-11-17)`, `Done`). */
export function isCompletedHeading(heading: string): boolean {
  return /^(completed?|done|resolved|finished|shipped)\b/i.test(cleanHeading(heading));
}

export interface CompletedContext {
  date: string | null;
  group: string | null;
  groupPriority: RoadmapPriority | null;
}

export function completedItem(
  line: ScannedLine,
  ctx: CompletedContext,
  file: string,
): CompletedItem | null {
  const c = completedBullet(line.text);
  if (!c) return null;
  return {
    id: c.id,
    text: c.text,
    date: ctx.date,
    group: ctx.group,
    priority: ctx.groupPriority ?? priorityFromId(c.id),
    source: { file, line: line.n, col: 1 },
  };
}

export function completedContext(heading: string): CompletedContext {
  return { date: dateIn(heading), group: null, groupPriority: null };
}

export function withGroup(ctx: CompletedContext, heading: string): CompletedContext {
  const title = cleanHeading(heading);
  return { ...ctx, group: title, groupPriority: normalisePriority(title) };
}

/**
 * Summary sections: each heading one level below the section opens an entry (a date, usually),
 * deeper headings open groups, every bullet is an entry line. Returns the lines it understood.
 */
export function parseSummary(
  lines: readonly ScannedLine[],
  sectionLevel: number,
  file: string,
): { summary: CompletedSummary[]; understood: number[] } {
  const summary: CompletedSummary[] = [];
  const understood: number[] = [];
  let current: CompletedSummary | null = null;
  for (const l of lines) {
    if (l.kind === 'heading' && l.level === sectionLevel + 1) {
      const title = cleanHeading(l.heading);
      current = { date: dateIn(title), title, groups: [], source: { file, line: l.n, col: 1 } };
      summary.push(current);
      understood.push(l.n);
      continue;
    }
    if (l.kind === 'heading' && current) {
      current.groups.push({ title: cleanHeading(l.heading), entries: [], line: l.n });
      understood.push(l.n);
      continue;
    }
    if (l.kind === 'text' && current) {
      const b = bulletOf(l.text);
      if (!b) continue;
      if (current.groups.length === 0) current.groups.push({ title: null, entries: [], line: l.n });
      current.groups[current.groups.length - 1]!.entries.push({ text: b.text, line: l.n });
      understood.push(l.n);
    }
  }
  return { summary, understood };
}
