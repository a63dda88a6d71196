/**
 * `atlas export` in two phases: plan (read and merge every target, refuse what cannot be written
 * safely) and then write. Nothing is written until every target has been read and checked, so a
 * problem found on the tenth file (a folder named README.md, a symlink, a UTF-16 file) is a finding
 * and never an exception thrown after nine files were already rewritten.
 */
import type { Finding } from '../../model/finding.ts';
import { mergeGenerated } from '../../markdown/markers.ts';
import type { ExportTarget } from './plan.ts';
import { readTarget, realRoot, writeTarget } from './safe-write.ts';

interface PlannedWrite {
  file: string;
  text: string;
  bom: boolean;
  mode: number;
}

export interface ExportPlan {
  /** Files whose content changes, in target order. */
  writes: PlannedWrite[];
  /** Targets already up to date. */
  upToDate: number;
  /** Targets left alone: broken markers, or refused by safe-write (their findings say why). */
  leftAlone: string[];
  findings: Finding[];
  total: number;
}

export function planExport(repo: string, targets: readonly ExportTarget[]): ExportPlan {
  const root = realRoot(repo);
  const plan: ExportPlan = { writes: [], upToDate: 0, leftAlone: [], findings: [], total: targets.length };
  const seen = new Set<string>();
  for (const t of targets) {
    // Two targets naming one file (an app README that is also a runbook) would overwrite each other.
    if (seen.has(t.file)) continue;
    seen.add(t.file);
    const state = readTarget(root, t.file);
    if (state.kind === 'refused') {
      plan.findings.push(state.finding);
      plan.leftAlone.push(t.file);
      continue;
    }
    const existing = state.kind === 'file' ? state.text : null;
    const merged = mergeGenerated(existing, t.generated, t.file, { title: t.title });
    for (const f of merged.findings) plan.findings.push(f);
    if (merged.text === null) {
      plan.leftAlone.push(t.file);
      continue;
    }
    if (!merged.changed) {
      plan.upToDate++;
      continue;
    }
    plan.writes.push({ file: t.file, text: merged.text, bom: state.kind === 'file' && state.bom, mode: state.kind === 'file' ? state.mode : 0 });
  }
  plan.total = seen.size;
  return plan;
}

/** Writes the planned files; returns the files written and a finding per file that failed. */
export function applyExport(repo: string, plan: ExportPlan): { written: string[]; findings: Finding[] } {
  const root = realRoot(repo);
  const written: string[] = [];
  const findings: Finding[] = [];
  for (const w of plan.writes) {
    const problem = writeTarget(root, w.file, w.text, { bom: w.bom, mode: w.mode });
    if (problem) findings.push(problem);
    else written.push(w.file);
  }
  return { written, findings };
}
