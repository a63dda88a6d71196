import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { checkImplicitDependencies } from '../../src/analysis/graph/implicit-check.ts';
import { DEFAULT_IMPLICIT_RULES, type ImplicitRule } from '../../src/analysis/graph/implicit-rules.ts';
import { app, appWithKs, externalSecret, hr, model, monitor, pvc, secretStore } from './make.ts';

function run(parts: Parameters<typeof model>[0], rules?: readonly ImplicitRule[]) {
  const m = model(parts);
  const graph = buildGraph(m).result;
  return checkImplicitDependencies(m, graph, rules);
}

const longhorn = appWithKs('storage', 'longhorn', [], { wait: true });

describe('implicit dependencies', () => {
  it('implicit-storage-dependency: a Longhorn PVC without longhorn upstream', () => {
    const plex = appWithKs('media', 'plex');
    const claim = pvc({ name: 'plex-config', namespace: 'media', storageClass: 'longhorn', appId: plex.app.id, owner: plex.ks.id });
    const { result, findings } = run({ apps: [longhorn.app, plex.app], kustomizations: [longhorn.ks, plex.ks], pvcs: [claim] });
    expect(result).toEqual([{ ruleId: 'storage-longhorn', consumer: plex.ks.id, providers: [longhorn.ks.id], objects: [claim.id], undeclaredEverywhere: false }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'IMPLICIT_DEPENDENCY_MISSING', severity: 'warning', source: plex.ks.source });
    expect(findings[0]!.message).toContain('[storage-longhorn]');
    expect(findings[0]!.message).toContain('dependsOn: [{ name: longhorn, namespace: flux-system }]');
  });

  it('satisfied transitively through another Kustomization', () => {
    const db = appWithKs('database', 'cnpg', ['longhorn'], { wait: true });
    const plex = appWithKs('media', 'plex', ['cnpg']);
    const claim = pvc({ name: 'plex-config', namespace: 'media', storageClass: 'longhorn-ssd', appId: plex.app.id, owner: plex.ks.id });
    const { findings } = run({ apps: [longhorn.app, db.app, plex.app], kustomizations: [longhorn.ks, db.ks, plex.ks], pvcs: [claim] });
    expect(findings).toEqual([]);
  });

  it('no finding when the provider is not in the repo, or the PVC uses another class', () => {
    const plex = appWithKs('media', 'plex');
    const claim = pvc({ name: 'c', namespace: 'media', storageClass: 'longhorn', appId: plex.app.id, owner: plex.ks.id });
    expect(run({ apps: [plex.app], kustomizations: [plex.ks], pvcs: [claim] }).findings).toEqual([]);
    const other = { ...claim, storageClass: 'local-path' };
    expect(run({ apps: [longhorn.app, plex.app], kustomizations: [longhorn.ks, plex.ks], pvcs: [other] }).findings).toEqual([]);
  });

  it('rook-ceph: ceph-block PVC needs the rook-ceph app', () => {
    const rook = appWithKs('rook-ceph', 'rook-ceph', [], { wait: true });
    const plex = appWithKs('media', 'plex');
    const claim = pvc({ name: 'c', namespace: 'media', storageClass: 'ceph-block', appId: plex.app.id, owner: plex.ks.id });
    const { result } = run({ apps: [rook.app, plex.app], kustomizations: [rook.ks, plex.ks], pvcs: [claim] });
    expect(result.map((v) => v.ruleId)).toEqual(['storage-rook-ceph']);
  });

  it('rook-ceph deployed by a shared Kustomization (flat layout): depending on that Kustomization declares it', () => {
    // `core` applies the folders of several releases, rook-ceph among them; the release is an app of its
    // own with no Kustomization, and a graph node because it declares a dependsOn.
    const core = appWithKs('flux-system', 'core', [], { wait: true });
    const certManager = hr({ name: 'cert-manager', namespace: 'cert-manager', appId: 'cert-manager/cert-manager', owner: core.ks.id });
    const rookApp = app({ name: 'rook-ceph', namespace: 'rook-ceph' });
    const rook = hr({ name: 'rook-ceph', namespace: 'rook-ceph', appId: rookApp.id, owner: core.ks.id, dependsOn: [{ name: 'cert-manager', namespace: 'cert-manager' }] });
    const apps = appWithKs('flux-system', 'apps', ['core']);
    const claim = pvc({ name: 'plex-config', namespace: 'media', storageClass: 'ceph-block', appId: apps.app.id, owner: apps.ks.id });
    const parts = { apps: [core.app, rookApp, apps.app], kustomizations: [core.ks, apps.ks], helmReleases: [certManager, rook], pvcs: [claim] };
    expect(run(parts).findings).toEqual([]);
    // Without the dependsOn on core, the claim has no provider upstream.
    const alone = appWithKs('flux-system', 'apps', []);
    const unordered = run({ ...parts, apps: [core.app, rookApp, alone.app], kustomizations: [core.ks, alone.ks], pvcs: [{ ...claim, appId: alone.app.id, owner: alone.ks.id }] });
    expect(unordered.result.map((v) => [v.ruleId, v.consumer])).toEqual([['storage-rook-ceph', alone.ks.id]]);
  });

  it('does not advise a dependsOn that would close a cycle (the provider already depends on the consumer)', () => {
    const volsync = appWithKs('volsync-system', 'volsync', [], { wait: true });
    const kps = appWithKs('observability', 'kube-prometheus-stack', ['volsync'], { wait: true });
    const sm = monitor({ name: 'volsync', namespace: 'volsync-system', appId: volsync.app.id, owner: volsync.ks.id });
    const { result, findings } = run({ apps: [volsync.app, kps.app], kustomizations: [volsync.ks, kps.ks], monitors: [sm] });
    expect(result).toEqual([{ ruleId: 'prometheus-crds', consumer: volsync.ks.id, providers: [kps.ks.id], objects: [sm.id], undeclaredEverywhere: false, closesCycle: true }]);
    expect(findings[0]!.message).toContain('already depends on flux-system/volsync, so a dependsOn would close a cycle');
    expect(findings[0]!.message).toContain('apply what it needs (its CRDs) from a Kustomization of its own');
    expect(findings[0]!.message).not.toContain('Add dependsOn');
  });

  it('advises the store, not CRDs, where an ExternalSecret’s store comes from a Kustomization that depends on it', () => {
    // (Outside review: infra-resources' ExternalSecret names the ClusterSecretStore of infra-configs, which depends on infra-resources.)
    const resources = appWithKs('flux-system', 'infra-resources', [], { wait: true });
    const configs = appWithKs('flux-system', 'infra-configs', ['infra-resources'], { wait: true });
    const store = secretStore({ name: 'azure-kv-store', appId: configs.app.id, owner: configs.ks.id });
    const es = externalSecret({ name: 'cloudflare-api-token', namespace: 'cert-manager', store: 'azure-kv-store', appId: resources.app.id, owner: resources.ks.id });
    const { findings } = run({ apps: [resources.app, configs.app], kustomizations: [resources.ks, configs.ks], secretStores: [store], externalSecrets: [es] });
    expect(findings.map((f) => f.code)).toEqual(['IMPLICIT_DEPENDENCY_MISSING']);
    expect(findings[0]!.message).toContain('a dependsOn would close a cycle: apply what it needs (the (Cluster)SecretStore it names) from a Kustomization of its own');
    expect(findings[0]!.message).not.toContain('CRDs');
  });

  it('ExternalSecret: the Kustomization that applies its store must be upstream', () => {
    const eso = appWithKs('external-secrets', 'external-secrets', [], { wait: true });
    const stores = appWithKs('external-secrets', 'external-secrets-stores', ['external-secrets'], { wait: true });
    const store = secretStore({ name: 'onepassword', appId: eso.app.id, owner: stores.ks.id });
    const good = appWithKs('media', 'sonarr', ['external-secrets-stores']);
    const bad = appWithKs('media', 'radarr', ['external-secrets']); // the operator, not the store
    const es = (a: typeof good) => externalSecret({ name: a.app.name, namespace: 'media', store: 'onepassword', appId: a.app.id, owner: a.ks.id });
    const { result, findings } = run({
      apps: [eso.app, stores.app, good.app, bad.app],
      kustomizations: [eso.ks, stores.ks, good.ks, bad.ks],
      secretStores: [store],
      externalSecrets: [es(good), es(bad), externalSecret({ name: 'x', namespace: 'media', store: 'vault', appId: bad.app.id, owner: bad.ks.id })],
    });
    expect(result).toEqual([{ ruleId: 'external-secret-store', consumer: bad.ks.id, providers: [stores.ks.id], objects: ['ExternalSecret/media/radarr'], undeclaredEverywhere: false }]);
    expect(findings[0]!.message).toContain('flux-system/external-secrets-stores');
  });

  it('ServiceMonitor needs kube-prometheus-stack upstream; the provider app itself is exempt', () => {
    const kps = appWithKs('observability', 'kube-prometheus-stack', [], { wait: true });
    const app = appWithKs('media', 'plex');
    const sm = monitor({ name: 'plex', namespace: 'media', appId: app.app.id, owner: app.ks.id });
    const own = monitor({ name: 'kps', namespace: 'observability', appId: kps.app.id, owner: kps.ks.id });
    const { result } = run({ apps: [kps.app, app.app], kustomizations: [kps.ks, app.ks], monitors: [sm, own] });
    expect(result.map((v) => [v.ruleId, v.consumer])).toEqual([['prometheus-crds', app.ks.id]]);
  });

  it('knows a provider by the chart its release installs, not only by its name (kube-prometheus-stack released as `monitoring`)', () => {
    const stack = appWithKs('monitoring', 'monitoring', [], { wait: true });
    const release = hr({ name: 'monitoring', namespace: 'monitoring', appId: stack.app.id, owner: stack.ks.id });
    release.chart = { ...release.chart, name: 'kube-prometheus-stack' };
    const app = appWithKs('media', 'plex');
    const sm = monitor({ name: 'plex', namespace: 'media', appId: app.app.id, owner: app.ks.id });
    const own = monitor({ name: 'stack', namespace: 'monitoring', appId: stack.app.id, owner: stack.ks.id });
    const { result } = run({ apps: [stack.app, app.app], kustomizations: [stack.ks, app.ks], helmReleases: [release], monitors: [sm, own] });
    expect(result.map((v) => [v.ruleId, v.consumer, v.providers])).toEqual([['prometheus-crds', app.ks.id, [stack.ks.id]]]);
  });

  it('DNS gateway without CoreDNS upstream (roadmap M-1.2)', () => {
    const coredns = appWithKs('kube-system', 'coredns', [], { wait: true });
    const gw = appWithKs('network', 'k8s-gateway');
    const blocky = appWithKs('network', 'blocky', ['coredns']);
    const { result } = run({ apps: [coredns.app, gw.app, blocky.app], kustomizations: [coredns.ks, gw.ks, blocky.ks] });
    expect(result.map((v) => [v.ruleId, v.consumer])).toEqual([['dns-gateway-coredns', gw.ks.id]]);
  });

  it('a user rule is just another object in the list (and the shipped cnpg-crds rule sees the same Cluster)', () => {
    const cnpg = appWithKs('database', 'cloudnative-pg', [], { wait: true });
    const immich = appWithKs('media', 'immich');
    const cluster = { ...monitor({ name: 'immich-db', namespace: 'media', appId: immich.app.id, owner: immich.ks.id }), kind: 'Cluster', group: 'postgresql.cnpg.io' };
    const rule: ImplicitRule = {
      id: 'cnpg-operator',
      description: 'A CloudNativePG Cluster needs the operator.',
      needs: { collection: 'objects', where: { group: 'postgresql.cnpg.io', kind: 'Cluster' } },
      provider: { appName: /^cloudnative-pg$/ },
    };
    const { result } = run({ apps: [cnpg.app, immich.app], kustomizations: [cnpg.ks, immich.ks], objects: [cluster] }, [...DEFAULT_IMPLICIT_RULES, rule]);
    expect(result.map((v) => v.ruleId)).toEqual(['cnpg-crds', 'cnpg-operator']);
    // Without the user's rule, the shipped one alone.
    expect(run({ apps: [cnpg.app, immich.app], kustomizations: [cnpg.ks, immich.ks], objects: [cluster] }).result.map((v) => v.ruleId)).toEqual(['cnpg-crds']);
  });
});

describe('analyzeGraph', () => {
  it('returns graph, metrics and implicit violations, with all findings sorted together', async () => {
    const { analyzeGraph } = await import('../../src/analysis/graph/analyze.ts');
    const plex = appWithKs('media', 'plex', ['ghost']);
    const claim = pvc({ name: 'c', namespace: 'media', storageClass: 'longhorn', appId: plex.app.id, owner: plex.ks.id });
    const { result, findings } = analyzeGraph(model({ apps: [longhorn.app, plex.app], kustomizations: [longhorn.ks, plex.ks], pvcs: [claim] }));
    expect(result.metrics.counts.kustomizationEdges).toBe(1);
    expect(result.implicit.map((v) => v.ruleId)).toEqual(['storage-longhorn']);
    expect(findings.map((f) => f.code)).toEqual(['IMPLICIT_DEPENDENCY_MISSING', 'DEPENDS_ON_MISSING']);
  });
});
