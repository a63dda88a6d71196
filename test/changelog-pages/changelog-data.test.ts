import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { ChangelogEntry } from '../../src/model/changelog-entry.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { categoriesOf, headline } from '../../src/components/changelog/entry-view.ts';
import { changelogExport, type ChangelogData } from '../../src/lib/export/changelog-md.ts';
import { invalidateAtlas } from '../../src/loaders/atlas-data.ts';
import { siteAtlas } from '../../src/integration/atlas-provider.ts';
import { computeChangelog } from '../../src/pipeline/changelog.ts';
import { readChangelogInputs } from '../../src/repo/changelog-read.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { CHANGELOG, hasGit, makeFixtureRepo } from './git-repo-fixture.ts';

const bySubject = (data: ChangelogData, subject: string): ChangelogEntry => {
  const entry = data.changelog.entries.find((e) => e.subject === subject);
  if (!entry) throw new Error(`no entry "${subject}" in ${data.changelog.entries.map((e) => e.subject).join(' | ')}`);
  return entry;
};

describe.runIf(hasGit)('the changelog of a fixture git repository in a sub-folder', () => {
  let top = '';
  let repo = '';
  let model: RepoModel;
  let data: ChangelogData;

  beforeAll(async () => {
    ({ top, repo } = makeFixtureRepo());
    const config = loadConfig(repo);
    model = (await scanRepo(repo, config)).model;
    data = await computeChangelog({ repoRoot: repo, model, config });
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('reads the history and groups it by ISO week, newest first', () => {
    expect(data.available).toBe(true);
    expect(data.head).toMatch(/^[0-9a-f]{40}$/);
    expect(data.findings.filter((f) => f.code === 'NO_GIT_HISTORY')).toEqual([]);
    expect(data.changelog.byWeek.map((w) => [w.week, w.start])).toEqual([
      ['2024-W11', '2024-03-11'],
      ['2024-W10', '2024-03-04'],
    ]);
  });

  it('puts the hand-written bullet beside the commit of the same day, after it, marked hand-written', () => {
    const w10 = data.changelog.byWeek[1]!.entries.map((e) => [e.day, e.handwritten, e.subject]);
    expect(w10).toEqual([
      ['2024-03-06', false, 'fix(container): update image ghcr.io/jellyfin/jellyfin ( 10.10.3 → 10.10.4 )'],
      ['2024-03-06', true, 'Upgraded jellyfin after testing `10.10.4` on staging'],
      ['2024-03-04', false, 'feat(media): add jellyfin'],
    ]);
    const handwritten = data.changelog.entries.find((e) => e.handwritten)!;
    expect(handwritten.source).toEqual({ file: 'CHANGELOG.md', line: 9, col: 1 });
    expect(categoriesOf(handwritten)).toContain('handwritten');
    expect(data.handwrittenFile).toBe('CHANGELOG.md');
  });

  it('leaves out the generated block of CHANGELOG.md and commits outside the sub-folder', () => {
    const subjects = data.changelog.entries.map((e) => e.subject);
    expect(subjects).not.toContain('generated bullet that must not be read');
    expect(subjects).not.toContain('docs: unrelated');
    expect(data.changelog.stats.commits).toBe(4);
  });

  it('says updates in words people use, with the chart name from the model, not the folder', () => {
    const renovate = bySubject(data, 'fix(container): update image ghcr.io/jellyfin/jellyfin ( 10.10.3 → 10.10.4 )');
    expect(renovate.renovate?.isRenovate).toBe(true);
    expect(renovate.apps).toEqual(['media/jellyfin']);
    expect(headline(renovate)).toBe('jellyfin image 10.10.3 → 10.10.4');
    expect(categoriesOf(renovate)[0]).toBe('update');
    const tidy = bySubject(data, 'chore: tidy');
    expect(headline(tidy)).toBe('chart app-template 3.5.1 → 3.6.0');
    expect(categoriesOf(tidy)).toEqual(['update']);
  });

  it('files app additions and disabling under apps', () => {
    const added = bySubject(data, 'feat(media): add jellyfin');
    expect(added.appEvents.map((e) => [e.app, e.event])).toEqual([['media/jellyfin', 'added']]);
    expect(categoriesOf(added)).toEqual(['apps', 'feature']);
    const disabled = bySubject(data, 'chore(media): disable jellyfin for now');
    expect(disabled.appEvents.map((e) => [e.app, e.event])).toEqual([['media/jellyfin', 'disabled']]);
    expect(categoriesOf(disabled)[0]).toBe('apps');
  });

  it('reads git once per scanned model (memoised) and again for a new scan', async () => {
    const config = loadConfig(repo);
    const a = readChangelogInputs(repo, model.files, config.changelog);
    expect(readChangelogInputs(repo, model.files, config.changelog)).toBe(a);
    expect(readChangelogInputs(repo, [...model.files], config.changelog)).not.toBe(a);
  });

  it("the site's Atlas of a repository carries its changelog, read once per scan", async () => {
    const settings = { repo, overrides: {}, devCache: false };
    invalidateAtlas(settings);
    try {
      const first = (await siteAtlas(settings)).changelog;
      expect(first.changelog.byWeek.map((w) => w.week)).toEqual(['2024-W11', '2024-W10']);
      // An equal copy of the settings (what the virtual module gives a page) shares the scan.
      expect((await siteAtlas({ ...settings, overrides: {} })).changelog).toBe(first);
    } finally {
      invalidateAtlas(settings);
    }
  });

  it('exports the generated CHANGELOG.md block with the updates in it', async () => {
    const out = await changelogExport(repo, model, loadConfig(repo));
    expect(out.file).toBe('CHANGELOG.md');
    // The block itself carries no markers: the marker merge of `atlas export` writes them.
    expect(out.generated).not.toMatch(/^<!-- (BEGIN|END) ATLAS -->$/m);
    expect(out.generated).toContain('## Week 2024-W11 (from 2024-03-11)');
    expect(out.generated).toContain('app-template 3.5.1 → 3.6.0');
    expect(out.generated).not.toContain('Upgraded jellyfin after testing');
  });
});

describe('the changelog without git history', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-changelog-nogit-'));
    writeFileSync(join(dir, 'changelog.md'), CHANGELOG);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = [{ path: 'changelog.md', kind: 'markdown' as const, size: CHANGELOG.length }];
  const config = { changelog: { maxCommits: 500, maxAgeDays: 365 } };

  it.each([
    ['a folder that is not a git work tree', {}],
    ['a machine without git', { gitBinary: join(tmpdir(), 'no-such-git-binary') }],
  ])('%s gives available: false, a NO_GIT_HISTORY finding and the hand-written entries', async (_name, options) => {
    // GIT_CEILING_DIRECTORIES keeps git from finding a work tree above the temporary folder.
    const saved = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = tmpdir();
    try {
      const data = await computeChangelog({ repoRoot: dir, model: { files, apps: [] }, config }, options);
      expect(data.available).toBe(false);
      expect(data.head).toBeNull();
      expect(data.findings.map((f) => [f.code, f.severity, f.source.file])).toEqual([['NO_GIT_HISTORY', 'info', '.']]);
      expect(data.handwrittenFile).toBe('changelog.md');
      expect(data.changelog.byWeek.map((w) => [w.week, w.entries.map((e) => e.subject)])).toEqual([
        ['2024-W10', ['Upgraded jellyfin after testing `10.10.4` on staging']],
      ]);
    } finally {
      if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = saved;
    }
  });

  it('is empty, not broken, without git and without CHANGELOG.md', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'atlas-changelog-empty-'));
    try {
      const data = await computeChangelog({ repoRoot: empty, model: { files: [], apps: [] }, config }, { gitBinary: join(tmpdir(), 'no-such-git-binary') });
      expect(data.changelog.entries).toEqual([]);
      expect(data.handwrittenFile).toBeNull();
      expect(data.findings.map((f) => f.code)).toEqual(['NO_GIT_HISTORY']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
