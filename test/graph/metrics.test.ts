import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { graphMetrics } from '../../src/analysis/graph/metrics.ts';
import { hr, ks, model } from './make.ts';

const id = (n: string) => `Kustomization/flux-system/${n}`;

describe('graphMetrics', () => {
  // cilium <- coredns <- cert-manager <- issuers <- app ; longhorn <- app ; solo ; ghost dep
  const graph = buildGraph(
    model({
      kustomizations: [
        ks({ name: 'cilium', wait: true }),
        ks({ name: 'coredns', wait: true, dependsOn: ['cilium'] }),
        ks({ name: 'cert-manager', wait: true, dependsOn: ['coredns'] }),
        ks({ name: 'issuers', wait: true, dependsOn: ['cert-manager'] }),
        ks({ name: 'longhorn', wait: true, dependsOn: ['cilium'] }),
        ks({ name: 'app', dependsOn: ['issuers', 'longhorn', 'missing'] }),
        ks({ name: 'solo', reachedFromRoot: false }),
        ks({ name: 'flux', isRoot: true }),
      ],
      helmReleases: [hr({ name: 'a', dependsOn: ['b'] }), hr({ name: 'b' })],
    }),
  ).result;
  const m = graphMetrics(graph);

  it('fan-in: most depended-on first, ties by id', () => {
    expect(m.fanIn).toEqual([
      { id: id('cilium'), count: 2 },
      { id: 'HelmRelease/default/b', count: 1 },
      { id: id('cert-manager'), count: 1 },
      { id: id('coredns'), count: 1 },
      { id: id('issuers'), count: 1 },
      { id: id('longhorn'), count: 1 },
    ]);
  });

  it('depth and the bootstrap critical path in apply order', () => {
    expect(m.depth[id('app')]).toBe(4);
    expect(m.depth[id('longhorn')]).toBe(1);
    expect(m.depth[id('cilium')]).toBe(0);
    expect(m.longestChain).toEqual([id('cilium'), id('coredns'), id('cert-manager'), id('issuers'), id('app')]);
  });

  it('roots, leaves, isolated, orphans and edge counts', () => {
    expect(m.roots).toEqual(['HelmRelease/default/b', id('cilium')]);
    expect(m.leaves).toEqual(['HelmRelease/default/a', id('app')]);
    expect(m.isolated).toEqual([id('flux'), id('solo')]);
    expect(m.orphans).toEqual([id('solo')]);
    expect(m.counts).toEqual({ nodes: 10, kustomizationEdges: 7, helmReleaseEdges: 1, unresolvedEdges: 1 });
  });

  it('a dependsOn entry naming nothing makes its object wait: no root, and it and what depends on it are blocked', () => {
    // core waits for crds, which is not in the repository (a public repository's graph called core a
    // root, "applied first"); apps waits for core.
    const g = buildGraph(model({ kustomizations: [ks({ name: 'core', dependsOn: ['crds'] }), ks({ name: 'apps', dependsOn: ['core'] }), ks({ name: 'infra' }), ks({ name: 'web', dependsOn: ['infra'] })] })).result;
    const gm = graphMetrics(g);
    expect(gm.roots).toEqual([id('infra')]);
    expect(gm.blocked).toEqual([id('apps'), id('core')]);
    expect(gm.isolated).toEqual([]);
    expect(m.blocked).toEqual([id('app')]);
  });

  it('stays finite on cycles', () => {
    const cyc = buildGraph(model({ kustomizations: [ks({ name: 'a', dependsOn: ['b'] }), ks({ name: 'b', dependsOn: ['c'] }), ks({ name: 'c', dependsOn: ['a'] })] })).result;
    const cm = graphMetrics(cyc);
    expect(Math.max(...Object.values(cm.depth))).toBe(2);
    expect(cm.longestChain).toHaveLength(3);
  });
});
