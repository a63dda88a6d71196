import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChangelog } from '../../src/analysis/changelog/build.ts';
import { renderChangelogMarkdown } from '../../src/analysis/changelog/render-markdown.ts';
import { readGitBumps, readGitHistory } from '../../src/repo/git-history.ts';
import { gitWorkTree } from '../support/git-repo.ts';

const hasGit = (() => {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

const helmRelease = (version: string, tag: string, busybox: string, extra = '') => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: plex
spec:
  chart:
    spec:
      chart: app-template
      version: ${version}
  values:
    image:
      repository: ghcr.io/home-operations/plex
      tag: ${tag}
    sidecar:
      image: docker.io/library/busybox:${busybox}
${extra}`;

const ks = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: plex\n';

/**
 * A git repository whose Flux repo lives in the `homelab/` sub-folder, built commit by commit with
 * fixed author/committer dates (in 2020, so a bound measured from the clock would see nothing).
 */
describe.runIf(hasGit)('git history of a fixture repository in a sub-folder', () => {
  let top = '';
  let repo = '';
  let day = 0;
  const git = (...args: string[]): string => gitWorkTree(top).git(args, `2020-03-${String(day).padStart(2, '0')}T12:00:00+01:00`);
  const write = (path: string, text: string): void => gitWorkTree(top).write(path, text);
  const commit = (subject: string, at: number): void => {
    day = at;
    git('add', '-A');
    git('commit', '-q', '-m', subject);
  };
  const plex = 'homelab/kubernetes/apps/media/plex';
  const apps = [
    { id: 'media/plex', dirs: ['kubernetes/apps/media/plex'] },
    { id: 'default/echo', dirs: ['kubernetes/apps/default/echo'] },
  ];

  beforeAll(() => {
    top = mkdtempSync(join(tmpdir(), 'atlas-changelog-'));
    repo = join(top, 'homelab');
    git('init', '-q', '-b', 'main');
    write('homelab/README.md', '# homelab\n');
    day = 1;
    git('add', '-A');
    execFileSync('git', ['-C', top, 'commit', '-q', '-m', 'docs: start'], {
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@e', GIT_AUTHOR_DATE: '2018-06-01T00:00:00Z', GIT_COMMITTER_DATE: '2018-06-01T00:00:00Z' },
    });
    write('outside.txt', 'not part of the Flux repo\n');
    commit('chore: outer repo file', 2);
    write(`${plex}/ks.yaml`, ks);
    write(`${plex}/app/helmrelease.yaml`, helmRelease('1.0.0', '1.40.0', '1.36.0'));
    commit('feat(plex): add plex', 3);
    write(`${plex}/app/helmrelease.yaml`, helmRelease('1.1.0', '1.41.0', '1.37.0'));
    commit('chore: tidy', 4);
    renameSync(join(top, plex, 'ks.yaml'), join(top, plex, 'ks.dis'));
    commit('chore(plex): disable for now', 5);
    renameSync(join(top, plex, 'ks.dis'), join(top, plex, 'ks.yaml'));
    commit('chore(plex): enable again', 6);
    git('checkout', '-q', '-b', 'echo');
    write('homelab/kubernetes/apps/default/echo/app/ocirepository.yaml', 'spec:\n  ref:\n    tag: 0.1.0\n');
    write('homelab/kubernetes/apps/default/echo/ks.yaml', ks.replace('plex', 'echo'));
    commit('feat(echo): add echo', 7);
    write('homelab/kubernetes/apps/default/echo/app/ocirepository.yaml', 'spec:\n  ref:\n    tag: 0.2.0\n');
    commit('fix(container): update image ghcr.io/x/echo ( 0.1.0 → 0.2.0 )', 8);
    git('checkout', '-q', 'main');
    write(`${plex}/app/helmrelease.yaml`, helmRelease('1.1.0', '1.41.0', '1.37.0', '    resources: {}\n'));
    commit('fix(plex): no limits', 9);
    day = 10;
    git('merge', '-q', '--no-ff', '-m', "Merge branch 'echo'", 'echo');
    write('outside.txt', 'changed\n');
    commit('chore: outer change at HEAD', 11);
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('reads only the sub-folder, bounded by one year from HEAD (not the clock), paths relative to it', async () => {
    const history = await readGitHistory(repo);
    expect(history.findings).toEqual([]);
    expect(history.commits.map((c) => c.subject)).toEqual([
      "Merge branch 'echo'",
      'fix(plex): no limits',
      'fix(container): update image ghcr.io/x/echo ( 0.1.0 → 0.2.0 )',
      'feat(echo): add echo',
      'chore(plex): enable again',
      'chore(plex): disable for now',
      'chore: tidy',
      'feat(plex): add plex',
    ]);
    const disable = history.commits.find((c) => c.subject.startsWith('chore(plex): disable'))!;
    expect(disable.files).toEqual([
      { status: 'R', oldPath: 'kubernetes/apps/media/plex/ks.yaml', path: 'kubernetes/apps/media/plex/ks.dis' },
    ]);
    expect(disable.date).toBe('2020-03-05T12:00:00+01:00');
    expect(history.commits[0]!.parents).toHaveLength(2);
    expect((await readGitHistory(repo, { maxAgeDays: 5000 })).commits.at(-1)!.subject).toBe('docs: start');
    const bounded = await readGitHistory(repo, { maxCommits: 3 });
    expect(bounded.commits).toHaveLength(3);
    expect(bounded.truncated).toBe(true);
  });

  it('reads chart and image bumps from the diff of a commit that only says "chore: tidy"', async () => {
    const history = await readGitHistory(repo);
    const { bumps, findings } = await readGitBumps(repo, history.commits.map((c) => c.sha));
    expect(findings).toEqual([]);
    const tidy = history.commits.find((c) => c.subject === 'chore: tidy')!;
    const file = 'kubernetes/apps/media/plex/app/helmrelease.yaml';
    expect(bumps.get(tidy.sha)).toEqual([
      // The hunks show only `version:` and `tag:`; the chart and the repository beside them, in the
      // file at that commit, name them (not the app folder).
      { kind: 'chart', name: 'app-template', from: '1.0.0', to: '1.1.0', file },
      { kind: 'image', name: 'ghcr.io/home-operations/plex', from: '1.40.0', to: '1.41.0', file },
      { kind: 'image', name: 'docker.io/library/busybox', from: '1.36.0', to: '1.37.0', file },
    ]);
    const echo = history.commits.find((c) => c.subject.startsWith('fix(container)'))!;
    expect(bumps.get(echo.sha)).toEqual([
      // An OCIRepository without `url:` names nothing: the folder's name stands in, marked as a guess.
      { kind: 'chart', name: 'echo', nameGuessed: true, from: '0.1.0', to: '0.2.0', file: 'kubernetes/apps/default/echo/app/ocirepository.yaml' },
    ]);
    // Additions and the merge are not bumps.
    expect([...bumps.keys()].sort()).toEqual([tidy.sha, echo.sha].sort());
  });

  it('builds entries: app added, disabled, enabled, bumps attributed, the merge classified', async () => {
    const history = await readGitHistory(repo);
    const { bumps } = await readGitBumps(repo, history.commits.map((c) => c.sha));
    const commits = history.commits.map((c) => ({ ...c, bumps: bumps.get(c.sha) ?? [] }));
    const { result, findings } = buildChangelog(commits, apps, []);
    expect(findings).toEqual([]);
    const bySubject = new Map(result.entries.map((e) => [e.subject, e]));
    expect(bySubject.get('feat(plex): add plex')!.appEvents).toEqual([
      { app: 'media/plex', dir: 'kubernetes/apps/media/plex', event: 'added' },
    ]);
    expect(bySubject.get('chore(plex): disable for now')!.appEvents.map((e) => e.event)).toEqual(['disabled']);
    expect(bySubject.get('chore(plex): enable again')!.appEvents.map((e) => e.event)).toEqual(['enabled']);
    const tidy = bySubject.get('chore: tidy')!;
    expect(tidy).toMatchObject({ kind: 'chore', renovate: null, apps: ['media/plex'] });
    expect(tidy.bumps.every((b) => b.app === 'media/plex')).toBe(true);
    expect(bySubject.get("Merge branch 'echo'")).toMatchObject({ kind: 'merge', apps: [] });
    expect(result.stats).toMatchObject({ commits: 8, bumps: 4, appEvents: { added: 2, removed: 0, disabled: 1, enabled: 1 } });
    expect(result.byWeek.map((w) => w.week)).toEqual(['2020-W11', '2020-W10']);
    const markdown = renderChangelogMarkdown(result);
    expect(markdown).toContain('chart app-template 1.0.0 → 1.1.0; ghcr.io/home-operations/plex image 1.40.0 → 1.41.0');
    expect(markdown).toContain('- chart 0.1.0 → 0.2.0 (**echo**)');
    expect(markdown).toContain('### Apps disabled');
    expect(markdown).not.toContain('apiVersion');
  });

  it('says there is no history where there is no git repository or no git', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'atlas-no-git-'));
    try {
      for (const history of [await readGitHistory(plain), await readGitHistory(repo, { gitBinary: join(plain, 'no-such-git') })]) {
        expect(history.commits).toEqual([]);
        expect(history.findings).toEqual([expect.objectContaining({ code: 'NO_GIT_HISTORY', severity: 'info' })]);
      }
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
