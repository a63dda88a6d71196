import { readdirSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChangelog } from '../../src/analysis/changelog/build.ts';
import type { AppDescriptor } from '../../src/analysis/changelog/attribute.ts';
import { corpusCommits, corpusDir, hasCorpus } from './corpus.ts';

/** App folders on disk: kubernetes/apps/<ns>/<app>/, the id being `<ns>/<app>`. */
function appsOnDisk(repoDir: string): AppDescriptor[] {
  const apps: AppDescriptor[] = [];
  const root = `${repoDir}/kubernetes/apps`;
  for (const ns of readdirSync(root).sort()) {
    if (!statSync(`${root}/${ns}`).isDirectory()) continue;
    for (const app of readdirSync(`${root}/${ns}`).sort()) {
      if (statSync(`${root}/${ns}/${app}`).isDirectory()) apps.push({ id: `${ns}/${app}`, dirs: [`kubernetes/apps/${ns}/${app}`] });
    }
  }
  return apps;
}

// The corpus is read in beforeAll, never while collecting: vitest runs the body of a skipped
// describe to collect its tests, and a fresh clone has no ../shared beside it.
describe.runIf(hasCorpus)(`attribution on onedr0p__home-ops${hasCorpus ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  let apps: AppDescriptor[] = [];
  let ids = new Set<string>();
  let commits: ReturnType<typeof corpusCommits> = [];
  let result: ReturnType<typeof buildChangelog>['result'];
  let bySha = new Map<string | null, (typeof result.entries)[number]>();
  beforeAll(() => {
    apps = appsOnDisk(`${corpusDir}onedr0p__home-ops`);
    ids = new Set(apps.map((a) => a.id));
    commits = corpusCommits('onedr0p__home-ops');
    result = buildChangelog(commits, apps, []).result;
    bySha = new Map(result.entries.map((e) => [e.sha, e]));
  });

  it('attributes every commit that touches an app folder to that app', () => {
    expect(apps.length).toBeGreaterThan(50);
    let touching = 0;
    for (const commit of commits) {
      const expected = new Set<string>();
      for (const file of commit.files) {
        for (const path of [file.path, file.oldPath]) {
          const m = path && /^kubernetes\/apps\/([^/]+)\/([^/]+)\//.exec(path);
          if (m && ids.has(`${m[1]}/${m[2]}`)) expected.add(`${m[1]}/${m[2]}`);
        }
      }
      if (expected.size > 0) touching += 1;
      expect(bySha.get(commit.sha)!.apps, commit.subject).toEqual([...expected].sort());
    }
    expect(touching).toBeGreaterThan(200);
    expect(result.stats.attributed).toBe(touching);
  });

  it('sees the deduparr → cleanrr replacement as one app added and one removed', () => {
    const entry = result.entries.find((e) => e.subject.startsWith('feat(cleanrr): replace deduparr with cleanrr'))!;
    expect(entry.apps).toEqual(['default/cleanrr']);
    expect(entry.appEvents).toEqual([
      { app: 'default/cleanrr', dir: 'kubernetes/apps/default/cleanrr', event: 'added' },
      { app: null, dir: 'kubernetes/apps/default/deduparr', event: 'removed' },
    ]);
  });

  it('is deterministic and sorted newest first, grouped by ISO week', () => {
    const again = buildChangelog([...commits].reverse(), [...apps].reverse(), []);
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(result));
    const days = result.entries.map((e) => e.day);
    expect(days).toEqual([...days].sort().reverse());
    expect(result.byWeek[0]!.week).toBe('2026-W34');
    expect(result.byWeek.flatMap((w) => w.entries)).toHaveLength(result.entries.length);
  });
});
