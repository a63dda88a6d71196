import type { ActionItem, Checkbox, FieldLine, PathRef, RoadmapItem, RoadmapPriority } from '../../model/roadmap.ts';
import { normalisePriority, normaliseStatus, parseEffort, priorityFromId, slugForId } from './fields.ts';
import { backticks, bodyOf, bodyStart, bulletOf, checkboxOf, fieldOf, labelOf, looksLikePath, numberedOf, type ScannedLine } from './lines.ts';

/**
 * One roadmap item: `### H-8.1: Title` and the lines under it. Fields are read from `**Key**:`
 * lines; paths from backticks on "File to create" / "Files to Update" / "File:" lines (and the
 * bullets right under such a label); numbered lines are action items grouped by the bold label
 * above them. Code blocks stay in the body only.
 */

/** `H-8.1: Title`, `M-10.1 - Title`, `L-1.1 Title`: an id is letters, `-`, numbers joined by `.`. */
const ITEM_HEADING_RE = /^([A-Z][A-Z0-9]{0,9}-\d{1,4}(?:\.\d{1,4}){0,4}[a-z]?)(?:\s*[:—–]\s*|\s+-\s+|\s+)(\S.*)$/;

/** Strip emoji and symbols in front of a heading (`✅ Completed` -> `Completed`). */
export function cleanHeading(text: string): string {
  return text
    .replace(/^[^\p{L}\p{N}[(*`]+/u, '')
    .replace(/[^\p{L}\p{N})\]*`.!?]+$/u, '')
    .trim();
}

export function itemHeading(heading: string): { id: string; title: string } | null {
  const m = ITEM_HEADING_RE.exec(cleanHeading(heading).replace(/^\*\*(.*)\*\*$/, '$1'));
  return m ? { id: m[1]!, title: m[2]!.trim() } : null;
}

/** An item id at the start of some text (`H-8.1: Implement ...` in a plan checkbox). */
export function leadingId(text: string): string | null {
  return /^\*{0,2}([A-Z][A-Z0-9]{0,9}-\d{1,4}(?:\.\d{1,4}){0,4}[a-z]?)\b/.exec(text)?.[1] ?? null;
}

type PathContext = 'create' | 'update' | 'file' | null;

function pathContextOf(key: string): PathContext {
  const k = key.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^files? to (create|add)$/.test(k) || k === 'new files' || k === 'new file') return 'create';
  if (/^files? to (update|change|modify|edit)$/.test(k)) return 'update';
  if (/^(files?|path|paths|location)$/.test(k)) return 'file';
  return null;
}

function pathsIn(text: string, line: number): PathRef[] {
  return backticks(text)
    .filter(looksLikePath)
    .map((path) => ({ path, line }));
}

function addPaths(into: PathRef[], refs: PathRef[]): void {
  for (const r of refs) if (!into.some((p) => p.path === r.path)) into.push(r);
}

export interface ItemInput {
  id: string;
  title: string;
  heading: ScannedLine;
  lines: readonly ScannedLine[];
  file: string;
  section: string | null;
  sectionPriority: RoadmapPriority | null;
}

export function parseItem(input: ItemInput): RoadmapItem {
  const { id, lines } = input;
  const fields: FieldLine[] = [];
  const checkboxes: Checkbox[] = [];
  const actionItems: ActionItem[] = [];
  const filesToCreate: PathRef[] = [];
  const filesToUpdate: PathRef[] = [];
  const files: PathRef[] = [];
  const target = { create: filesToCreate, update: filesToUpdate, file: files };
  let statusRaw: string | null = null;
  let priorityRaw: string | null = null;
  let risk: string | null = null;
  let effortRaw: string | null = null;
  let check: string | null = null;
  let group: string | null = null;
  let context: PathContext = null;

  for (const l of lines) {
    if (l.kind === 'heading') {
      group = l.heading;
      context = null;
      continue;
    }
    if (l.kind !== 'text') {
      if (l.kind === 'blank' || l.kind === 'rule') context = null;
      continue;
    }
    const box = checkboxOf(l.text);
    if (box) {
      checkboxes.push({ text: box.text, checked: box.checked, line: l.n });
      continue;
    }
    const field = fieldOf(l.text);
    if (field) {
      fields.push({ ...field, line: l.n });
      const key = field.key.toLowerCase();
      const ctx = pathContextOf(field.key);
      if (key === 'status') statusRaw = field.value;
      else if (key === 'priority') priorityRaw = field.value;
      else if (key === 'risk') risk = field.value;
      else if (key === 'effort' || key === 'estimate' || key === 'estimated effort') effortRaw = field.value;
      else if (key === 'check') check = field.value.replace(/`/g, '').trim() || null;
      else if (ctx) addPaths(target[ctx], pathsIn(field.value, l.n));
      else if (key === 'action') {
        actionItems.push({ text: field.value, group: field.key, line: l.n });
        if (/^create\b/i.test(field.value)) addPaths(filesToCreate, pathsIn(field.value, l.n));
      }
      context = ctx;
      if (!ctx) group = field.key;
      continue;
    }
    const label = labelOf(l.text);
    if (label && !numberedOf(l.text)) {
      const ctx = pathContextOf(label.label);
      if (ctx) addPaths(target[ctx], pathsIn(label.rest, l.n));
      context = ctx;
      group = label.label;
      continue;
    }
    const numbered = numberedOf(l.text);
    if (numbered !== null) {
      actionItems.push({ text: numbered, group, line: l.n });
      continue;
    }
    const bullet = bulletOf(l.text);
    const inner = bullet?.text ?? l.text.trim();
    const kv = /^([A-Za-z ]{2,30}?)\s*:\s*(.*)$/.exec(inner.slice(0, 400));
    const ctx = kv ? pathContextOf(kv[1]!) : null;
    if (ctx) addPaths(target[ctx], pathsIn(kv![2]!, l.n));
    else if (bullet && context) addPaths(target[context], pathsIn(bullet.text, l.n));
  }

  const priorityValue = priorityRaw === null ? null : normalisePriority(priorityRaw);
  const priority =
    priorityValue !== null
      ? { value: priorityValue, raw: priorityRaw, from: 'field' as const }
      : input.sectionPriority !== null
        ? { value: input.sectionPriority, raw: priorityRaw, from: 'section' as const }
        : { value: priorityFromId(id), raw: priorityRaw, from: priorityFromId(id) ? ('id' as const) : null };
  const last = lines.length > 0 ? lines[lines.length - 1]! : input.heading;
  return {
    id,
    slug: slugForId(id),
    title: input.title,
    section: input.section,
    status: { value: statusRaw === null ? 'unknown' : normaliseStatus(statusRaw), raw: statusRaw },
    priority,
    risk,
    effort: effortRaw === null ? null : parseEffort(effortRaw),
    filesToCreate,
    filesToUpdate,
    files,
    checkboxes,
    actionItems,
    check,
    fields,
    body: bodyOf(lines),
    bodyLine: bodyStart(lines, input.heading.n),
    source: { file: input.file, line: input.heading.n, col: 1 },
    endLine: last.n,
  };
}
