/**
 * Issue 15, class 11: the hand-written changelog is also found at docs/CHANGELOG.md, and
 * `changelog.file` in atlas.config.yaml names another one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHandwrittenChangelog } from '../../src/analysis/changelog/handwritten.ts';
import { parseConfig } from '../../src/config/load.ts';
import { findChangelogPath, readChangelogText } from '../../src/repo/changelog-read.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/changelog-class11');

describe('hand-written changelog class 11', async () => {
  const { model } = await scanRepo(FIXTURE, parseConfig({}));

  it('reads docs/CHANGELOG.md when the root has none, and its dated entries keep their file and line', async () => {
    const { result, findings } = await readChangelogText(FIXTURE, model.files, parseConfig({}).changelog.file);
    expect(findings).toEqual([]);
    expect(result?.file).toBe('docs/CHANGELOG.md');
    const parsed = parseHandwrittenChangelog(result!.text, result!.file);
    expect(parsed.entries.map((e) => [e.date.slice(0, 10), e.subject, `${e.source?.file}:${e.source?.line}`])).toEqual([
      ['2026-03-02', 'Moved paperless to the new storage class.', 'docs/CHANGELOG.md:7'],
      ['2026-02-14', 'Plex transcoding volume was too small.', 'docs/CHANGELOG.md:12'],
    ]);
  });

  it('a root CHANGELOG.md wins over docs/, in any case', () => {
    expect(findChangelogPath([{ path: 'docs/CHANGELOG.md' }, { path: 'changelog.md' }])).toBe('changelog.md');
    expect(findChangelogPath([{ path: 'docs/changelog.md' }, { path: 'kubernetes/apps/x/CHANGELOG.md' }])).toBe('docs/changelog.md');
    expect(findChangelogPath([{ path: 'kubernetes/apps/x/CHANGELOG.md' }])).toBeNull();
  });

  it('changelog.file names another file; one the scan did not list is a finding, never a read outside', async () => {
    const config = parseConfig({ changelog: { file: 'notes/HISTORY.md' } });
    const { result } = await readChangelogText(FIXTURE, model.files, config.changelog.file);
    expect(result?.file).toBe('notes/HISTORY.md');
    expect(parseHandwrittenChangelog(result!.text, result!.file).entries.map((e) => e.subject)).toEqual(['Rebuilt the cluster on Talos.']);
    for (const file of ['notes/MISSING.md', '../../../../package.json']) {
      const missing = await readChangelogText(FIXTURE, model.files, file);
      expect(missing.result).toBeNull();
      expect(missing.findings.map((f) => [f.code, f.severity])).toEqual([['CHANGELOG_FILE_MISSING', 'warning']]);
    }
  });
});
