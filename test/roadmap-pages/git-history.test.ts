
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRoadmapData } from '../../src/pipeline/roadmap.ts';
import { changedSinceFrom, lastCommitDates, readRoadmapHistory, readRoadmapText } from '../../src/repo/roadmap-read.ts';
import { makeModel } from '../roadmap/make-model.ts';
import { gitWorkTree } from '../support/git-repo.ts';

/**
 * The roadmap's git history for the burn-down, from a fixture repository made in a temporary
 * folder: the roadmap committed twice with different statuses, commit dates fixed through
 * GIT_AUTHOR_DATE / GIT_COMMITTER_DATE so the expected dates are exact. The GitOps repository is
 * a sub-folder (`cluster/`) of the git work tree, as in a monorepo.
 */
const roadmap = (h81: string, h31: string, extra = '') => `# Roadmap

**Last Updated**: 2025-03-01

## HIGH PRIORITY

### H-8.1: Implement NetworkPolicies
**Status**: ${h81}
**Priority**: HIGH
**Effort**: 4-6 hours

- File to create: \`kubernetes/apps/media/network-policies.yaml\`

### H-3.1: Add refreshInterval
**Status**: ${h31}
**Priority**: HIGH
**Effort**: 1 hour

**Files to Update**:
- \`kubernetes/apps/media/app/externalsecret.yaml\`
${extra}`;

let dir: string;
let repo: string;

function git(args: string[], date: string): void {
  gitWorkTree(dir).git(args, date);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-roadmap-git-'));
  repo = join(dir, 'cluster');
  mkdirSync(join(repo, 'kubernetes/apps/media/app'), { recursive: true });
  git(['init', '-q', '-b', 'main'], '2025-01-01T00:00:00Z');
  writeFileSync(join(repo, 'ROADMAP.md'), roadmap('Not Started', 'Not Started'));
  writeFileSync(join(repo, 'kubernetes/apps/media/app/externalsecret.yaml'), 'kind: ExternalSecret\n');
  git(['add', '.'], '2025-01-10T09:00:00Z');
  git(['commit', '-q', '-m', 'roadmap'], '2025-01-10T09:00:00Z');
  writeFileSync(join(repo, 'ROADMAP.md'), roadmap('In Progress', 'Completed'));
  git(['commit', '-q', '-am', 'progress'], '2025-02-20T18:30:00Z');
  writeFileSync(join(repo, 'kubernetes/apps/media/app/externalsecret.yaml'), 'kind: ExternalSecret\nspec: {}\n');
  git(['commit', '-q', '-am', 'refresh'], '2025-03-05T12:00:00Z');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('roadmap git history', () => {
  it('reads each committed version of the roadmap, newest first, from a sub-folder repository', async () => {
    const history = await readRoadmapHistory(repo, 'ROADMAP.md');
    expect(history.map((h) => h.date)).toEqual(['2025-02-20T18:30:00Z', '2025-01-10T09:00:00Z'].map((d) => d.replace('Z', '+00:00')));
    expect(history[0]!.text).toContain('**Status**: Completed');
    expect(history[1]!.text).not.toContain('Completed');
    expect(await readRoadmapHistory(repo, 'ROADMAP.md', { maxCommits: 1 })).toHaveLength(1);
  });

  it('draws the burn-down from the history: 2 open, then 1', async () => {
    const files = ['ROADMAP.md', 'kubernetes/apps/media/app/externalsecret.yaml'].map((path) => ({ path, kind: 'other' as const, size: 1 }));
    const data = await computeRoadmapData({ model: makeModel({ files }), config: { roadmap: { checks: {} } }, repoRoot: repo });
    expect(data.burndown.map((p) => [p.date.slice(0, 10), p.open, p.completed, p.total])).toEqual([
      ['2025-01-10', 2, 0, 2],
      ['2025-02-20', 1, 1, 2],
    ]);
    expect(data.burndownSvg).toContain('<svg');
    expect(data.burndownSvg).toContain('2025-02-20: 1 open, 1 completed of 2');
    // The file to update changed on 2025-03-05, after the roadmap's Last Updated (2025-03-01).
    const h31 = data.items.find((v) => v.item.id === 'H-3.1')!;
    expect(h31.check.evidence.update).toMatchObject([{ path: 'kubernetes/apps/media/app/externalsecret.yaml', exists: true, changed: true }]);
  });

  it('answers changedSince from the last commit date of each path, by day', async () => {
    const dates = await lastCommitDates(repo, ['kubernetes/apps/media/app/externalsecret.yaml', 'ROADMAP.md', 'missing.yaml']);
    expect(Object.fromEntries(dates)).toEqual({
      'kubernetes/apps/media/app/externalsecret.yaml': '2025-03-05T12:00:00+00:00',
      'ROADMAP.md': '2025-02-20T18:30:00+00:00',
      'missing.yaml': null,
    });
    const changed = changedSinceFrom(dates);
    expect(changed('ROADMAP.md', '2025-02-19')).toBe(true);
    expect(changed('ROADMAP.md', '2025-02-20')).toBe(false); // same day: known to the author
    expect(changed('missing.yaml', '2025-01-01')).toBeNull();
    expect(changed('never-asked.yaml', '2025-01-01')).toBeNull();
  });

  it('gives an empty history and unknown dates without git', async () => {
    const gitBinary = join(dir, 'no-such-git');
    expect(await readRoadmapHistory(repo, 'ROADMAP.md', { gitBinary })).toEqual([]);
    expect([...(await lastCommitDates(repo, ['ROADMAP.md'], { gitBinary })).values()]).toEqual([null]);
  });

  it('finds the roadmap among the files, or says the configured one is missing', async () => {
    const files = [{ path: 'ROADMAP.md', kind: 'markdown' as const, size: 1 }];
    const found = await readRoadmapText(repo, files);
    expect(found.result?.file).toBe('ROADMAP.md');
    expect(found.result?.text).toContain('### H-8.1');
    const missing = await readRoadmapText(repo, files, 'docs/PLAN.md');
    expect(missing.result).toBeNull();
    expect(missing.findings.map((f) => f.code)).toEqual(['ROADMAP_NOT_FOUND']);
    expect((await readRoadmapText(repo, [])).result).toBeNull();
  });
});
