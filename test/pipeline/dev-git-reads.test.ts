/**
 * computeAtlas reads HEAD once per scan and hands it to the git reads memoised by HEAD (roadmap
 * history, last commit dates, last manifest change, changelog history), so a dev re-scan after a
 * save runs no git for them. A commit moves HEAD: the next scan must read the new history. A fixture
 * repository in a temporary folder, committed at fixed dates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import type { ReadCache } from '../../src/repo/scan.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';

const roadmap = (h81: string, h31: string) => `# Roadmap

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
- \`kubernetes/apps/media/app/configmap.yaml\`
`;
const configMap = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: media\n  namespace: media\ndata:\n  v: "${v}"\n`;

let dir: string;

beforeAll(() => {
  if (!hasGit) return;
  dir = mkdtempSync(join(tmpdir(), 'atlas-dev-git-'));
  const t = gitWorkTree(dir);
  t.git(['init', '-q', '-b', 'main']);
  t.write('ROADMAP.md', roadmap('Not Started', 'Not Started'));
  t.write('kubernetes/apps/media/app/configmap.yaml', configMap('1'));
  t.commit('roadmap', '2025-01-10T09:00:00Z');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGit)('dev re-scans and git history (reason: needs a git binary on PATH)', () => {
  it('a save reuses the git reads; a commit is read by the next scan (burn-down, changed-since, manifest date, changelog)', async () => {
    const t = gitWorkTree(dir);
    const cache: ReadCache = new Map();
    let earlier: Atlas | undefined;
    const scan = async () => {
      earlier = await computeAtlas(dir, loadConfig(dir, {}), { cache, ...(earlier ? { earlierMarkdown: earlier.markdown } : {}) });
      return earlier;
    };
    const facts = (a: Atlas) => ({
      sha: a.commit?.sha,
      burndown: a.roadmap.burndown.map((p) => [p.date.slice(0, 10), p.open]),
      changed: a.roadmap.items.find((v) => v.item.id === 'H-3.1')!.check.evidence.update?.map((u) => u.changed),
      behindManifests: a.roadmap.staleness?.behindManifests?.lastChange ?? null,
      changelogHead: a.changelog.head,
    });
    const first = facts(await scan());
    expect(first.changelogHead).toBe(first.sha);
    expect(first).toMatchObject({ burndown: [['2025-01-10', 2]], changed: [false], behindManifests: null });

    const firstChangelog = earlier!.changelog;
    // A save: no commit, HEAD stays; git's answers are the same.
    t.write('kubernetes/apps/media/app/configmap.yaml', configMap('2'));
    expect(facts(await scan())).toEqual(first);
    // The apps' folders did not change either: the changelog is the one assembled before, and a fresh scan's.
    expect(earlier!.changelog).toBe(firstChangelog);
    expect(earlier!.changelog).toEqual((await computeAtlas(dir, loadConfig(dir, {}))).changelog);
    // A new app folder (not committed): the commits are attributed again, to the apps there are now.
    const appsBefore = earlier!.model.apps.length;
    t.write('kubernetes/apps/other/ks.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: other\n  namespace: flux-system\nspec:\n  path: ./kubernetes/apps/other/app\n  targetNamespace: other\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n');
    t.write('kubernetes/apps/other/app/configmap.yaml', configMap('3').replaceAll('media', 'other'));
    const withOther = await scan();
    expect(withOther.model.apps.length).toBe(appsBefore + 1);
    expect(withOther.changelog).not.toBe(firstChangelog);
    expect(withOther.changelog).toEqual((await computeAtlas(dir, loadConfig(dir, {}))).changelog);

    // A commit (the saved manifest and a new roadmap): HEAD moves, and every git read sees the new history.
    t.write('ROADMAP.md', roadmap('In Progress', 'Completed'));
    t.commit('progress', '2025-04-15T12:00:00Z');
    const after = facts(await scan());
    expect(after.sha).not.toBe(first.sha);
    expect(after.changelogHead).toBe(after.sha);
    expect(after).toMatchObject({ burndown: [['2025-01-10', 2], ['2025-04-15', 1]], changed: [true], behindManifests: '2025-04-15' });
  });
});
