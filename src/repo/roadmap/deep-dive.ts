import type { ActionItem, Checkbox, DeepDive, FieldLine, NoteGroup } from '../../model/roadmap.ts';
import { normalisePriority, normaliseStatus, slugForTitle } from './fields.ts';
import { bodyOf, bulletOf, checkboxOf, fieldOf, labelOf, numberedOf, type ScannedLine } from './lines.ts';
import { cleanHeading } from './item.ts';

/**
 * Deep-dive topics: headings without ids that carry Status, Priority and Complexity fields,
 * numbered questions and `- [ ]` action items. Every line of a topic is kept in its body.
 */
export function parseDeepDive(heading: ScannedLine, lines: readonly ScannedLine[], file: string): DeepDive {
  const fields: FieldLine[] = [];
  const questions: ActionItem[] = [];
  const actionItems: Checkbox[] = [];
  let statusRaw: string | null = null;
  let priorityRaw: string | null = null;
  let complexity: string | null = null;
  const lists: NoteGroup[] = [];
  let group: string | null = null;
  let list: NoteGroup | null = null;
  const open = (title: string, line: number): void => {
    list = { title, entries: [], line };
    lists.push(list);
  };
  for (const l of lines) {
    if (l.kind === 'heading') {
      group = cleanHeading(l.heading);
      open(group, l.n);
    }
    if (l.kind !== 'text') continue;
    const box = checkboxOf(l.text);
    if (box) {
      actionItems.push({ text: box.text, checked: box.checked, line: l.n });
      continue;
    }
    const bullet = bulletOf(l.text);
    if (bullet && list !== null) {
      // `- **Longhorn**: NFS backup ...` is an entry of the list, not a new label.
      const current: NoteGroup = list;
      if (bullet.indent < 2) current.entries.push({ text: bullet.text, line: l.n });
      else if (current.entries.length > 0) current.entries[current.entries.length - 1]!.text += `; ${bullet.text}`;
      const f = fieldOf(l.text);
      if (f) fields.push({ ...f, line: l.n });
      continue;
    }
    const field = fieldOf(l.text);
    if (field) {
      fields.push({ ...field, line: l.n });
      const key = field.key.toLowerCase();
      if (key === 'status') statusRaw = field.value;
      else if (key === 'priority') priorityRaw = field.value;
      else if (key === 'complexity') complexity = field.value;
      group = field.key;
      open(field.key, l.n);
      continue;
    }
    const label = labelOf(l.text);
    if (label) {
      group = label.label;
      open(label.label, l.n);
      continue;
    }
    const numbered = numberedOf(l.text);
    if (numbered !== null && group !== null && /question/i.test(group)) questions.push({ text: numbered, group, line: l.n });
  }
  const title = cleanHeading(heading.heading);
  const priority = priorityRaw === null ? null : normalisePriority(priorityRaw);
  return {
    title,
    slug: slugForTitle(title),
    status: { value: statusRaw === null ? 'unknown' : normaliseStatus(statusRaw), raw: statusRaw },
    priority: { value: priority, raw: priorityRaw, from: priority === null ? null : 'field' },
    complexity,
    questions,
    actionItems,
    lists: lists.filter((g) => g.entries.length > 0),
    fields,
    body: bodyOf(lines),
    source: { file, line: heading.n, col: 1 },
  };
}
