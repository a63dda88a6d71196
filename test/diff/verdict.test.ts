/**
 * The one-line verdict counts findings on both sides alike. Outside review: bjw-s b8ed20b6 said "11
 * findings fixed" (info notes) and nothing of the 13 info notes it introduced.
 */
import { describe, expect, it } from 'vitest';
import type { DiffReport, FindingRef } from '../../src/lib/diff/schema.ts';
import { verdictOf } from '../../src/lib/diff/verdict.ts';

type Body = Parameters<typeof verdictOf>[0];

const body = (o: Partial<Body> = {}): Body => ({
  apps: { added: [], removed: [], disabled: [], enabled: [], moved: [] },
  versions: [],
  changes: [],
  dependsOn: { added: [], removed: [], newCycles: [], fixedCycles: [], newMissing: [], fixedMissing: [] },
  secrets: { added: [], removed: [], rotated: [] },
  coverage: [],
  findings: { introduced: [], fixed: [] },
  roadmap: [],
  ...o,
});

// The finding bjw-s' egress-only policies gave every namespace, before and after its message changed.
const note = (ns: string, message: string): FindingRef => ({
  code: 'NETWORK_POLICY_MISSING', severity: 'info', message: `Namespace ${ns} ${message}`, file: `kubernetes/apps/${ns}/kustomization.yaml`, line: 1, objectId: null, appId: null,
});
const added: DiffReport['apps']['added'] = [{ id: 'observability/grafana-operator', name: 'grafana-operator', namespace: 'observability', cluster: null, dir: 'kubernetes/apps/observability/grafana-operator' }];

describe('verdictOf', () => {
  it('info notes introduced are said where findings fixed are', () => {
    const d = body({ apps: { ...body().apps, added }, findings: { introduced: [note('ai', 'has no NetworkPolicy'), note('media', 'has no NetworkPolicy')], fixed: [note('ai', 'has only policies that enforce egress')] } });
    expect(verdictOf(d)).toBe('1 app added, 2 new info notes, 1 finding fixed.');
  });

  it('info notes alone change nothing in the cluster, and say so', () => {
    expect(verdictOf(body({ findings: { introduced: [note('ai', 'has no NetworkPolicy')], fixed: [] } }))).toBe('No change to the cluster; 1 new info note.');
    expect(verdictOf(body())).toBe('No change to the cluster.');
  });

  it('a change of an app is never "No change"', () => {
    const change: Body['changes'][number] = { appId: 'rook-ceph/rook-ceph', area: 'image', change: 'removed', subject: 'HelmRelease/rook-ceph/rook-ceph-cluster cephImage', detail: 'quay.io/ceph/ceph:v19.2.6', from: 'quay.io/ceph/ceph:v19.2.6', to: null, file: 'kubernetes/apps/rook-ceph/rook-ceph/cluster/helmrelease.yaml', line: 3 };
    expect(verdictOf(body({ changes: [change], findings: { introduced: [note('ai', 'has no NetworkPolicy')], fixed: [] } }))).toBe('1 image removed, 1 new info note.');
  });
});
