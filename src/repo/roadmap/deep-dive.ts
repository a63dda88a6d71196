import type { ActionItem, Checkbox, DeepDive, FieldLine } from '../../model/roadmap.ts';
import { normalisePriority, normaliseStatus, slugForTitle } from './fields.ts';
import { bodyOf, checkboxOf, fieldOf, labelOf, numberedOf, type ScannedLine } from './lines.ts';
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
  let group: string | null = null;
  for (const l of lines) {
    if (l.kind === 'heading') group = cleanHeading(l.heading);
    if (l.kind !== 'text') continue;
    const box = checkboxOf(l.text);
    if (box) {
      actionItems.push({ text: box.text, checked: box.checked, line: l.n });
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
      continue;
    }
    const label = labelOf(l.text);
    if (label) {
      group = label.label;
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
    fields,
    body: bodyOf(lines),
    source: { file, line: heading.n, col: 1 },
  };
}
