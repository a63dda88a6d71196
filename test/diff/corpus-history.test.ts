/**
 * `atlas diff` on real histories: the git bundles of ../shared/corpus (300 commits each of two
 * public home-ops repositories), cloned into a temporary folder. Each case is a real commit diffed
 * against its parent, with what its subject (written by Renovate or the owner) says it does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffAtlases } from '../../src/lib/diff/index.ts';
import type { DiffReport } from '../../src/lib/diff/schema.ts';
import { hasGit } from '../support/git-repo.ts';
import { atlasAt } from './atlas-at.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const present = existsSync(CORPUS) && hasGit;
const tmp = mkdtempSync(join(tmpdir(), 'atlas-diff-corpus-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const clones = new Map<string, string>();
function clone(repo: string): string {
  let dir = clones.get(repo);
  if (!dir) {
    dir = join(tmp, repo);
    execFileSync('git', ['clone', '-q', join(CORPUS, repo, 'history.bundle'), dir], { stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    clones.set(repo, dir);
  }
  return dir;
}

async function diffCommit(repo: string, sha: string): Promise<DiffReport> {
  const dir = clone(repo);
  const rev = { rev: null, sha: null };
  return diffAtlases(await atlasAt(dir, `${sha}~1`), await atlasAt(dir, sha), { base: rev, head: rev });
}

const versions = (d: DiffReport) => d.versions.map((v) => [v.appId, v.kind, v.name, v.from, v.to, v.update]);

describe.runIf(present)(`atlas diff on real histories${present ? '' : ' (skipped: no ../shared/corpus beside the project, or no git)'}`, () => {
  it('onedr0p 7be510e, Renovate "update image home-assistant (2026.8.2 -> 2026.8.3)": one patch of that image, nothing else', async () => {
    const d = await diffCommit('onedr0p__home-ops', '7be510e');
    expect(versions(d)).toEqual([['default/home-assistant', 'image', 'ghcr.io/home-operations/home-assistant', expect.stringMatching(/^2026\.8\.2@sha256:/), expect.stringMatching(/^2026\.8\.3@sha256:/), 'patch']]);
    expect([d.apps.added, d.apps.removed, d.findings.introduced, d.findings.fixed, d.dependsOn.added]).toEqual([[], [], [], [], []]);
    expect(d.verdict).toBe('1 version update (1 patch).');
  });

  it('onedr0p bbfbcb9, Renovate "Update image .../charts/konflate (0.5.0 -> 0.6.0)": the chart (an OCIRepository tag), minor', async () => {
    const d = await diffCommit('onedr0p__home-ops', 'bbfbcb9');
    expect(versions(d)).toEqual([['flux-system/konflate', 'chart', 'konflate', '0.5.0', '0.6.0', 'minor']]);
  });

  it('bjw-s 3a083f9, Renovate "update kube-state-metrics (8.3.0 -> 8.4.0)": that chart, minor', async () => {
    const d = await diffCommit('bjw-s-labs__home-ops', '3a083f9');
    expect(versions(d)).toEqual([['observability/kube-state-metrics', 'chart', 'kube-state-metrics', '8.3.0', '8.4.0', 'minor']]);
    expect(d.verdict).toBe('1 version update (1 minor).');
  });

  it('onedr0p 3269c36, "remove zigbee2mqtt and mosquitto": those two apps removed, their ExternalSecret and dependsOn edges gone', async () => {
    const d = await diffCommit('onedr0p__home-ops', '3269c36');
    expect(d.apps.removed.map((a) => a.id)).toEqual(['default/mosquitto', 'default/zigbee']);
    expect([d.apps.added, d.apps.disabled, d.apps.moved, d.versions]).toEqual([[], [], [], []]);
    expect(d.secrets.removed.map((s) => s.id)).toEqual(['ExternalSecret/default/zigbee']);
    expect(d.dependsOn.removed.map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'Kustomization/default/mosquitto -> Kustomization/rook-ceph/rook-ceph-cluster',
      'Kustomization/default/zigbee -> Kustomization/rook-ceph/rook-ceph-cluster',
    ]);
    expect(d.findings.introduced).toEqual([]);
  });

  it('bjw-s 9162238, "feat(bonob): Deploy": one app added with its ExternalSecret', async () => {
    const d = await diffCommit('bjw-s-labs__home-ops', '9162238');
    expect(d.apps.added.map((a) => [a.id, a.dir])).toEqual([['media/bonob', 'kubernetes/apps/media/bonob']]);
    expect([d.apps.removed, d.versions]).toEqual([[], []]);
    expect(d.secrets.added.map((s) => [s.kind, s.appId])).toEqual([['ExternalSecret', 'media/bonob']]);
  });
});
