import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { hr, ks, model } from './make.ts';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('buildGraph: failure fixtures', () => {
  it('missing-target: reports the entry and its position', () => {
    const { result, findings } = buildGraph(model({ kustomizations: [ks({ name: 'plex', dependsOn: ['longhorn'] })] }));
    expect(result.edges).toHaveLength(1);
    expect(result.edges[0]).toMatchObject({ from: 'Kustomization/flux-system/plex', to: 'Kustomization/flux-system/longhorn', resolved: false });
    const f = findings.find((x) => x.code === 'DEPENDS_ON_MISSING')!;
    expect(f.severity).toBe('error');
    expect(f.source).toEqual({ file: 'kubernetes/apps/default/plex/ks.yaml', line: 10, col: 7 });
    expect(f.message).toContain('flux-system/longhorn');
  });

  it('wrong-namespace: suggests the same name in the other namespace', () => {
    const { findings } = buildGraph(
      model({
        kustomizations: [
          ks({ name: 'rook-ceph', namespace: 'flux-system', wait: true }),
          ks({ name: 'plex', namespace: 'media', dependsOn: ['rook-ceph'] }),
        ],
      }),
    );
    const f = findings.find((x) => x.code === 'DEPENDS_ON_MISSING')!;
    expect(f.message).toContain("exists in namespace 'flux-system'");
    expect(f.message).toContain('namespace: flux-system');
    expect(f.message).toContain("own namespace 'media'");
  });

  it('wrong-namespace written explicitly: asks to fix the namespace', () => {
    const { findings } = buildGraph(
      model({ kustomizations: [ks({ name: 'a', namespace: 'x', wait: true }), ks({ name: 'b', namespace: 'x', dependsOn: [{ name: 'a', namespace: 'y' }] })] }),
    );
    expect(findings.find((x) => x.code === 'DEPENDS_ON_MISSING')!.message).toContain("fix the entry's namespace (it says 'y')");
  });

  it('typo: suggests a close name by edit distance', () => {
    const { findings } = buildGraph(model({ kustomizations: [ks({ name: 'cert-manager', wait: true }), ks({ name: 'issuers', dependsOn: ['cert-manger'] })] }));
    expect(findings.find((x) => x.code === 'DEPENDS_ON_MISSING')!.message).toContain("Did you mean 'flux-system/cert-manager'?");
  });

  it('never suggests the dependent itself, one that depends on it, or a name with another word', () => {
    // Seen on a real repository: infrastructure-core depends on a missing infrastructure-sources and
    // was told "Did you mean 'flux-system/infrastructure-core'?", a dependency on itself.
    const { findings } = buildGraph(
      model({
        kustomizations: [
          ks({ name: 'infrastructure-core', dependsOn: ['infrastructure-sources'] }),
          ks({ name: 'infrastructure-source', dependsOn: ['infrastructure-core'] }),
          ks({ name: 'infrastructure-secrets', wait: true }),
          ks({ name: 'infrastructure-sourcez', wait: true }),
        ],
      }),
    );
    const message = findings.find((x) => x.code === 'DEPENDS_ON_MISSING')!.message;
    expect(message).not.toContain("'flux-system/infrastructure-core'");
    // It depends on infrastructure-core: depending on it back would be a cycle.
    expect(message).not.toContain("'flux-system/infrastructure-source'");
    // "secrets" is another word, not a misspelling of "sources"; "sourcez" is one.
    expect(message).not.toContain('infrastructure-secrets');
    expect(message).toContain("Did you mean 'flux-system/infrastructure-sourcez'?");
  });

  it('disabled-target: its own code, no MISSING', () => {
    const { findings } = buildGraph(model({ kustomizations: [ks({ name: 'calibre', disabled: 'file' }), ks({ name: 'books', dependsOn: ['calibre'] })] }));
    expect(codes(findings)).toEqual(['DEPENDS_ON_DISABLED']);
  });

  it('disabled dependents are not nodes and their entries are not edges', () => {
    const { result, findings } = buildGraph(model({ kustomizations: [ks({ name: 'off', disabled: 'commented', dependsOn: ['nowhere'] })] }));
    expect(result.nodes).toEqual([]);
    expect(result.edges).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('self-dependency', () => {
    const { result, findings } = buildGraph(model({ kustomizations: [ks({ name: 'loop', dependsOn: ['loop'], wait: true })] }));
    expect(codes(findings)).toEqual(['DEPENDS_ON_SELF']);
    expect(result.cycles).toEqual([]);
  });

  it('cycle-of-2: reported once, at the first node entry, with its path', () => {
    const { result, findings } = buildGraph(
      model({ kustomizations: [ks({ name: 'a', dependsOn: ['b'], wait: true }), ks({ name: 'b', dependsOn: ['a'], wait: true })] }),
    );
    const cycles = findings.filter((f) => f.code === 'DEPENDS_ON_CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toContain('flux-system/a -> flux-system/b -> flux-system/a');
    expect(cycles[0]!.source.file).toBe('kubernetes/apps/default/a/ks.yaml');
    expect(result.cycles).toEqual([['Kustomization/flux-system/a', 'Kustomization/flux-system/b']]);
  });

  it('cycle-of-4: reported once with the whole path, plus a chord making a second cycle', () => {
    const kss = [
      ks({ name: 'd', dependsOn: ['a'], wait: true }),
      ks({ name: 'a', dependsOn: ['b'], wait: true }),
      ks({ name: 'b', dependsOn: ['c'], wait: true }),
      ks({ name: 'c', dependsOn: ['d'], wait: true }),
    ];
    const { findings } = buildGraph(model({ kustomizations: kss }));
    const msgs = findings.filter((f) => f.code === 'DEPENDS_ON_CYCLE').map((f) => f.message);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('flux-system/a -> flux-system/b -> flux-system/c -> flux-system/d -> flux-system/a');

    const chord = buildGraph(model({ kustomizations: [...kss.slice(0, 3), ks({ name: 'c', dependsOn: ['d', 'a'], wait: true })] }));
    expect(chord.result.cycles.map((c) => c.length).sort()).toEqual([3, 4]);
  });

  it('cycle bound: stops and says so', () => {
    // A complete graph on 6 nodes has 409 elementary cycles.
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const kss = names.map((n) => ks({ name: n, wait: true, dependsOn: names.filter((m) => m !== n) }));
    const full = buildGraph(model({ kustomizations: kss }));
    expect(full.result.cycles).toHaveLength(409);
    const bounded = buildGraph(model({ kustomizations: kss }), { cycleLimit: 10 });
    expect(bounded.result.cycles).toHaveLength(10);
    expect(bounded.result.cyclesTruncated).toBe(true);
    expect(codes(bounded.findings)).toContain('DEPENDS_ON_CYCLE_LIMIT');
  });

  it('depended-on-without-wait: warns at the dependency, naming the dependents', () => {
    const { findings } = buildGraph(
      model({
        kustomizations: [
          ks({ name: 'cnpg' }),
          ks({ name: 'immich', dependsOn: ['cnpg'] }),
          ks({ name: 'healthy', healthChecks: 1 }),
          ks({ name: 'waits', wait: true }),
          ks({ name: 'x', dependsOn: ['healthy', 'waits'] }),
        ],
      }),
    );
    const f = findings.filter((x) => x.code === 'DEPENDED_ON_WITHOUT_WAIT');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.objectId).toBe('Kustomization/flux-system/cnpg');
    expect(f[0]!.message).toContain('flux-system/immich');
  });

  it('orphan: info for a Kustomization no root reaches, only when roots exist', () => {
    const withRoot = buildGraph(model({ kustomizations: [ks({ name: 'cluster', isRoot: true }), ks({ name: 'stray', reachedFromRoot: false })] }));
    expect(withRoot.findings.map((f) => [f.code, f.severity, f.objectId])).toEqual([['ORPHAN_KUSTOMIZATION', 'info', 'Kustomization/flux-system/stray']]);
    const noRoot = buildGraph(model({ kustomizations: [ks({ name: 'stray', reachedFromRoot: false })] }));
    expect(noRoot.findings).toEqual([]);
  });

  it('HelmRelease dependsOn: separate node kind, resolved against HelmReleases', () => {
    const { result, findings } = buildGraph(
      model({
        helmReleases: [hr({ name: 'app', dependsOn: ['db', { name: 'ghost', namespace: 'other' }] }), hr({ name: 'db' }), hr({ name: 'unrelated' })],
      }),
    );
    expect(result.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['HelmRelease/default/app', 'helmrelease'],
      ['HelmRelease/default/db', 'helmrelease'],
    ]);
    expect(result.edges.filter((e) => e.resolved)).toHaveLength(1);
    expect(findings.map((f) => f.code)).toEqual(['DEPENDS_ON_MISSING']);
    expect(findings[0]!.message).toContain('HelmRelease other/ghost');
  });

  it('multi-cluster: a name defined only for other clusters says so; suggestions come from its own cluster, once each', () => {
    const clusterApp = (cluster: string, name: string) => ({ ...appStub('flux-system', name), id: `${cluster}/flux-system/${name}`, cluster });
    const { findings } = buildGraph(
      model({
        apps: ['prod-eu', 'staging'].map((c) => clusterApp(c, 'infra-tenant')).concat(['prod-eu', 'prod-us', 'staging'].map((c) => clusterApp(c, 'apps-tenant'))),
        kustomizations: [
          ...['prod-eu', 'staging'].map((c) => ks({ name: 'infra-tenant', appId: `${c}/flux-system/infra-tenant` })),
          ...['prod-eu', 'prod-us', 'staging'].map((c) => ks({ name: 'apps-tenant', appId: `${c}/flux-system/apps-tenant`, dependsOn: ['infra-tenant'] })),
          ...['prod-eu', 'staging'].map((c) => ks({ name: 'apps-tenantt', appId: `${c}/flux-system/infra-tenant`, dependsOn: ['apps-tenan'] })),
        ],
      }),
    );
    const missing = findings.filter((f) => f.code === 'DEPENDS_ON_MISSING').map((f) => f.message);
    const other = missing.filter((m) => m.includes('depends on Kustomization flux-system/infra-tenant,'));
    expect(other).toHaveLength(1);
    expect(other[0]).toContain("It is defined for cluster 'prod-eu', 'staging', not for 'prod-us'");
    expect(other[0]).not.toContain('Did you mean');
    // A near miss: each suggestion once, from the dependent's own cluster (two clusters, two findings).
    const near = missing.filter((m) => m.includes('apps-tenan,'));
    expect(near).toHaveLength(2);
    // (apps-tenantt itself is the dependent: never suggested to itself.)
    for (const m of near) expect(m).toContain("Did you mean 'flux-system/apps-tenant'?");
  });

  it('nodes carry group (their app\'s namespace, else their targetNamespace), targetNamespace, app and cluster', () => {
    const { result } = buildGraph(
      model({
        apps: [{ ...appStub('media', 'plex'), cluster: 'home' }],
        kustomizations: [ks({ name: 'plex', appId: 'home/media/plex', targetNamespace: 'media' }), ks({ name: 'loose', targetNamespace: 'tools' })],
      }),
    );
    expect(result.nodes.map((n) => [n.name, n.group, n.targetNamespace, n.cluster, n.appId])).toEqual([
      ['loose', 'tools', 'tools', null, null],
      ['plex', 'media', 'media', 'home', 'home/media/plex'],
    ]);
  });
});

function appStub(namespace: string, name: string) {
  return {
    id: `home/${namespace}/${name}`,
    name,
    namespace,
    cluster: null as string | null,
    dir: '',
    dirs: [],
    source: { file: 'x', line: 1, col: 1 },
    kustomizations: [],
    objects: [],
    disabled: false,
    unreferenced: false,
    readme: null,
    description: null,
  };
}
