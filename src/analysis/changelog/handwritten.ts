import type { ChangeKind, ChangelogEntry } from '../../model/changelog-entry.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { fileSource } from '../../model/source.ts';
import { classifySubject } from './classify.ts';

import { ATLAS_BEGIN, ATLAS_END } from '../../markdown/markers.ts';

/** Markers around the generated block: what sits between them is ours and is never read back. */
const BEGIN_MARKER = ATLAS_BEGIN;
const END_MARKER = ATLAS_END;

/** `### Added` style subsections (Keep a Changelog) say the kind better than the bullet's wording. */
const sectionKind: Record<string, ChangeKind> = {
  added: 'feature',
  features: 'feature',
  feature: 'feature',
  fixed: 'fix',
  fixes: 'fix',
  security: 'fix',
  changed: 'other',
  removed: 'other',
  deprecated: 'other',
  updates: 'update',
  updated: 'update',
  docs: 'docs',
  documentation: 'docs',
};

/**
 * Parse a hand-written CHANGELOG.md (`## YYYY-MM-DD` headings with bullet lists, optionally under
 * `### Section` subsections) into entries with `handwritten: true` and their line. Continuation
 * lines of a bullet join its text. Problems become findings; the parse never throws.
 */
export function parseHandwrittenChangelog(
  text: string,
  file = 'CHANGELOG.md',
): { entries: ChangelogEntry[]; findings: Finding[] } {
  const entries: ChangelogEntry[] = [];
  const findings: Finding[] = [];
  let day: string | null = null;
  let section: string | null = null;
  let inGenerated = false;
  let generatedStart = 0;
  let last: ChangelogEntry | null = null;
  let headingSeen = false;
  let orphanReported = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.includes(BEGIN_MARKER)) {
      inGenerated = true;
      generatedStart = lineNo;
      last = null;
      return;
    }
    if (line.includes(END_MARKER)) {
      inGenerated = false;
      return;
    }
    if (inGenerated) return;
    const heading = /^##\s(.*)$/.exec(line);
    if (heading && !line.startsWith('###')) {
      heading[1] = heading[1]!.trim();
      const date = /^\[?(\d{4})-(\d{2})-(\d{2})\]?\b/.exec(heading[1]);
      day = date && isRealDay(date[1]!, date[2]!, date[3]!) ? `${date[1]}-${date[2]}-${date[3]}` : null;
      if (!day) {
        findings.push(finding('CHANGELOG_HEADING_NOT_A_DATE', 'warning',
          `Heading "${heading[1]}" in ${file} is not a YYYY-MM-DD date; its bullets are not in the changelog.`,
          fileSource(file, lineNo), { area: 'changelog' }));
      }
      headingSeen = true;
      section = null;
      last = null;
      return;
    }
    const sub = /^###+\s(.*)$/.exec(line);
    if (sub) {
      section = sub[1]!.trim();
      last = null;
      return;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet && bullet[1]!.length < 2) {
      if (!day) {
        // Once, and only before the first `##`: under a bad date heading that heading was reported.
        if (!headingSeen && !orphanReported) {
          orphanReported = true;
          findings.push(finding('CHANGELOG_BULLET_WITHOUT_DATE', 'warning',
            `Bullet on line ${lineNo} of ${file} is not under a "## YYYY-MM-DD" heading; it is left out.`,
            fileSource(file, lineNo), { area: 'changelog' }));
        }
        return;
      }
      last = makeEntry(bullet[2]!.trim(), day, section, file, lineNo, bullet[1]!.length + 1);
      entries.push(last);
      return;
    }
    // An indented line continues the bullet above (nested bullets included, flattened).
    const current = last as ChangelogEntry | null;
    if (current && /^\s+\S/.test(line)) current.subject = `${current.subject} ${line.trim().replace(/^[-*+]\s+/, '')}`;
    else if (line.trim() === '') last = null;
  });
  if (inGenerated) {
    findings.push(finding('CHANGELOG_MARKER_UNCLOSED', 'warning',
      `${BEGIN_MARKER} on line ${generatedStart} of ${file} has no ${END_MARKER}; everything after it is treated as generated.`,
      fileSource(file, generatedStart), { area: 'changelog' }));
  }
  return { entries, findings };
}

function makeEntry(
  subject: string,
  day: string,
  section: string | null,
  file: string,
  line: number,
  col: number,
): ChangelogEntry {
  const classified = classifySubject(subject);
  const fromSection = section ? sectionKind[section.toLowerCase()] : undefined;
  return {
    sha: null,
    date: day,
    day,
    subject,
    kind: fromSection ?? classified.kind,
    conventional: classified.conventional,
    renovate: classified.renovate,
    files: [],
    apps: [],
    appEvents: [],
    bumps: [],
    handwritten: true,
    source: fileSource(file, line, col),
  };
}

function isRealDay(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}
