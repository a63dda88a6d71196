import { finding, type Finding } from '../../model/finding.ts';
import type { CompletedItem, DeepDive, Roadmap, RoadmapNote } from '../../model/roadmap.ts';
import { completedContext, completedItem, isCompletedHeading, parseSummary, withGroup, type CompletedContext } from './completed.ts';
import { parseDeepDive } from './deep-dive.ts';
import { emptyDeclared, readDeclaredLine } from './declared.ts';
import { normalisePriority } from './fields.ts';
import { itemHeading, parseItem } from './item.ts';
import { bodyOf, dateIn, fieldOf, scanLines, type ScannedLine } from './lines.ts';
import { repairMojibake } from './mojibake.ts';
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

function readSection(s: State, sec: Section): void {
  const loose: ScannedLine[] = [];
  if (sec.heading) mark(s, [sec.heading]);
  const asItem = sec.heading ? itemHeading(sec.heading.heading) : null;
  if (asItem && sec.heading) {
    s.roadmap.items.push(parseItem({ ...asItem, heading: sec.heading, lines: sec.lines, file: s.file, section: null, sectionPriority: null }));
    mark(s, sec.lines);
    return;
  }
  if (sec.kind === 'notes') {
    s.roadmap.notes.push(note(s, sec, sec.lines));
    mark(s, sec.lines);
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

function parseUnsafe(text: string, file: string): { result: Roadmap; findings: Finding[] } {
  const { text: repairedText, repaired } = repairMojibake(text);
  const lines = scanLines(repairedText);
  const s: State = { file, understood: new Uint8Array(lines.length + 2), roadmap: emptyRoadmap(file) };
  s.roadmap.repairedMojibake = repaired;
  const { title, preamble, sections } = splitSections(lines);
  if (title) {
    s.roadmap.title = title.heading.replace(/^[^\p{L}\p{N}]+/u, '').trim() || title.heading;
    mark(s, [title]);
  }
  readPreamble(s, preamble);
  for (const sec of sections) readSection(s, sec);
  for (const l of lines) if (l.kind !== 'text') mark(s, [l]);
  s.roadmap.unparsedLines = lines.filter((l) => !s.understood[l.n]).map((l) => l.n);
  return { result: s.roadmap, findings: roadmapFindings(s.roadmap, lines.length) };
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
