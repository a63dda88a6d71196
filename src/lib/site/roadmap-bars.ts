import { percentOf } from '../../model/percent.ts';
import type { RoadmapData } from '../../pipeline/roadmap.ts';

const NAME = { overall: 'Overall', critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' } as const;

interface Count {
  done: number;
  total: number;
  percent: number | null;
}

export interface RoadmapBar {
  label: string;
  declared: Count | null;
  listed: Count;
  measured: Count;
}

/**
 * Declared, listed and measured progress per scope (overall first), for the progress bars. The
 * measured percentage is the analysis' own (MeasuredProgress.percent, as atlas.json has it), never
 * recomputed here from the rounded sum; the listed one is rounded the same way.
 */
export function roadmapBars(data: Pick<RoadmapData, 'progress' | 'measured'>): RoadmapBar[] {
  return (data.progress?.comparisons ?? []).map((c) => {
    const m = data.measured.find((x) => x.scope === c.scope);
    const d = c.declared && c.declared.done !== null && c.declared.total !== null ? { done: c.declared.done, total: c.declared.total, percent: c.declared.percent ?? percentOf(c.declared.done, c.declared.total) } : null;
    return {
      label: NAME[c.scope],
      declared: d,
      listed: { done: c.listed.done, total: c.listed.total, percent: percentOf(c.listed.done, c.listed.total) },
      measured: m ? { done: m.done, total: m.total, percent: m.percent } : { done: 0, total: 0, percent: null },
    };
  });
}
