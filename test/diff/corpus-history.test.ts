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

async function diffRange(repo: string, base: string, head: string): Promise<DiffReport> {
  const dir = clone(repo);
  const rev = { rev: null, sha: null };
  return diffAtlases(await atlasAt(dir, base), await atlasAt(dir, head), { base: rev, head: rev });
}
const diffCommit = (repo: string, sha: string) => diffRange(repo, `${sha}~1`, sha);

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

  it('onedr0p e35d0eb, "upgrade ceph to tentacle": rook-ceph-cluster\'s cephImage removed (was "No change to the cluster")', async () => {
    const d = await diffCommit('onedr0p__home-ops', 'e35d0eb');
    expect(d.changes.filter((c) => c.area === 'image').map((c) => [c.appId, c.change, c.from])).toEqual([['rook-ceph/rook-ceph', 'removed', 'quay.io/ceph/ceph:v19.2.6']]);
    expect(d.verdict).toBe('1 image removed, values of 2 HelmReleases changed.');
  });

  it('onedr0p d76ec4a..c87b04b: multus and snapshot-controller moved to home-operations\' charts: sources changed, no downgrade', async () => {
    const d = await diffRange('onedr0p__home-ops', 'd76ec4a', 'c87b04b');
    const moved = d.changes.filter((c) => c.area === 'chart' && c.change === 'source changed' && /multus|snapshot-controller/.test(c.appId ?? ''));
    expect(moved.map((c) => [c.appId, c.from, c.to])).toEqual([
      ['kube-system/multus', 'oci://ghcr.io/bjw-s-labs/helm/multus 1.3.2', 'oci://ghcr.io/home-operations/charts/multus 0.1.0'],
      ['kube-system/snapshot-controller', 'oci://ghcr.io/piraeusdatastore/helm-charts/snapshot-controller 5.1.1', 'oci://ghcr.io/home-operations/charts/snapshot-controller 0.1.0'],
    ]);
    expect(d.versions.filter((v) => v.downgrade)).toEqual([]);
    expect(d.versions.map((v) => v.appId)).not.toContain('kube-system/multus');
  });

  it('bjw-s b8ed20b, "Rework bootstrap": the info notes introduced are counted beside the findings fixed', async () => {
    const d = await diffCommit('bjw-s-labs__home-ops', 'b8ed20b');
    expect([d.findings.introduced.length, d.findings.fixed.length]).toEqual([13, 11]);
    expect(d.verdict).toBe('1 app added, 1 app removed, 13 new info notes, 11 findings fixed.');
  });
});
