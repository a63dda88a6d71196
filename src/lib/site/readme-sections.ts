/**
 * Splits an app's hand-written README.md into what the page calls "Purpose" (the text before the
 * first notes-like heading, title line removed) and "Known issues and notes" (sections whose
 * headings say so), both kept verbatim. Pure string work: the caller has already stripped the
 * generated ATLAS block, so facts never appear twice.
 */
import { withoutPrivateKeys } from '../../model/credential-key.ts';

export interface ReadmeParts {
  /** Markdown of the intro, without a leading `# Title` line; '' when there is none. */
  purpose: string;
  /** 1-based line where the purpose text starts in the file. */
  purposeLine: number;
  notes: { heading: string; markdown: string }[];
}

/** Headings whose sections are operator notes rather than a description of the app. */
const NOTES_HEADING = /\b(known issues?|issues|notes?|caveats?|gotchas?|troubleshooting|todo|quirks?|warnings?)\b/i;

interface Section {
  heading: string | null;
  level: number;
  startLine: number;
  lines: string[];
}

/** ATX headings outside fenced code blocks. */
function sections(text: string): Section[] {
  const out: Section[] = [{ heading: null, level: 0, startLine: 1, lines: [] }];
  let fence: string | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === null ? f[1]![0]! : fence === f[1]![0] ? null : fence;
    const h = fence === null && !f ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (h) out.push({ heading: h[2]!, level: h[1]!.length, startLine: i + 1, lines: [] });
    else out[out.length - 1]!.lines.push(line);
  });
  return out;
}

const trimBlank = (lines: string[]): string => lines.join('\n').replace(/^\s*\n/, '').trimEnd();

export function splitReadme(written: string): ReadmeParts {
  // (A private key pasted into a README never reaches a page or an export.)
  const text = withoutPrivateKeys(written);
  const all = sections(text);
  const purposeLines: string[] = [];
  let purposeLine = 1;
  const notes: ReadmeParts['notes'] = [];
  let inNotes: { level: number; target: { heading: string; markdown: string } } | null = null;
  let titleSeen = false;
  for (const s of all) {
    if (s.heading !== null && inNotes && s.level > inNotes.level) {
      inNotes.target.markdown += `\n\n${'#'.repeat(s.level)} ${s.heading}\n${s.lines.join('\n')}`;
      continue;
    }
    inNotes = null;
    if (s.heading !== null && NOTES_HEADING.test(s.heading)) {
      const target = { heading: s.heading, markdown: s.lines.join('\n') };
      notes.push(target);
      inNotes = { level: s.level, target };
      continue;
    }
    if (s.heading !== null && s.level === 1 && !titleSeen && purposeLines.join('').trim() === '') {
      // The README's title repeats the app name the page already shows.
      titleSeen = true;
      purposeLine = s.startLine + 1;
      for (const l of s.lines) purposeLines.push(l);
      continue;
    }
    if (s.heading !== null) purposeLines.push(`${'#'.repeat(s.level)} ${s.heading}`);
    for (const l of s.lines) purposeLines.push(l);
  }
  for (const n of notes) n.markdown = trimBlank(n.markdown.split('\n'));
  const leadingBlank = purposeLines.findIndex((l) => l.trim() !== '');
  return {
    purpose: trimBlank(purposeLines),
    purposeLine: purposeLine + Math.max(0, leadingBlank),
    notes: notes.filter((n) => n.markdown.trim() !== ''),
  };
}
