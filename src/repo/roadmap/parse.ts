import { finding, type Finding } from '../../model/finding.ts';
import type { CompletedItem, DeepDive, OutlineEntry, Roadmap, RoadmapNote } from '../../model/roadmap.ts';
import { completedContext, completedItem, isCompletedHeading, parseSummary, withGroup, type CompletedContext } from './completed.ts';
import { parseDeepDive } from './deep-dive.ts';
import { emptyDeclared, readDeclaredLine } from './declared.ts';
import { normalisePriority } from './fields.ts';
import { itemHeading, parseItem } from './item.ts';
import { bodyOf, dateIn, fieldOf, scanLines, type ScannedLine } from './lines.ts';
import { repairMojibake } from './mojibake.ts';
import { parseNotes, parseQueue } from './notes.ts';
import { parsePlan } from './plan.ts';
import { splitSections, splitSubsections, type Section } from './sections.ts';
import { roadmapFindings } from './parse-findings.ts';

/**
 * `parseRoadmap(text, file)`: the whole roadmap in one linear pass over its lines. The seed format
 * (ids in headings, fields, a completed list, a summary, a week plan, deep dives, a progress block)
 * is read fully; any other shape gets what its headings and checkboxes allow, and the lines that
 * were not understood are listed in a ROADMAP_UNPARSED finding. Never throws on user input.
 */

interface State {
  file: string;
  understood: Uint8Array;
  roadmap: Roadmap;
}

function emptyRoadmap(file: string): Roadmap {
  return {
    file,
    title: null,
    date: null,
    meta: [],
    items: [],
    completed: [],
    completedSummary: [],
    plan: [],
    deepDives: [],
    declared: emptyDeclared(),
    notes: [],
    outline: [],
    notesSections: [],
    decisions: [],
    analysisQueue: null,
    nextReview: null,
    generatedBlock: null,
    repairedMojibake: 0,
    unparsedLines: [],
  };
}

function mark(s: State, lines: readonly ScannedLine[] | number[]): void {
  for (const l of lines) s.understood[typeof l === 'number' ? l : l.n] = 1;
}

/** Lines of an item or topic: until the next heading at its level or above. */
function blockEnd(lines: readonly ScannedLine[], start: number, level: number): number {
  let j = start + 1;
  while (j < lines.length && !(lines[j]!.kind === 'heading' && lines[j]!.level <= level)) j++;
  return j;
}

function readItems(s: State, sec: Section, loose: ScannedLine[]): void {
  const lines = sec.lines;
  const sectionPriority = normalisePriority(sec.title);
  let completed: { level: number; ctx: CompletedContext } | null = null;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const item = l.kind === 'heading' ? itemHeading(l.heading) : null;
    if (item && sec.kind !== 'deep-dives' && sec.kind !== 'summary') {
      const end = blockEnd(lines, i, l.level);
      const body = lines.slice(i + 1, end);
      s.roadmap.items.push(parseItem({ ...item, heading: l, lines: body, file: s.file, section: sec.title, sectionPriority }));
      mark(s, lines.slice(i, end));
      i = end;
      continue;
    }
    if (l.kind === 'heading') {
      mark(s, [l]);
      if (completed && l.level <= completed.level) completed = null;
      if (completed) completed.ctx = withGroup(completed.ctx, l.heading);
      else if (isCompletedHeading(l.heading)) completed = { level: l.level, ctx: completedContext(l.heading) };
      loose.push(l);
      i++;
      continue;
    }
    const done: CompletedItem | null = completed && l.kind === 'text' ? completedItem(l, completed.ctx, s.file) : null;
    if (done) {
      s.roadmap.completed.push(done);
      mark(s, [l]);
    } else loose.push(l);
    i++;
  }
}

function readDeepDives(s: State, sec: Section, loose: ScannedLine[]): void {
  const lines = sec.lines;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.kind === 'heading' && !itemHeading(l.heading)) {
      const end = blockEnd(lines, i, l.level);
      const topic: DeepDive = parseDeepDive(l, lines.slice(i + 1, end), s.file);
      s.roadmap.deepDives.push(topic);
      mark(s, lines.slice(i, end));
      i = end;
      continue;
    }
    loose.push(l);
    i++;
  }
}

/** What the section turned out to hold: `other` when an items section held nothing but text. */
function outlineKind(s: State, sec: Section, before: Counts): OutlineEntry['kind'] {
  if (sec.kind !== 'items') return sec.kind;
  const now = counts(s);
  const found = now.items > before.items || now.completed > before.completed || now.plan > before.plan || now.summary > before.summary || now.deepDives > before.deepDives;
  return found ? 'items' : 'other';
}

type Counts = Record<'items' | 'completed' | 'plan' | 'summary' | 'deepDives', number>;
const counts = (s: State): Counts => ({
  items: s.roadmap.items.length,
  completed: s.roadmap.completed.length,
  plan: s.roadmap.plan.length,
  summary: s.roadmap.completedSummary.length,
  deepDives: s.roadmap.deepDives.length,
});

function readSection(s: State, sec: Section): void {
  const before = counts(s);
  const entry: OutlineEntry = { title: sec.title, kind: sec.kind, line: sec.heading?.n ?? 1, level: sec.level };
  s.roadmap.outline.push(entry);
  readSectionBody(s, sec);
  entry.kind = outlineKind(s, sec, before);
}

function readSectionBody(s: State, sec: Section): void {
  const loose: ScannedLine[] = [];
  if (sec.heading) mark(s, [sec.heading]);
  const asItem = sec.heading ? itemHeading(sec.heading.heading) : null;
  if (asItem && sec.heading) {
    s.roadmap.items.push(parseItem({ ...asItem, heading: sec.heading, lines: sec.lines, file: s.file, section: null, sectionPriority: null }));
    mark(s, sec.lines);
    return;
  }
  if (sec.kind === 'notes') {
    const line = sec.heading?.n ?? 1;
    const { notes, decisions, understood } = parseNotes(sec.title, line, sec.lines, s.file);
    for (const d of decisions) s.roadmap.decisions.push(d);
    const read = new Set(understood);
    // Lists only: shown as lists; anything else (prose, tables): shown as the author wrote it.
    if (notes.groups.length > 0 && sec.lines.every((l) => l.kind !== 'text' || read.has(l.n))) s.roadmap.notesSections.push(notes);
    else s.roadmap.notes.push(note(s, sec, sec.lines));
    mark(s, sec.lines);
    return;
  }
  if (sec.kind === 'queue') {
    const { queue, understood } = parseQueue(sec.title, sec.heading?.n ?? 1, sec.lines, s.file);
    if (s.roadmap.analysisQueue === null) s.roadmap.analysisQueue = queue;
    else s.roadmap.notes.push(note(s, sec, sec.lines));
    mark(s, understood);
    mark(s, sec.lines.filter((l) => l.kind !== 'text'));
    return;
  }
  if (sec.kind === 'summary') {
    const { summary, understood } = parseSummary(sec.lines, sec.level, s.file);
    for (const x of summary) s.roadmap.completedSummary.push(x);
    mark(s, understood);
    for (const l of sec.lines) if (!s.understood[l.n]) loose.push(l);
  } else if (sec.kind === 'progress') {
    for (const l of sec.lines) {
      if (l.kind === 'text' && readDeclaredLine(l, s.roadmap.declared)) mark(s, [l]);
      else loose.push(l);
    }
  } else if (sec.kind === 'deep-dives') readDeepDives(s, sec, loose);
  else {
    const { rest, subsections } = splitSubsections(sec);
    readItems(s, { ...sec, lines: rest }, loose);
    for (const sub of subsections) readSection(s, sub);
  }

  // Checkboxes outside items: the plan (or, in another shape, the best structure there is).
  const line = sec.heading?.n ?? 1;
  const { plan, understood } = parsePlan(loose, sec.title, line, s.file);
  for (const p of plan) s.roadmap.plan.push(p);
  mark(s, understood);
  for (const l of loose) if (l.kind !== 'text') mark(s, [l]);
  const left = loose.filter((l) => l.kind === 'text' && !s.understood[l.n]);
  if (left.length > 0) s.roadmap.notes.push(note(s, sec, loose));
}

function note(s: State, sec: Section, lines: readonly ScannedLine[]): RoadmapNote {
  return { title: sec.title, body: bodyOf(lines), source: { file: s.file, line: sec.heading?.n ?? 1, col: 1 } };
}

function readPreamble(s: State, preamble: readonly ScannedLine[]): void {
  for (const l of preamble) {
    if (l.kind !== 'text') {
      mark(s, [l]);
      continue;
    }
    const field = fieldOf(l.text);
    if (field) s.roadmap.meta.push({ ...field, line: l.n });
    readDeclaredLine(l, s.roadmap.declared);
  }
  // Prose before the first section is an introduction, shown as text: nothing to understand.
  mark(s, preamble);
  const intro = preamble.filter((l) => l.kind !== 'text' || !fieldOf(l.text));
  if (intro.some((l) => l.kind === 'text')) s.roadmap.notes.unshift({ title: 'Introduction', body: bodyOf(intro), source: { file: s.file, line: intro[0]!.n, col: 1 } });
  const dated = s.roadmap.meta.find((f) => /updated|^date$/i.test(f.key)) ?? s.roadmap.meta.find((f) => /date/i.test(f.key));
  s.roadmap.date = dated ? dateIn(dated.value) : null;
}

/**
 * Closing metadata: `**Key**: value` lines after the document's last rule (`---`), with nothing
 * else after it (`**Next Review Date**: 2025-12-01`). They join the header fields in `meta` and
 * leave the last section, so it is not read as part of the analysis queue or the notes.
 */
function readFooter(s: State, lines: ScannedLine[]): ScannedLine[] {
  // The fields may sit at the very end, or just before a block GitOps Atlas appended.
  const begin = lines.findIndex((l) => l.kind === 'text' && MARKER_RE.exec(l.text)?.[1] === 'BEGIN');
  for (const end of begin >= 0 ? [lines.length, begin] : [lines.length]) {
    let rule = end - 1;
    while (rule >= 0 && lines[rule]!.kind !== 'rule') rule--;
    if (rule < 0) continue;
    const after = lines.slice(rule + 1, end).filter((l) => l.kind !== 'blank');
    if (after.length === 0 || after.length > 20 || !after.every((l) => l.kind === 'text' && fieldOf(l.text))) continue;
    for (const l of after) s.roadmap.meta.push({ ...fieldOf(l.text)!, line: l.n });
    mark(s, lines.slice(rule, end));
    return [...lines.slice(0, rule), ...lines.slice(end)];
  }
  return lines;
}

const COMMENT_RE = /^\s{0,3}<!--.*-->\s*$/;
const MARKER_RE = /^\s{0,3}<!--\s*(BEGIN|END) ATLAS\s*-->\s*$/;

/** HTML comments on a line of their own are the author's (or our markers): understood, not shown. */
function readComments(s: State, lines: ScannedLine[]): ScannedLine[] {
  let begin: number | null = null;
  const out: ScannedLine[] = [];
  for (const l of lines) {
    if (l.kind === 'text' && COMMENT_RE.test(l.text)) {
      const m = MARKER_RE.exec(l.text);
      if (m?.[1] === 'BEGIN') begin = l.n;
      else if (m?.[1] === 'END' && begin !== null && s.roadmap.generatedBlock === null) s.roadmap.generatedBlock = { start: begin, end: l.n };
      mark(s, [l]);
      continue;
    }
    out.push(l);
  }
  return out;
}

function parseUnsafe(text: string, file: string): { result: Roadmap; findings: Finding[] } {
  const { text: repairedText, repaired } = repairMojibake(text);
  const all = scanLines(repairedText);
  const s: State = { file, understood: new Uint8Array(all.length + 2), roadmap: emptyRoadmap(file) };
  s.roadmap.repairedMojibake = repaired;
  const lines = readComments(s, readFooter(s, all));
  const { title, preamble, sections } = splitSections(lines);
  if (title) {
    s.roadmap.title = title.heading.replace(/^[^\p{L}\p{N}]+/u, '').trim() || title.heading;
    mark(s, [title]);
  }
  readPreamble(s, preamble);
  for (const sec of sections) readSection(s, sec);
  for (const l of all) if (l.kind !== 'text') mark(s, [l]);
  s.roadmap.meta.sort((a, b) => a.line - b.line);
  const review = s.roadmap.meta.find((f) => /\bnext review\b|\breview (date|by|on)\b/i.test(f.key));
  s.roadmap.nextReview = review ? dateIn(review.value) : null;
  s.roadmap.unparsedLines = all.filter((l) => !s.understood[l.n]).map((l) => l.n);
  return { result: s.roadmap, findings: roadmapFindings(s.roadmap, all.length) };
}

/** Parse a roadmap. `file` is the repo-relative POSIX path, used in every source and finding. */
export function parseRoadmap(text: string, file: string): { result: Roadmap; findings: Finding[] } {
  try {
    return parseUnsafe(text, file);
  } catch (error) {
    // A bug of ours must not stop the site: report it against the file and go on.
    const message = error instanceof Error ? error.message : String(error);
    return {
      result: emptyRoadmap(file),
      findings: [finding('ROADMAP_PARSER_ERROR', 'error', `The roadmap parser failed (${message}); please report this.`, { file, line: 1, col: 1 }, { area: 'roadmap' })],
    };
  }
}
