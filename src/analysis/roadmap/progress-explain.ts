import type { DeclaredCount, Roadmap, RoadmapPriority } from '../../model/roadmap.ts';

/**
 * Declared versus listed, in words. A roadmap's "Completion Rate" counts every issue its author
 * identified, while the file lists only some of them; both are shown, and each difference gets a
 * sentence (issues counted but not listed, completed items not counted), as does any place where
 * the declared numbers contradict each other (per-priority lines that do not add up, a percentage
 * that is not the fraction beside it, a milestone's "N remaining" that disagrees).
 */

export interface Listed {
  /** Distinct ids listed: items plus the completed list. */
  total: number;
  /** Distinct ids completed: items marked Completed plus the completed list. */
  done: number;
  /** Items still open (not started, in progress, blocked, no status). */
  open: number;
  /** Entries of the completed list. */
  completedList: number;
}

export interface Comparison {
  scope: 'overall' | RoadmapPriority;
  declared: DeclaredCount | null;
  listed: Listed;
  explanation: string[];
  /** Contradictions inside the declared numbers themselves (also a finding). */
  inconsistent: string[];
}

const NAME: Record<RoadmapPriority, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function percentCheck(d: DeclaredCount): string | null {
  if (d.percent === null || d.done === null || d.total === null || d.total === 0) return null;
  const exact = (d.done / d.total) * 100;
  if (Math.abs(exact - d.percent) < 1) return null;
  return `${d.done} of ${d.total} is ${Math.round(exact * 10) / 10}%, not ${d.percent}%.`;
}

export function explainComparison(scope: RoadmapPriority | null, declared: DeclaredCount | null, listed: Listed, roadmap: Roadmap): Comparison {
  const explanation: string[] = [];
  const inconsistent: string[] = [];
  const label = scope === null ? '' : `${NAME[scope]}: `;
  const lists = `the file lists ${plural(listed.total, 'issue', 'issues')}, ${listed.done} completed`;
  if (declared === null || declared.done === null || declared.total === null) {
    explanation.push(`${label}No declared count; ${lists}.`);
  } else {
    const pct = declared.percent === null ? '' : ` (${declared.percent}%)`;
    explanation.push(`${label}Declares ${declared.done} of ${declared.total} resolved${pct}; ${lists}.`);
    if (declared.total > listed.total) explanation.push(`${plural(declared.total - listed.total, 'declared issue is', 'declared issues are')} not listed in the file.`);
    if (declared.total < listed.total) explanation.push(`The file lists ${listed.total - declared.total} more than it declares.`);
    if (declared.done > listed.done) explanation.push(`${plural(declared.done - listed.done, 'resolved issue is', 'resolved issues are')} counted but not listed as completed.`);
    if (declared.done < listed.done) explanation.push(`${plural(listed.done - declared.done, 'completed item was', 'completed items were')} not counted.`);
    if (declared.done === listed.done && declared.total === listed.total) explanation.push('The declared and listed numbers agree.');
  }
  if (declared) {
    const p = percentCheck(declared);
    if (p) inconsistent.push(p);
  }
  const d = roadmap.declared;
  if (scope === null && declared?.done != null && declared.total != null && d.byPriority.length > 0) {
    const sumDone = d.byPriority.reduce((s, p) => s + (p.done ?? 0), 0);
    const sumTotal = d.byPriority.reduce((s, p) => s + (p.total ?? 0), 0);
    if (sumDone !== declared.done || sumTotal !== declared.total) {
      inconsistent.push(`its per-priority lines add up to ${sumDone} of ${sumTotal} resolved, not ${declared.done} of ${declared.total}.`);
    }
  }
  if (d.identified && declared?.total != null) {
    const identified = scope === null ? d.identified.total : d.identified.byPriority[scope];
    if (identified !== undefined && identified !== declared.total) {
      inconsistent.push(`${label}Total Issues Identified says ${identified}, the progress block counts ${declared.total}.`);
    }
  }
  if (scope !== null && d.nextMilestone) {
    const m = /\b(\d{1,6})\s+remaining\b/i.exec(d.nextMilestone.text);
    if (m && new RegExp(`\\b${scope}\\b`, 'i').test(d.nextMilestone.text)) {
      const remaining = Number(m[1]);
      explanation.push(`The next milestone counts ${remaining} ${NAME[scope]} items remaining; the file lists ${listed.open} open.`);
      if (declared?.done != null && declared.total != null && declared.total - declared.done !== remaining) {
        inconsistent.push(`the next milestone counts ${remaining} ${NAME[scope]} remaining, but ${declared.done} of ${declared.total} resolved leaves ${declared.total - declared.done}.`);
      }
    }
  }
  return { scope: scope ?? 'overall', declared, listed, explanation, inconsistent };
}
