/** Formatting of roadmap numbers for the pages; pure, so tests can pin the wording. */

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * An effort range as a person reads it: `45 min to 2 h`, `20.5 to 25.5 hours (2.6 to 3.2 working
 * days of 8 hours)`. One unit for both ends, so the range is easy to compare.
 */
export function formatHourRange(min: number, max: number): string {
  if (max < 1) return `${Math.round(min * 60)} to ${Math.round(max * 60)} minutes`;
  const hours = min === max ? `${round1(min)} hours` : `${round1(min)} to ${round1(max)} hours`;
  if (max <= 16) return hours;
  const days = min === max ? `${round1(min / 8)}` : `${round1(min / 8)} to ${round1(max / 8)}`;
  return `${hours} (${days} working days of 8 hours)`;
}

/** Bold and italic marks dropped (`**Longhorn**: NFS` -> `Longhorn: NFS`); code spans are left to InlineCode. */
export function withoutEmphasis(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/__([^_]+)__/g, '$1');
}

/** `3 of 8 (37%)`, or `no checklist` when there is none. */
export function checklistText(c: { done: number; total: number; percent: number | null }): string {
  return c.total === 0 ? 'no checklist' : `${c.done} of ${c.total} (${c.percent ?? 0}%)`;
}
