import { plainWords } from './fields.ts';
import { cleanHeading } from './item.ts';
import type { ScannedLine } from './lines.ts';

/**
 * Splits a roadmap into its top-level sections and tells what each one is from the words of its
 * title (never its emoji): items, a plan, a progress block, a summary of completed work, deep
 * dives, notes (lists, deferred decisions), the analysis queue, or text shown as written.
 */

type SectionKind = 'items' | 'plan' | 'progress' | 'summary' | 'deep-dives' | 'notes' | 'queue';

export interface Section {
  /** Heading line, or null for the preamble before the first section. */
  heading: ScannedLine | null;
  title: string;
  kind: SectionKind;
  level: number;
  lines: ScannedLine[];
}

function sectionKind(title: string, lines: readonly ScannedLine[]): SectionKind {
  const t = plainWords(title).toLowerCase();
  if (/\bsummary\b/.test(t) && /\b(complet\w*|done|accomplish\w*)\b/.test(t)) return 'summary';
  if (/^progress\b|\bprogress tracking\b|\btracking\b|\bmetrics\b|\bstatistics\b/.test(t)) return 'progress';
  if (/deep.?dives?|\bto analy[sz]e\b|\banalysis topics\b|\binvestigations?\b/.test(t)) return 'deep-dives';
  if (/\b(analysis|review|research) queue\b|^queue\b|\bbacklog of (deep dives|analys[ie]s)\b/.test(t)) return 'queue';
  if (/\bplan\b|\bschedule\b|\btimeline\b|\bmilestones\b|\bsprints?\b/.test(t)) return 'plan';
  if (/\bnotes?\b|\bqueue\b|\bdeferred\b|\bnon.goals?\b|\bdecisions\b|\breferences?\b|\bresources\b|\bappendix\b|\bglossary\b|\bbackground\b|\bcontact\b|\babout\b|\blinks\b/.test(t))
    return 'notes';
  // A section whose title says nothing, but which holds a bare "Completion Rate" line, is a progress block.
  const flat = !lines.some((l) => l.kind === 'heading');
  if (flat && lines.some((l) => l.kind === 'text' && /completion rate/i.test(l.text.slice(0, 200)))) return 'progress';
  return 'items';
}

/**
 * The section level is the shallowest heading level below the document title (a lone first `#`),
 * so both `## Section / ### Item` and `# Section / ## Item` roadmaps split the same way.
 */
export function splitSections(lines: readonly ScannedLine[]): { title: ScannedLine | null; preamble: ScannedLine[]; sections: Section[] } {
  const headings = lines.filter((l) => l.kind === 'heading');
  const first = headings[0];
  const title = first && first.level === 1 && !headings.slice(1).some((h) => h.level === 1) ? first : null;
  let level = 7;
  for (const h of headings) if (h !== title && h.level < level) level = h.level;
  const preamble: ScannedLine[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const l of lines) {
    if (l === title) continue;
    if (l.kind === 'heading' && l.level === level) {
      current = { heading: l, title: cleanHeading(l.heading), kind: 'items', level, lines: [] };
      sections.push(current);
      continue;
    }
    if (current) current.lines.push(l);
    else preamble.push(l);
  }
  for (const s of sections) s.kind = sectionKind(s.title, s.lines);
  return { title, preamble, sections };
}

/**
 * Inside an items section, sub-sections one level down whose title says what they are (a plan,
 * a progress block ...) are read as such: `# Roadmap` documents with several `#` parts nest the
 * seed's `##` sections one level deeper. Returns the lines left to the items flow and the
 * sub-sections, in document order of their first line.
 */
export function splitSubsections(sec: Section): { rest: ScannedLine[]; subsections: Section[] } {
  const rest: ScannedLine[] = [];
  const subsections: Section[] = [];
  let current: Section | null = null;
  for (const l of sec.lines) {
    if (l.kind === 'heading' && l.level <= sec.level + 1) {
      current = null;
      if (l.level === sec.level + 1) {
        const title = cleanHeading(l.heading);
        const kind = sectionKind(title, []);
        if (kind !== 'items') {
          current = { heading: l, title, kind, level: l.level, lines: [] };
          subsections.push(current);
          continue;
        }
      }
    }
    if (current) current.lines.push(l);
    else rest.push(l);
  }
  return { rest, subsections };
}
