import { describe, expect, it } from 'vitest';
import { classifySubject } from '../../src/analysis/changelog/classify.ts';
import { ChangeKindSchema } from '../../src/model/changelog-entry.ts';
import { corpusCommits, corpusDir, corpusRepos, hasCorpus } from './corpus.ts';

/** Loose net for anything that reads like a dependency update. */
const looseUpdate = /\bupdate\b.*(?:\bto\b|→|➔)/i;
/**
 * Subjects the loose net catches that are NOT dependency updates: a person bumping the version of
 * the shared Renovate presets in renovate.json5 (a config change, written by hand, no package).
 */
const notUpdates = new Set([
  'chore: update Renovate presets to version 7.0.0',
  'chore: Update Renovate presets version to 3.0.0',
]);

/** Shares measured on the corpus (Renovate-flow commits / all commits), floored; see the report. */
const minimumRenovateShare: Record<(typeof corpusRepos)[number], number> = {
  mrtbi__homelab: 0.47, // 142 / 300
  'onedr0p__home-ops': 0.76, // 230 / 300 (4 more are updates by hand: 2 reverts, talos, slskd)
  'tuxpeople__k8s-server': 0.8, // 240 / 300 (+1 revert of a Renovate update)
  'wrmilling__k3s-gitops': 0.74, // 224 / 300
};

describe.runIf(hasCorpus)(`classification of every corpus git-log.txt (${corpusDir})${hasCorpus ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  for (const repo of corpusRepos) {
    it(`${repo}: every commit gets a kind, Renovate-shaped subjects all carry renovate info`, () => {
      const commits = corpusCommits(repo);
      expect(commits).toHaveLength(300);
      let renovate = 0;
      const missed: string[] = [];
      for (const commit of commits) {
        const result = classifySubject(commit.subject);
        expect(ChangeKindSchema.safeParse(result.kind).success).toBe(true);
        if (result.renovate?.isRenovate) renovate += 1;
        const renovateShaped =
          /^Merge pull request .*\brenovate\//.test(commit.subject) && !/\/revert-\d+-renovate\//.test(commit.subject);
        if (!result.renovate && ((looseUpdate.test(commit.subject) && !notUpdates.has(commit.subject)) || renovateShaped)) {
          missed.push(commit.subject);
        }
      }
      const share = renovate / commits.length;
      console.info(`${repo}: ${renovate}/${commits.length} (${(share * 100).toFixed(1)}%) recognised as Renovate`);
      expect(missed).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(minimumRenovateShare[repo as keyof typeof minimumRenovateShare]);
    });
  }

  it('reads the datasource, package and versions of the shapes the corpus uses', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['fix(container): update image ghcr.io/home-operations/charts/konflate (0.6.0 ➔ 0.6.1) (#11568)',
        { datasource: 'container', package: 'ghcr.io/home-operations/charts/konflate', from: '0.6.0', to: '0.6.1' }],
      ['fix(container): update image homeassistant/home-assistant ( 2026.8.2 → 2026.8.3 )',
        { datasource: 'container', package: 'homeassistant/home-assistant', from: '2026.8.2', to: '2026.8.3' }],
      ['fix(helm): update chart grafana to 8.8.2', { datasource: 'helm', package: 'grafana', from: null, to: '8.8.2' }],
      ['fix(helm): update cilium ( 1.15.0 ➔ 1.15.1 )', { datasource: 'helm', package: 'cilium', from: '1.15.0' }],
      ['fix(container): update rook-ceph group (v1.20.5 ➔ v1.20.6) (#11555)', { package: 'rook-ceph', group: true }],
      ['fix(container): update rook-ceph group (patch)', { package: 'rook-ceph', group: true, to: null }],
      ['fix(github-release): update release fluxcd/flux2 ( v2.9.3 → v2.9.4 )', { datasource: 'github-release', package: 'fluxcd/flux2' }],
      ['ci(github-action): update anthropics/claude-code-action action ( v1.0.193 → v1.0.195 )',
        { datasource: 'github-actions', package: 'anthropics/claude-code-action' }],
      ['chore(mise): update tool node (26.5.1 ➔ v26.6.0) (#11462)', { datasource: 'mise', package: 'node', to: 'v26.6.0' }],
      ['chore(grafana-dashboards): update dashboard kubernetes / views / namespaces ( 40 → 41 )',
        { datasource: 'grafana-dashboards', package: 'kubernetes / views / namespaces', to: '41' }],
      ['chore(deps): update helm release foo to v1.2.3', { datasource: 'helm', package: 'foo', to: 'v1.2.3' }],
      ['chore(deps): update ghcr.io/x/y docker tag to v1.2', { datasource: 'container', package: 'ghcr.io/x/y', to: 'v1.2' }],
      ['Update dependency x to v2', { package: 'x', to: 'v2' }],
      ['update x to v1.3.0', { package: 'x', to: 'v1.3.0' }],
      ['chore(deps): update ghcr.io/x/y digest to abc1234', { datasource: 'container', package: 'ghcr.io/x/y', to: 'abc1234' }],
      ['fix(deps): update docker.io/library/alpine docker digest to 4bcff63', { datasource: 'container', package: 'docker.io/library/alpine' }],
      ['chore(deps): lock file maintenance', { datasource: 'lockfile' }],
      ['chore(config): migrate config .github/renovate.json5', { datasource: 'renovate-config', package: '.github/renovate.json5' }],
      ['feat(github-release): update release siderolabs/talos ( v1.8.0 → v1.9.0 )', { datasource: 'github-release' }],
    ];
    for (const [subject, expected] of cases) {
      const result = classifySubject(subject);
      expect(result.kind, subject).toBe('update');
      expect(result.renovate, subject).toMatchObject({ isRenovate: true, ...expected });
    }
  });

  it('tells merges, reverts, breaking changes and plain messages apart', () => {
    expect(classifySubject('Merge pull request #2763 from tuxpeople/renovate/docker.io-gotenberg-gotenberg-8.x')).toMatchObject({
      kind: 'merge', renovate: { package: 'docker.io-gotenberg-gotenberg', to: null, isRenovate: true },
    });
    expect(classifySubject("Merge pull request 'fix(container): update image valkey ( 6.2.6 → 6.2.9 )' (#14) from wrmilling/k3s-gitops:renovate/valkey-6.x into main"))
      .toMatchObject({ kind: 'merge', renovate: { package: 'valkey', from: '6.2.6', to: '6.2.9' } });
    expect(classifySubject("Merge pull request 'Repo: Migrate to a forgejo-first approach' (#11) from wrmilling/k3s-gitops:move-fully-forgejo into main"))
      .toEqual({ kind: 'merge', conventional: null, renovate: null });
    expect(classifySubject('Merge pull request #2700 from tuxpeople/revert-2688-renovate/mariadb-20.x').renovate).toBeNull();
    expect(classifySubject('Revert "feat(container): update image ghcr.io/slskd/slskd (0.25.1 ➔ 0.26.0)" (#11340)')).toMatchObject({
      kind: 'revert', renovate: { from: '0.26.0', to: '0.25.1', isRenovate: false },
    });
    expect(classifySubject('feat(container)!: Update image mariadb to v20')).toMatchObject({
      kind: 'update', conventional: { type: 'feat', scope: 'container', breaking: true },
    });
    expect(classifySubject('refactor(talos)!: drop old flags')).toMatchObject({ kind: 'refactor', conventional: { breaking: true } });
    expect(classifySubject('feat: new thing', 'Body\n\nBREAKING CHANGE: config moved').conventional?.breaking).toBe(true);
    expect(classifySubject('fix(flaresolverr): Update helm release')).toMatchObject({ kind: 'fix', renovate: null });
    expect(classifySubject('Docs: Bump k3s version')).toMatchObject({ kind: 'docs' });
    expect(classifySubject('Ceph: Use custom csi image with updated ceph')).toEqual({ kind: 'other', conventional: null, renovate: null });
    expect(classifySubject('reduce retentionSize').kind).toBe('other');
  });
});
