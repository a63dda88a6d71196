/** Roadmap items whose measured progress changed (the number the roadmap page shows beside each item). */
import type { RoadmapItemView } from '../../pipeline/roadmap.ts';
import type { RoadmapChange } from './schema.ts';
import type { DiffSide } from './side.ts';

const text = (v: RoadmapItemView | undefined): string => {
  const m = v?.check.measured;
  if (!v) return 'absent';
  if (!m) return 'unmeasured';
  return `${m.percent === null ? '-' : `${m.percent}%`} (${m.done} of ${m.total})`;
};

export function diffRoadmap(base: DiffSide, head: DiffSide): RoadmapChange[] {
  const before = new Map(base.roadmap.items.map((v) => [v.item.id, v]));
  const out: RoadmapChange[] = [];
  for (const v of head.roadmap.items) {
    const was = before.get(v.item.id);
    if (!was) continue;
    const a = was.check.measured;
    const b = v.check.measured;
    if ((a?.done ?? null) === (b?.done ?? null) && (a?.total ?? null) === (b?.total ?? null)) continue;
    out.push({ id: v.item.id, title: v.item.title, from: a?.percent ?? null, to: b?.percent ?? null, fromText: text(was), toText: text(v) });
  }
  return out;
}
