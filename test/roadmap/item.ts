import type { RoadmapItem } from '../../src/model/roadmap.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

/** One item parsed from seed-format Markdown (`### ID: Title` and its lines). */
export function itemFrom(markdown: string): RoadmapItem {
  const { result } = parseRoadmap(`# Roadmap\n\n## HIGH PRIORITY\n\n${markdown}`, 'ROADMAP.md');
  if (result.items.length !== 1) throw new Error(`expected one item, got ${result.items.length}`);
  return result.items[0]!;
}
