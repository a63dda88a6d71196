/**
 * `atlas diff` on a fixture history (fixture-repo.ts) with one commit per kind of change: each
 * commit diffed against its parent must report exactly that change, and nothing else of its kind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Atlas } from '../../src/pipeline/atlas.ts';
import { diffAtlases } from '../../src/lib/diff/index.ts';
import { DiffReportSchema, type DiffReport } from '../../src/lib/diff/schema.ts';
import { git } from '../../src/lib/diff/checkout.ts';
import { hasGit } from '../support/git-repo.ts';
import { atlasAt, shaOf } from './atlas-at.ts';
import { buildFixtureRepo, SUBJECTS } from './fixture-repo.ts';

describe.skipIf(!hasGit)('atlas diff on a fixture history, one commit per change', () => {
  const top = mkdtempSync(join(tmpdir(), 'atlas-diff-fixture-'));
  const atlases: Atlas[] = [];
  const reports = new Map<string, DiffReport>();

  beforeAll(async () => {
    buildFixtureRepo(top);
    for (let i = SUBJECTS.length - 1; i >= 0; i--) atlases.push(await atlasAt(top, `HEAD~${i}`));
    for (let i = 1; i < SUBJECTS.length; i++) {
      const rev = (k: number) => ({ rev: `HEAD~${SUBJECTS.length - 1 - k}`, sha: shaOf(top, `HEAD~${SUBJECTS.length - 1 - k}`) });
      reports.set(SUBJECTS[i]!, DiffReportSchema.parse(diffAtlases(atlases[i - 1]!, atlases[i]!, { base: rev(i - 1), head: rev(i) })));
    }
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  const at = (s: (typeof SUBJECTS)[number]) => reports.get(s)!;
  const noApps = { added: [], removed: [], disabled: [], enabled: [], moved: [] };

  it('leaves no worktree behind', () => {
    expect(git(top, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('a chart bump and an image bump: from -> to, classified', () => {
    const d = at('bump plex chart and image');
    expect(d.versions.map((v) => [v.appId, v.kind, v.name, v.from, v.to, v.update, v.downgrade])).toEqual([
      ['media/plex', 'chart', 'plex', '1.2.3', '2.0.0', 'major', false],
      ['media/plex', 'image', 'ghcr.io/example/plex', 'v1.40.0', 'v1.40.1', 'patch', false],
    ]);
    expect(d.apps).toEqual(noApps);
    expect(d.verdict).toBe('2 version updates (1 major, 1 patch).');
  });

  it('a SOPS re-encryption is a rotation of that file, named by file and object only', () => {
    const d = at('rotate the plex secret');
    expect(d.secrets.rotated).toEqual([
      { kind: 'sops-file', id: 'kubernetes/apps/media/plex/app/secret.sops.yaml', names: ['Secret/plex-secret'], appId: 'media/plex', file: 'kubernetes/apps/media/plex/app/secret.sops.yaml' },
    ]);
    expect([d.secrets.added, d.secrets.removed, d.versions, d.findings.introduced]).toEqual([[], [], [], []]);
  });

  it('ks.yaml renamed to ks.dis (and commented out in its parent): the app is disabled, not removed', () => {
    const d = at('disable sonarr');
    expect(d.apps.disabled.map((a) => a.id)).toEqual(['media/sonarr']);
    expect([d.apps.added, d.apps.removed, d.apps.enabled]).toEqual([[], [], []]);
    expect(d.verdict).toMatch(/^1 app disabled/);
  });

  it('an app moving namespace is one move; its findings and secrets move with it', () => {
    const d = at('move echo to network');
    expect(d.apps.moved.map((m) => [m.from.id, m.to.id, m.what])).toEqual([['default/echo', 'network/echo', 'namespace']]);
    expect([d.apps.added, d.apps.removed]).toEqual([[], []]);
    expect([d.secrets.added, d.secrets.removed]).toEqual([[], []]);
    expect(d.findings.introduced.filter((f) => f.code === 'PLAIN_SECRET')).toEqual([]);
  });

  it('a dependsOn typo: one edge replaced, a missing target and its error introduced', () => {
    const d = at('typo in a dependsOn');
    const pair = (e: { from: string; to: string }) => `${e.from} -> ${e.to}`;
    expect(d.dependsOn.added.map(pair)).toEqual(['Kustomization/flux-system/plex -> Kustomization/flux-system/ecoh']);
    expect(d.dependsOn.removed.map(pair)).toEqual(['Kustomization/flux-system/plex -> Kustomization/flux-system/echo']);
    expect(d.dependsOn.newMissing.map(pair)).toEqual(['Kustomization/flux-system/plex -> Kustomization/flux-system/ecoh']);
    expect(d.findings.introduced.map((f) => [f.code, f.file, f.objectId])).toContainEqual(['DEPENDS_ON_MISSING', 'kubernetes/apps/media/plex/ks.yaml', expect.any(String)]);
    expect(d.verdict).toMatch(/^1 new error, 1 dependsOn on a missing target/);
  });

  it('a ServiceMonitor removed: monitoring lost for that app; a new app: added', () => {
    const d = at('drop the plex ServiceMonitor and add an app');
    expect(d.coverage).toEqual([{ appId: 'media/plex', area: 'monitoring', change: 'lost', detail: 'no longer monitored (had 1 ServiceMonitor)' }]);
    expect(d.apps.added.map((a) => a.id)).toEqual(['media/bazarr']);
    expect(d.apps.removed).toEqual([]);
  });

  it('a NetworkPolicy added: network coverage gained per app, the roadmap check measures it', () => {
    const d = at('add a network policy to media');
    expect(d.coverage.map((c) => [c.appId, c.area, c.change, c.detail])).toEqual([
      ['media/bazarr', 'network', 'gained', 'selected by NetworkPolicy default-deny'],
      ['media/plex', 'network', 'gained', 'selected by NetworkPolicy default-deny'],
    ]);
    expect(d.roadmap).toEqual([{ id: 'H-1', title: 'Network policies in every namespace', from: 0, to: 33, fromText: '0% (0 of 3)', toText: '33% (1 of 3)' }]);
    expect(d.findings.fixed.map((f) => f.code)).toEqual(['NETWORK_POLICY_MISSING']);
    // (The policy is an object added to plex's folder, which Flux applies: a change, said as such.)
    expect(d.changes.map((c) => [c.appId, c.area, c.change, c.subject])).toEqual([['media/plex', 'object', 'added', 'NetworkPolicy/media/default-deny']]);
    expect(d.verdict).toBe('1 object added, 1 finding fixed, 2 coverage gains, 1 roadmap item moved.');
  });

  it('findings are matched by identity, not line: the typo fix direction reports it fixed', () => {
    const back = diffAtlases(atlases[5]!, atlases[4]!, { base: { rev: null, sha: null }, head: { rev: null, sha: null } });
    expect(back.findings.fixed.map((f) => f.code)).toContain('DEPENDS_ON_MISSING');
    expect(back.dependsOn.fixedMissing).toHaveLength(1);
  });

  it('the same revision on both sides: no change at all', () => {
    const same = diffAtlases(atlases[3]!, atlases[3]!, { base: { rev: null, sha: null }, head: { rev: null, sha: null } });
    expect(same.verdict).toBe('No change to the cluster.');
    expect([same.versions, same.coverage, same.findings.introduced, same.findings.fixed, same.roadmap]).toEqual([[], [], [], [], []]);
  });
});
