import { finding, type Finding } from '../../model/finding.ts';
import type { DeclaredCount, Roadmap, RoadmapPriority, RoadmapStatus, WeekPlan } from '../../model/roadmap.ts';
import type { ItemCheckResult } from './check-roadmap.ts';
import { explainComparison, type Comparison, type Listed } from './progress-explain.ts';

/**
 * The roadmap's progress as the /roadmap/ page shows it: the numbers the author declared next to
 * what the file actually lists (with the difference explained in words), effort remaining as a
 * range, the next milestone of the plan, and the items that need attention first.
 */

export const PRIORITIES: readonly RoadmapPriority[] = ['critical', 'high', 'medium', 'low'];

interface AttentionItem {
  itemId: string;
  slug: string;
  title: string;
  reason: string;
  line: number;
}

export interface RoadmapProgress {
  listed: Listed & { byStatus: Record<RoadmapStatus, number>; byPriority: Record<RoadmapPriority, Listed> };
  comparisons: Comparison[];
  effortRemaining: { minHours: number; maxHours: number; estimated: number; unestimated: string[] };
  nextMilestone: { title: string; line: number; open: number; total: number; openTasks: string[] } | null;
  attention: AttentionItem[];
}

const OPEN: ReadonlySet<RoadmapStatus> = new Set(['not-started', 'in-progress', 'blocked', 'unknown']);

function listedCounts(roadmap: Roadmap, priority: RoadmapPriority | null): Listed {
  const done = new Set<string>();
  const all = new Set<string>();
  let open = 0;
  for (const item of roadmap.items) {
    if (priority !== null && item.priority.value !== priority) continue;
    all.add(item.id);
    if (item.status.value === 'completed') done.add(item.id);
    else if (OPEN.has(item.status.value)) open++;
  }
  let fromList = 0;
  for (const c of roadmap.completed) {
    if (priority !== null && c.priority !== priority) continue;
    fromList++;
    all.add(c.id);
    done.add(c.id);
  }
  return { total: all.size, done: done.size, open, completedList: fromList };
}

function nextMilestone(plan: readonly WeekPlan[]): RoadmapProgress['nextMilestone'] {
  const week = plan.find((w) => w.tasks.some((t) => !t.checked));
  if (!week) return null;
  const open = week.tasks.filter((t) => !t.checked);
  return { title: week.title, line: week.source.line, open: open.length, total: week.tasks.length, openTasks: open.map((t) => t.text) };
}

function effortRemaining(roadmap: Roadmap): RoadmapProgress['effortRemaining'] {
  // Sum in minutes so that `5 minutes` items add up exactly.
  let min = 0;
  let max = 0;
  let estimated = 0;
  const unestimated: string[] = [];
  for (const item of roadmap.items) {
    if (!OPEN.has(item.status.value)) continue;
    if (item.effort?.minHours == null || item.effort.maxHours == null) {
      unestimated.push(item.id);
      continue;
    }
    min += Math.round(item.effort.minHours * 60);
    max += Math.round(item.effort.maxHours * 60);
    estimated++;
  }
  return { minHours: min / 60, maxHours: max / 60, estimated, unestimated };
}

const RANK: Record<RoadmapPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

function attention(roadmap: Roadmap, checks: readonly ItemCheckResult[]): AttentionItem[] {
  const out: AttentionItem[] = [];
  const byId = new Map(roadmap.items.map((i) => [i.id, i]));
  for (const r of checks) {
    const item = byId.get(r.itemId);
    if (item && r.verdict === 'mismatch') out.push({ itemId: item.id, slug: item.slug, title: item.title, reason: r.summary, line: item.source.line });
  }
  const urgent = roadmap.items
    .filter((i) => (i.priority.value === 'critical' || i.priority.value === 'high') && (i.status.value === 'not-started' || i.status.value === 'blocked'))
    .filter((i) => !out.some((o) => o.itemId === i.id))
    .sort((a, b) => RANK[a.priority.value!] - RANK[b.priority.value!] || a.source.line - b.source.line);
  for (const i of urgent) {
    const state = i.status.value === 'blocked' ? 'blocked' : 'not started';
    out.push({ itemId: i.id, slug: i.slug, title: i.title, reason: `${i.priority.value === 'critical' ? 'Critical' : 'High'} priority, ${state}.`, line: i.source.line });
  }
  return out;
}

function declaredFor(roadmap: Roadmap, priority: RoadmapPriority | null): DeclaredCount | null {
  if (priority === null) return roadmap.declared.overall;
  return roadmap.declared.byPriority.find((p) => p.priority === priority) ?? null;
}

/** Compute the progress view. `checks` (from checkRoadmap) adds disagreements to the attention list. */
export function roadmapProgress(roadmap: Roadmap, checks: readonly ItemCheckResult[] = []): { result: RoadmapProgress; findings: Finding[] } {
  const byStatus = { 'not-started': 0, 'in-progress': 0, completed: 0, blocked: 0, deferred: 0, unknown: 0 } as Record<RoadmapStatus, number>;
  for (const i of roadmap.items) byStatus[i.status.value]++;
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, listedCounts(roadmap, p)])) as Record<RoadmapPriority, Listed>;
  const overall = listedCounts(roadmap, null);
  const findings: Finding[] = [];
  const comparisons: Comparison[] = [];
  for (const scope of [null, ...PRIORITIES]) {
    const declared = declaredFor(roadmap, scope);
    const listed = scope === null ? overall : byPriority[scope];
    if (declared === null && listed.total === 0) continue;
    const c = explainComparison(scope, declared, listed, roadmap);
    comparisons.push(c);
    if (c.inconsistent.length > 0 && declared) {
      findings.push(finding('ROADMAP_DECLARED_INCONSISTENT', 'warning', `The roadmap's declared progress contradicts itself: ${c.inconsistent.join(' ')}`, { file: roadmap.file, line: declared.line, col: 1 }, { area: 'roadmap' }));
    }
  }
  const over = comparisons.find((c) => c.scope === 'overall');
  if (over?.declared && over.declared.done !== null && over.listed.done > over.declared.done) {
    findings.push(finding('ROADMAP_DECLARED_OUTDATED', 'info', `The roadmap declares ${over.declared.done} resolved but lists ${over.listed.done} completed; update its Completion Rate.`, { file: roadmap.file, line: over.declared.line, col: 1 }, { area: 'roadmap' }));
  }
  return {
    result: {
      listed: { ...overall, byStatus, byPriority },
      comparisons,
      effortRemaining: effortRemaining(roadmap),
      nextMilestone: nextMilestone(roadmap.plan),
      attention: attention(roadmap, checks),
    },
    findings,
  };
}
