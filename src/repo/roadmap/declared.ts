import type { DeclaredCount, DeclaredProgress, RoadmapPriority } from '../../model/roadmap.ts';
import { normalisePriority } from './fields.ts';
import { bulletOf, fieldOf, type ScannedLine } from './lines.ts';

/**
 * The numbers an author declares: `Completion Rate: 21% (17 of 82 issues resolved)`, per
 * priority `- High: 31% (4/13)`, `Total Issues Identified: 82 (3 Critical, 13 High, ...)` and
 * `Next Milestone: ...`. They are kept as written, with their lines, for comparison with the file.
 */

/** `21% (17 of 82 ...)`, `4/13`, `31%`: whatever of percent, done and total the text gives. */
function declaredCount(text: string, line: number): DeclaredCount | null {
  const t = text.slice(0, 300);
  const pct = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(t);
  const frac = /(\d{1,7})\s*(?:of|\/|out of)\s*(\d{1,7})/.exec(t);
  if (!pct && !frac) return null;
  return {
    percent: pct ? Number(pct[1]) : null,
    done: frac ? Number(frac[1]) : null,
    total: frac ? Number(frac[2]) : null,
    line,
  };
}

/** `82 (3 Critical, 13 High, 28 Medium, 38 Low)`. */
function identifiedCount(text: string, line: number): DeclaredProgress['identified'] {
  const t = text.slice(0, 300);
  const total = /^\s*(\d{1,7})/.exec(t);
  if (!total) return null;
  const byPriority: Partial<Record<RoadmapPriority, number>> = {};
  for (const m of t.matchAll(/(\d{1,7})\s+([A-Za-z]+)/g)) {
    const p = normalisePriority(m[2]!);
    if (p) byPriority[p] = Number(m[1]);
  }
  return { total: Number(total[1]), byPriority, line };
}

export function emptyDeclared(): DeclaredProgress {
  return { overall: null, byPriority: [], identified: null, nextMilestone: null };
}

/**
 * Read one line into `declared`; true when the line was understood. Priority lines are read
 * anywhere in a progress block (`- Critical: 100% (3/3) ✅`, `- **High**: 31% (4/13)`).
 */
export function readDeclaredLine(l: ScannedLine, declared: DeclaredProgress): boolean {
  const field = fieldOf(l.text);
  if (field) {
    const key = field.key.toLowerCase();
    if (/completion|overall|progress|resolved|done/.test(key)) {
      const c = declaredCount(field.value, l.n);
      if (c) declared.overall = c;
      return true;
    }
    if (/total issues|issues identified|total items/.test(key)) {
      declared.identified = identifiedCount(field.value, l.n);
      return true;
    }
    if (/next milestone|milestone/.test(key)) {
      declared.nextMilestone = { text: field.value, line: l.n };
      return true;
    }
    const p = normalisePriority(field.key);
    const c = p && declaredCount(field.value, l.n);
    if (p && c) declared.byPriority.push({ ...c, priority: p });
    return true;
  }
  const b = bulletOf(l.text);
  if (b) {
    const m = /^\**([A-Za-z ]{2,20}?)\**\s*:\s*(.*)$/.exec(b.text.slice(0, 300));
    const p = m ? normalisePriority(m[1]!) : null;
    const c = m && p ? declaredCount(m[2]!, l.n) : null;
    if (p && c) {
      declared.byPriority.push({ ...c, priority: p });
      return true;
    }
  }
  return false;
}
