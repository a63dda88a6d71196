/**
 * KUSTOMIZATION_SOURCE_MISSING: an app's ks.yaml that its folder's kustomization.yaml moves into the
 * app's namespace (`namespace: finance`), still naming `GitRepository flux-system` without a namespace,
 * looks for finance/flux-system: kustomize-controller reports the source as not found and applies
 * nothing. Outside reviews found it three times with nothing said. Judged only where both namespaces are
 * certain and the repository creates the source elsewhere; for a source it defines nowhere, only where
 * that is this repository under a stale name (ks-source-defined-nowhere.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, path: string, sourceRef: string, ns = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n${sourceRef}`;
const gitRepo = (name: string, ns: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  url: https://example.org/${name}.git\n  ref:\n    branch: main\n`;
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('a Kustomization whose source is in another namespace', () => {
  const repo = tempRepos(afterAll);

  it('is a warning at its sourceRef where its folder moves it away from flux-system; not where the namespace is written or unsure', async () => {
    const r = repo('ks-source-missing');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/home/shared-source.yaml', gitRepo('shared', 'flux-system'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./finance\n  - ./media\n  - ./team\n  - ./templated\n');
    // The home-ops mistake: the namespace folder's kustomization.yaml moves every ks.yaml into `finance`.
    r.put('apps/finance/kustomization.yaml', 'namespace: finance\nresources:\n  - ./actual/ks.yaml\n  - ./ledger/ks.yaml\n  - ./other/ks.yaml\n');
    r.put('apps/finance/actual/ks.yaml', ks('actual', './apps/finance/actual/app', '    kind: GitRepository\n    name: flux-system\n'));
    r.put('apps/finance/ledger/ks.yaml', ks('ledger', './apps/finance/ledger/app', '    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n'));
    // A source the repository defines nowhere, with a path of this tree, while the root reads the tree as
    // flux-system: a stale name of it (ks-source-defined-nowhere.test.ts).
    r.put('apps/finance/other/ks.yaml', ks('other', './apps/finance/other/app', '    kind: GitRepository\n    name: elsewhere\n'));
    for (const a of ['actual', 'ledger', 'other']) r.put(`apps/finance/${a}/app/cm.yaml`, configMap(a));
    // Written in flux-system and kept there: its own namespace is the source's.
    r.put('apps/media/kustomization.yaml', 'resources:\n  - ./ks.yaml\n');
    r.put('apps/media/ks.yaml', ks('media', './apps/media/app', '    kind: GitRepository\n    name: shared\n', 'flux-system') + '  targetNamespace: media\n');
    r.put('apps/media/app/cm.yaml', configMap('media'));
    // A tenant's own source in its namespace, and a named one that points elsewhere.
    r.put('apps/team/kustomization.yaml', 'resources:\n  - ./source.yaml\n  - ./ks.yaml\n  - ./wrong.yaml\n');
    r.put('apps/team/source.yaml', gitRepo('team', 'team'));
    r.put('apps/team/ks.yaml', ks('team', './apps/team/app', '    kind: GitRepository\n    name: team\n', 'team'));
    r.put('apps/team/wrong.yaml', ks('team-shared', './apps/team/app', '    kind: GitRepository\n    name: shared\n    namespace: team\n', 'team'));
    r.put('apps/team/app/cm.yaml', configMap('team'));
    // A namespace left for Flux to fill in: not known, so not judged.
    r.put('apps/templated/kustomization.yaml', 'namespace: ${TENANT}\nresources:\n  - ./ks.yaml\n');
    r.put('apps/templated/ks.yaml', ks('templated', './apps/templated/app', '    kind: GitRepository\n    name: flux-system\n'));
    r.put('apps/templated/app/cm.yaml', configMap('templated'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZATION_SOURCE_MISSING');
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['warning apps/finance/actual/ks.yaml:9', 'warning apps/finance/other/ks.yaml:9', 'warning apps/team/wrong.yaml:10']);
    expect(found[0]!.message).toContain('GitRepository finance/flux-system');
    expect(found[0]!.message).toContain('Write namespace: flux-system in the sourceRef');
    expect(found[1]!.message).toContain('GitRepository finance/elsewhere, which no document of this repository defines');
    expect(found[2]!.message).toContain('the sourceRef names team');
    expect(found[2]!.message).toContain('clusters/home/shared-source.yaml:1');
    // The app page names the namespace the sourceRef looks in, where it is not flux-system.
    const source = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!.deployment.find((d) => d.name === name)?.source;
    expect([source('actual'), source('ledger')]).toEqual(['GitRepository/finance/flux-system', 'GitRepository/flux-system']);
  });

  // Code review: a definition no build applies, a Kustomization another cluster runs, a sourceRef without a kind.
  it('is not judged for a source no build applies, for what a kubeConfig Kustomization applies, nor without a kind', async () => {
    const r = repo('ks-source-not-judged');
    bootstrap(r, 'hub');
    r.put('clusters/hub/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/hub/spoke.yaml', fluxKustomization('spoke-a', './spokes/a', '  kubeConfig:\n    secretRef:\n      name: spoke-a-kubeconfig\n'));
    r.put('clusters/hub/apps-source.yaml', gitRepo('apps', 'flux-system'));
    r.put('docs/examples/platform-source.yaml', gitRepo('platform', 'infra'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./platform.yaml\n  - ./nokind.yaml\n');
    r.put('apps/platform.yaml', ks('platform', './apps/platform', '    kind: GitRepository\n    name: platform\n', 'flux-system'));
    r.put('apps/nokind.yaml', ks('nokind', './apps/platform', '    name: apps\n', 'team'));
    r.put('apps/platform/cm.yaml', configMap('platform'));
    r.put('spokes/a/tenant-ks.yaml', ks('tenant-apps', './apps/platform', '    kind: GitRepository\n    name: apps\n', 'tenant-a'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.find((k) => k.name === 'tenant-apps')?.remote).toBe(true);
    expect(analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZATION_SOURCE_MISSING')).toEqual([]);
  });
});

describe('a Kustomization written in flux-system that its folder moves', () => {
  const repo = tempRepos(afterAll);

  // Outside review: `metadata.namespace: flux-system` written in the ks.yaml, `namespace: network` in the
  // folder's kustomization.yaml: kustomize's namespace wins, and the sourceRef without a namespace looks in network.
  it('is judged in the namespace its build gives it, as one written without a namespace is', async () => {
    const r = repo('ks-source-moved');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/home/source.yaml', gitRepo('home-ops', 'flux-system'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./network\n  - ./media\n');
    r.put('apps/network/kustomization.yaml', 'namespace: network\nresources:\n  - ./envoy/ks.yaml\n');
    r.put('apps/network/envoy/ks.yaml', ks('envoy', './apps/network/envoy/app', '    kind: GitRepository\n    name: home-ops\n', 'flux-system'));
    r.put('apps/network/envoy/app/cm.yaml', configMap('envoy'));
    // Kept in flux-system (no namespace: in its folder): its sourceRef finds the source.
    r.put('apps/media/kustomization.yaml', 'resources:\n  - ./ks.yaml\n');
    r.put('apps/media/ks.yaml', ks('media', './apps/media/app', '    kind: GitRepository\n    name: home-ops\n', 'flux-system'));
    r.put('apps/media/app/cm.yaml', configMap('media'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZATION_SOURCE_MISSING');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/network/envoy/ks.yaml']);
    expect(found[0]!.message).toContain('GitRepository network/home-ops');
    expect(found[0]!.message).toContain('Write namespace: flux-system in the sourceRef');
  });

  // Outside review (a probe of two clusters): cluster beta's Kustomization read a GitRepository only
  // alpha's builds create, with nothing said; each cluster's kustomize-controller finds its own sources only.
  it("is a warning where only another cluster's builds create the source; not for the bootstrap's own source", async () => {
    const r = repo('ks-source-other-cluster');
    bootstrap(r, 'alpha');
    bootstrap(r, 'beta');
    r.put('clusters/alpha/extra-source.yaml', gitRepo('extra', 'flux-system'));
    r.put('clusters/alpha/extra.yaml', ks('extra', './apps/extra', '    kind: GitRepository\n    name: extra\n', 'flux-system'));
    r.put('clusters/beta/extra.yaml', ks('extra', './apps/extra', '    kind: GitRepository\n    name: extra\n', 'flux-system'));
    r.put('clusters/beta/own.yaml', ks('own', './apps/own', '    kind: GitRepository\n    name: flux-system\n', 'flux-system'));
    r.put('apps/extra/cm.yaml', configMap('extra'));
    r.put('apps/own/cm.yaml', configMap('own'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZATION_SOURCE_MISSING');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning clusters/beta/extra.yaml']);
    expect(found[0]!.message).toContain("which no Flux build of cluster 'beta' creates: it is defined for cluster 'alpha' (clusters/alpha/extra-source.yaml:1)");
  });
});
