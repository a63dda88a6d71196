/**
 * Majority votes over the repository, with the counts kept so a reader can see why a value was
 * chosen ("30m ×28, 1h ×10"). Ties go to the value that sorts first, so output is deterministic.
 */

export interface Count {
  value: string;
  n: number;
}

export interface Choice {
  /** What was decided, e.g. `ks.yaml interval`. */
  what: string;
  /** The majority value; null when nothing was counted. */
  chosen: string | null;
  counts: Count[];
  total: number;
}

export function tally(values: readonly string[]): Count[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].map(([value, n]) => ({ value, n })).sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
}

export function choose(what: string, values: readonly string[]): Choice {
  const counts = tally(values);
  return { what, chosen: counts[0]?.value ?? null, counts, total: values.length };
}

export function countsText(c: Choice): string {
  return c.counts.map((x) => `${x.value} ×${x.n}`).join(', ');
}
