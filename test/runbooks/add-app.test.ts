import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectAppLayout } from '../../src/analysis/runbooks/add-app-detect.ts';
import { addAppRunbook } from '../../src/analysis/runbooks/add-app.ts';
import { choose } from '../../src/analysis/runbooks/tally.ts';
import { HOMELAB, load } from './load.ts';

describe('add-app skeleton from examples/homelab', async () => {
  const { model } = await load(HOMELAB);
  const layout = detectAppLayout(model);

  it('detects the home-ops layout and the majority ks.yaml values (EXPECTED.md counts)', () => {
    expect(layout.root.chosen).toBe('kubernetes/apps');
    expect(layout.ksFile.chosen).toBe('ks.yaml');
    expect(layout.subdir.chosen).toBe('app');
    // interval: 30m x28, 1h x10 over all 38; the apps' main Kustomizations keep the majority.
    expect(layout.ks.interval.chosen).toBe('30m');
    expect(layout.ks.interval.counts[0]!.n).toBeGreaterThan(layout.ks.interval.counts[1]!.n);
    expect(layout.ks.timeout.chosen).toBe('5m');
    expect(layout.ks.prune.chosen).toBe('true');
    expect(layout.ks.namespace.chosen).toBe('flux-system');
    expect(layout.ks.targetNamespace.chosen).toBe('the app namespace');
    expect(layout.chart.source.chosen).toBe('OCIRepository oci://ghcr.io/bjw-s-labs/helm/app-template');
    expect(layout.chart.version.chosen).toBe('4.2.0');
    expect(layout.dependsOn.usual.map((d) => d.value)).toContain('flux-system/kyverno-policies');
    expect(layout.registerIn).toContain('kubernetes/apps/media/kustomization.yaml');
  });

  it('the skeleton is valid YAML built from those choices', () => {
    const r = addAppRunbook(model);
    const blocks = r.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'code' && b.lang === 'yaml');
    const ks = blocks.find((b) => b.type === 'code' && b.caption === 'kubernetes/apps/<namespace>/<app>/ks.yaml');
    const doc = parse(ks!.type === 'code' ? ks!.code : '');
    expect(doc).toMatchObject({ kind: 'Kustomization', metadata: { name: '<app>', namespace: 'flux-system' }, spec: { interval: '30m', timeout: '5m', prune: true, targetNamespace: '<namespace>', path: './kubernetes/apps/<namespace>/<app>/app' } });
    const oci = blocks.find((b) => b.type === 'code' && b.caption?.endsWith('ocirepository.yaml'));
    expect(parse(oci!.type === 'code' ? oci!.code : '')).toMatchObject({ spec: { url: 'oci://ghcr.io/bjw-s-labs/helm/app-template', ref: { tag: '4.2.0' } } });
  });
});

describe('majority choice', () => {
  it('picks the most common value, ties to the first in sort order, and keeps the counts', () => {
    expect(choose('x', ['1h', '30m', '30m', '5m'])).toEqual({ what: 'x', chosen: '30m', counts: [{ value: '30m', n: 2 }, { value: '1h', n: 1 }, { value: '5m', n: 1 }], total: 4 });
    expect(choose('x', ['b', 'a']).chosen).toBe('a');
    expect(choose('x', []).chosen).toBeNull();
  });
});
