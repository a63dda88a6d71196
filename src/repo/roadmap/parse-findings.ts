import { finding, type Finding } from '../../model/finding.ts';
import type { Roadmap } from '../../model/roadmap.ts';
import { slugForId } from './fields.ts';

/**
 * What the parser tells the user about a roadmap: lines it did not understand, ids used twice
 * (their pages would collide; the later one gets a `--2` slug), items without a readable status,
 * and garbled text that was repaired.
 */

/** `[3,4,5,9]` -> `3-5, 9`; at most `max` ranges, then `and N more`. */
function lineRanges(lines: readonly number[], max = 20): string {
  const ranges: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    ranges.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, max).join(', ');
  return ranges.length > max ? `${shown} and ${ranges.length - max} more ranges` : shown;
}

export function roadmapFindings(roadmap: Roadmap, lineCount: number): Finding[] {
  const file = roadmap.file;
  const out: Finding[] = [];
  const area = { area: 'roadmap' };
  const seen = new Map<string, number>();
  for (const item of roadmap.items) {
    const key = item.slug;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) {
      item.slug = `${slugForId(item.id)}--${count}`;
      out.push(finding('ROADMAP_DUPLICATE_ID', 'warning', `Roadmap item id ${item.id} is used more than once; this one is published as ${item.slug}.`, item.source, area));
    }
    if (item.status.value === 'unknown') {
      const what = item.status.raw === null ? 'has no **Status** line' : `has a status that is not understood ("${item.status.raw.slice(0, 60)}")`;
      out.push(finding('ROADMAP_STATUS_UNKNOWN', 'info', `Roadmap item ${item.id} ${what}; use Not Started, In Progress, Completed, Blocked or Deferred.`, item.source, area));
    }
  }
  if (roadmap.repairedMojibake > 0) {
    out.push(finding('ROADMAP_MOJIBAKE_REPAIRED', 'info', `${roadmap.repairedMojibake} garbled sequences (UTF-8 read as Mac Roman or Windows-1252, e.g. "‚úÖ" or "âœ…" for ✅) were repaired; save the file as UTF-8 to fix it at the source.`, { file, line: 1, col: 1 }, area));
  }
  const unparsed = roadmap.unparsedLines;
  if (unparsed.length > 0) {
    const nothing = roadmap.items.length === 0 && roadmap.plan.length === 0 && roadmap.completed.length === 0 && roadmap.deepDives.length === 0;
    out.push(
      finding(
        'ROADMAP_UNPARSED',
        nothing ? 'warning' : 'info',
        `${unparsed.length} of ${lineCount} lines of the roadmap were not understood and are shown as text: lines ${lineRanges(unparsed)}.`,
        { file, line: unparsed[0]!, col: 1 },
        area,
      ),
    );
  }
  return out;
}
