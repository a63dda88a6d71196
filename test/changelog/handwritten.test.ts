import { describe, expect, it } from 'vitest';
import { parseHandwrittenChangelog } from '../../src/analysis/changelog/handwritten.ts';
import { mergeGenerated } from '../../src/markdown/markers.ts';

const changelog = `# Changelog

Notes on the cluster, newest first.

<!-- BEGIN ATLAS -->
## Week 2026-W34 (from 2026-08-17)

- generated line that must not be read back
<!-- END ATLAS -->

## 2026-08-20

- Moved Plex to the new GPU node
  because the old one overheats
- fix: Longhorn backups target the NAS again

### Added
- Paperless with OCR
* Immich

## 2026-08-18 (maintenance)

- Replaced the UPS battery

## Someday

- not dated, not in the changelog
`;

describe('parseHandwrittenChangelog', () => {
  const { entries, findings } = parseHandwrittenChangelog(changelog, 'CHANGELOG.md');

  it('reads dated bullets with their line, joins continuation lines, skips the generated block', () => {
    expect(entries.map((e) => [e.day, e.subject, e.source?.line])).toEqual([
      ['2026-08-20', 'Moved Plex to the new GPU node because the old one overheats', 13],
      ['2026-08-20', 'fix: Longhorn backups target the NAS again', 15],
      ['2026-08-20', 'Paperless with OCR', 18],
      ['2026-08-20', 'Immich', 19],
      ['2026-08-18', 'Replaced the UPS battery', 23],
    ]);
    expect(entries.every((e) => e.handwritten && e.sha === null && e.files.length === 0)).toBe(true);
    expect(entries.some((e) => e.subject.includes('generated'))).toBe(false);
  });

  it('takes the kind from a ### section, else from the bullet wording', () => {
    expect(entries.map((e) => e.kind)).toEqual(['other', 'fix', 'feature', 'feature', 'other']);
  });

  it('reports a heading that is not a date, and an unclosed marker', () => {
    expect(findings).toEqual([
      expect.objectContaining({ code: 'CHANGELOG_HEADING_NOT_A_DATE', severity: 'warning', source: { file: 'CHANGELOG.md', line: 25, col: 1 } }),
    ]);
    const unclosed = parseHandwrittenChangelog('## 2026-01-02\n- a\n<!-- BEGIN ATLAS -->\n- b\n');
    expect(unclosed.entries.map((e) => e.subject)).toEqual(['a']);
    expect(unclosed.findings.map((f) => f.code)).toEqual(['CHANGELOG_MARKER_UNCLOSED']);
    expect(parseHandwrittenChangelog('## 2026-02-30\n- impossible day\n').findings[0]?.code).toBe('CHANGELOG_HEADING_NOT_A_DATE');
    expect(parseHandwrittenChangelog('- early\n- bullets\n').findings.map((f) => f.code)).toEqual(['CHANGELOG_BULLET_WITHOUT_DATE']);
  });

  it('replaces only the generated block through the marker merge, leaving hand-written text byte for byte', () => {
    const merged = mergeGenerated(changelog, 'NEW\n', 'CHANGELOG.md');
    const updated = merged.text!;
    expect(updated).toContain('NEW');
    expect(updated).not.toContain('generated line');
    expect(updated.slice(0, changelog.indexOf('<!-- BEGIN'))).toBe(changelog.slice(0, changelog.indexOf('<!-- BEGIN')));
    expect(updated.endsWith(changelog.slice(changelog.indexOf('<!-- END ATLAS -->') + 19))).toBe(true);
    expect(parseHandwrittenChangelog(updated).entries).toHaveLength(5);
  });
});
