import { percentOf } from '../../model/percent.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Roadmap, RoadmapItem, RoadmapStatus } from '../../model/roadmap.ts';
import { STATUS_WORDS } from './status-words.ts';
import { linkCheck } from './checks/registry.ts';
import type { Shortfall } from './checks/types.ts';
import { itemEvidence, type ItemEvidence } from './evidence.ts';
import { deployedModel } from './deployed.ts';

/**
 * Each roadmap item measured against the repository: its generic evidence, its named check, and
 * the verdict that matters most on the site: does what the author declared agree with what the
 * repository shows? A disagreement (says Not Started, measures 100%; says Completed, measures
 * less) is a ROADMAP_STATUS_MISMATCH warning at the item's line.
 */

export interface ItemCheckResult {
  itemId: string;
  slug: string;
  declared: RoadmapStatus;
  check: { name: string; description: string; linkedBy: 'item' | 'config' | 'default' } | null;
  /** From the named check when there is one, else from the evidence (files created, boxes ticked). */
  measured: { done: number; total: number; percent: number | null; from: 'check' | 'evidence' } | null;
  shortfalls: Shortfall[];
  notes: string[];
  evidence: ItemEvidence;
  /**
   * agrees / mismatch (the two disagreements above) / drift (Not Started, partly done) / unmeasured /
   * partly-measurable (the number rests on a small part of what the item names: never a mismatch).
   */
  verdict: 'agrees' | 'mismatch' | 'drift' | 'unmeasured' | 'partly-measurable';
  /** One sentence for the page, e.g. `Says Not Started, but measures 100% (6 of 6).` */
  summary: string;
}

export interface CheckRoadmapOptions {
  fileExists: (path: string) => boolean;
  changedSince: (path: string, isoDate: string) => boolean | null;
  /** `roadmap.checks` from the configuration: item id -> check name. */
  checksConfig?: Readonly<Record<string, string>>;
}



/**
 * Not Started with files it says to create already there is a disagreement, not drift: those
 * files are work on the item itself, whereas a check's partial count may include objects that
 * were already fine on the day the item was written (`5 of 9 lack it`).
 */
function verdictOf(declared: RoadmapStatus, done: number, total: number, created: number): ItemCheckResult['verdict'] {
  if (total === 0) return 'unmeasured';
  if (declared === 'completed' && done < total) return 'mismatch';
  if ((declared === 'not-started' || declared === 'blocked') && done === total) return 'mismatch';
  if (declared === 'not-started' && created > 0) return 'mismatch';
  if (declared === 'not-started' && done > 0) return 'drift';
  return 'agrees';
}

function measureItem(item: RoadmapItem, model: RepoModel, opts: CheckRoadmapOptions, date: string | null, findings: Finding[]): ItemCheckResult {
  const evidence = itemEvidence(item, { fileExists: opts.fileExists, changedSince: opts.changedSince, files: model.files, date });
  const link = linkCheck(item, opts.checksConfig ?? {});
  let check: ItemCheckResult['check'] = null;
  let measured: ItemCheckResult['measured'] = null;
  let shortfalls: Shortfall[] = [];
  let notes: string[] = [];
  let thin: string | null = null;
  if (link && 'unknown' in link) {
    const where = link.linkedBy === 'item' ? 'its **Check** line' : 'the roadmap.checks configuration';
    findings.push(finding('ROADMAP_UNKNOWN_CHECK', 'warning', `Roadmap item ${item.id} names check "${link.unknown}" in ${where}, but no check has that name.`, item.source, { area: 'roadmap' }));
  } else if (link) {
    // An item that names a file of an archive folder is measured against it, as it stands.
    const archivedNamed = [...item.files, ...item.filesToCreate, ...item.filesToUpdate].some((ref) => model.files.some((f) => f.path === ref.path && f.archived !== undefined));
    const out = link.check.run({ item, model: archivedNamed ? model : deployedModel(model), repo: model });
    check = { name: link.check.name, description: link.check.description, linkedBy: link.linkedBy };
    measured = { ...out.measured, percent: percentOf(out.measured.done, out.measured.total), from: 'check' };
    shortfalls = out.shortfalls;
    notes = out.notes;
    thin = out.thin ?? null;
  }
  if (measured === null && evidence.progress !== null) {
    measured = { ...evidence.progress, percent: percentOf(evidence.progress.done, evidence.progress.total), from: 'evidence' };
  }
  const declared = item.status.value;
  const created = evidence.create.filter((e) => e.exists).length;
  const says = `Says ${STATUS_WORDS[declared]}`;
  const measures = measured && measured.total > 0 ? `${measured.percent}% (${measured.done} of ${measured.total}${measured.from === 'evidence' ? ', from files and checkboxes' : ''})` : null;
  const verdict = measured === null ? 'unmeasured' : thin !== null && measures !== null ? 'partly-measurable' : verdictOf(declared, measured.done, measured.total, created);
  const summary =
    measures === null
      ? `${says}; nothing in the repository measures it.`
      : verdict === 'partly-measurable'
        ? `${says}; only partly measurable (${thin}): measures ${measures}.`
        : verdict === 'mismatch' || verdict === 'drift'
          ? `${says}, but measures ${measures}${createdNote(declared, created, evidence.create.length, measured)}.`
          : `${says}; measures ${measures}.`;
  if (verdict === 'mismatch') {
    findings.push(finding('ROADMAP_STATUS_MISMATCH', 'warning', `Roadmap item ${item.id}: ${summary}`, item.source, { area: 'roadmap' }));
  } else if (verdict === 'drift') {
    findings.push(finding('ROADMAP_STATUS_DRIFT', 'info', `Roadmap item ${item.id}: ${summary} Mark it In Progress?`, item.source, { area: 'roadmap' }));
  }
  return { itemId: item.id, slug: item.slug, declared, check, measured, shortfalls, notes, evidence, verdict, summary };
}

/** `; 2 of the 4 files it says to create already exist` where that is news beside the numbers. */
function createdNote(declared: RoadmapStatus, created: number, total: number, measured: ItemCheckResult['measured']): string {
  if (declared !== 'not-started' || created === 0 || measured === null || measured.from === 'evidence' || measured.done === measured.total) return '';
  return created === total
    ? `; every file it says to create already exists`
    : `; ${created} of the ${total} files it says to create already exist`;
}

/** Measure every item of the roadmap against the repository model. Pure: I/O is injected. */
export function checkRoadmap(roadmap: Roadmap, model: RepoModel, opts: CheckRoadmapOptions): { result: ItemCheckResult[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const result = roadmap.items.map((item) => measureItem(item, model, opts, roadmap.date, findings));
  return { result, findings };
}
