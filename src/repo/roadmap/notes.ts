import type { AnalysisQueue, Decision, FieldLine, NoteGroup, QueueEntry, RoadmapNotes } from '../../model/roadmap.ts';
import { cleanHeading } from './item.ts';
import { bodyOf, bulletOf, fieldOf, labelOf, numberedOf, type ScannedLine } from './lines.ts';

/**
 * The notes section (`### Patterns Working Well`, `### Deferred Items` ... with bullets under
 * them) and the analysis queue (a numbered list of bold titles), read as lists so the site can
 * show deferred items as decisions and the queue beside the deep dives it names.
 */

/** A heading or bold label that introduces decisions not to do something. */
const DEFERRED_RE = /\b(deferred|not (?:doing|planned|included)|won'?t do|out of scope|decided against|declined|rejected|non-goals?)\b/i;

/**
 * `Migrating from X to Y (current pattern works well)` -> what: `Migrating from X to Y`, why:
 * `current pattern works well`. A reason may also follow ` - `, ` -- ` or `: `.
 */
export function decisionOf(text: string, line: number): Decision {
  const paren = /^(.*\S)\s*\(([^()]+)\)\s*\.?$/.exec(text);
  if (paren) return { text, what: paren[1]!.trim(), why: paren[2]!.trim(), line };
  const dash = /^(.*?\S)\s+(?:-{1,2}|—|–)\s+(\S.*)$/.exec(text) ?? /^([^:]{3,120}?):\s+(\S.*)$/.exec(text);
  if (dash) return { text, what: dash[1]!.trim(), why: dash[2]!.trim(), line };
  return { text, what: text.trim(), why: null, line };
}

export function parseNotes(
  title: string,
  headingLine: number,
  lines: readonly ScannedLine[],
  file: string,
): { notes: RoadmapNotes; decisions: Decision[]; understood: number[] } {
  const groups: NoteGroup[] = [];
  const intro: Record<string, string> = {};
  const decisions: Decision[] = [];
  const understood: number[] = [];
  let group: NoteGroup | null = null;
  let prose: ScannedLine[] = [];
  const flush = (): void => {
    if (group && prose.some((l) => l.kind === 'text')) intro[group.title] = bodyOf(prose);
    prose = [];
  };
  for (const l of lines) {
    const label = l.kind === 'text' ? labelOf(l.text) : null;
    const startsGroup = l.kind === 'heading' || (label !== null && (label.rest === '' || label.rest === ':') && !bulletOf(l.text));
    if (startsGroup) {
      flush();
      group = { title: l.kind === 'heading' ? cleanHeading(l.heading) : label!.label.replace(/:$/, ''), entries: [], line: l.n };
      groups.push(group);
      understood.push(l.n);
      continue;
    }
    const bullet = l.kind === 'text' ? bulletOf(l.text) : null;
    if (bullet && group && bullet.indent < 2) {
      group.entries.push({ text: bullet.text, line: l.n });
      understood.push(l.n);
      if (DEFERRED_RE.test(group.title)) decisions.push(decisionOf(bullet.text, l.n));
      continue;
    }
    if (bullet && group && group.entries.length > 0) {
      // A nested bullet continues the entry above it.
      const last = group.entries[group.entries.length - 1]!;
      last.text += `; ${bullet.text}`;
      understood.push(l.n);
      continue;
    }
    if (group) {
      prose.push(l);
      if (l.kind === 'text') understood.push(l.n);
    }
  }
  flush();
  return { notes: { title, groups: groups.filter((g) => g.entries.length > 0 || intro[g.title] !== undefined), intro, source: { file, line: headingLine, col: 1 } }, decisions, understood };
}

const QUEUE_ENTRY_RE = /^\*\*([^*]{1,200})\*\*\s*(.*)$/;

export function parseQueue(title: string, headingLine: number, lines: readonly ScannedLine[], file: string): { queue: AnalysisQueue; understood: number[] } {
  const entries: QueueEntry[] = [];
  const fields: FieldLine[] = [];
  const understood: number[] = [];
  const prose: ScannedLine[] = [];
  for (const l of lines) {
    if (l.kind !== 'text') continue;
    const field = fieldOf(l.text);
    if (field) {
      fields.push({ ...field, line: l.n });
      understood.push(l.n);
      continue;
    }
    const numbered = numberedOf(l.text) ?? (bulletOf(l.text)?.indent === 0 ? bulletOf(l.text)!.text : null);
    if (numbered !== null) {
      const m = QUEUE_ENTRY_RE.exec(numbered);
      const rest = (m?.[2] ?? '').trim().replace(/^[-–—:]\s*/, '');
      entries.push({
        position: entries.length + 1,
        title: (m ? m[1]! : numbered).trim(),
        note: rest === '' ? null : rest.replace(/^\((.*)\)$/, '$1'),
        line: l.n,
      });
      understood.push(l.n);
      continue;
    }
    prose.push(l);
    understood.push(l.n);
  }
  return { queue: { title, entries, fields, text: bodyOf(prose), source: { file, line: headingLine, col: 1 } }, understood };
}
