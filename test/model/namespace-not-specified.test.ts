import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * Flux applies with server-side apply, which gives a namespaced object no default namespace: a
 * ConfigMap that neither names one nor gets one from kustomize or targetNamespace fails the whole
 * Kustomization ("ConfigMap/cluster-config namespace not specified"; a home-ops repository lost its
 * cluster settings that way in 2026, and neither flux-local nor flate caught it).
 */
describe('a namespaced object without a namespace', () => {
  const repo = tempRepos(afterAll);

  async function errors(spec: string, files: Record<string, string>) {
    const r = repo('ns-not-specified');
    r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    r.put('clusters/home/config.yaml', fluxKustomization('cluster-config', './config', spec));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'FLUX_NAMESPACE_NOT_SPECIFIED').map((f) => `${f.source.file}:${f.source.line}`);
  }
  const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-config\n${ns}data:\n  TZ: Europe/Paris\n`;

  it('is an error where nothing gives it one', async () => {
    expect(await errors('', { 'config/cm.yaml': cm('') })).toEqual(['config/cm.yaml:1']);
  });

  it('is an error for an operator\'s namespaced resource too, and under a parent patch that writes no namespace', async () => {
    // A CloudNativePG Cluster with no namespace was modelled in `default` (an outside review); Flux's apply fails.
    const pg = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 1\n';
    expect(await errors('', { 'config/pg.yaml': pg })).toEqual(['config/pg.yaml:1']);
    // spec.patches that set HelmRelease install options (no namespace) leave the object without one.
    const installOptions = '  patches:\n    - target:\n        kind: HelmRelease\n      patch: |\n        apiVersion: helm.toolkit.fluxcd.io/v2\n        kind: HelmRelease\n        metadata:\n          name: not-used\n        spec:\n          install:\n            crds: CreateReplace\n';
    expect(await errors(installOptions, { 'config/cm.yaml': cm('') })).toEqual(['config/cm.yaml:1']);
    // Nor does a Component that only adds objects (a home-ops volsync component): it sets no namespace.
    expect(await errors('  components:\n    - ../comp\n', { 'config/cm.yaml': cm(''), 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n', 'comp/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: flux-system\n' })).toEqual(['config/cm.yaml:1']);
    // Nor a patch whose text holds the word only in a value or another key (`WATCH_NAMESPACE`, `namespaceSelector:`;
    // outside review: an operator's Deployment without a namespace went unreported under such a patch).
    const envPatch = '  patches:\n    - target:\n        kind: ConfigMap\n      patch: |\n        - op: replace\n          path: /data/TZ\n          value: WATCH_NAMESPACE\n        - op: add\n          path: /metadata/labels\n          value: {namespaceSelector: x}\n';
    expect(await errors(envPatch, { 'config/cm.yaml': cm('') })).toEqual(['config/cm.yaml:1']);
  });

  it("is an error under a Component whose patch file writes no namespace, none under one whose patch file does", async () => {
    // A home-ops dragonfly component: its ks-patch.yaml adds dependsOn to Flux Kustomizations; it was
    // read as "may set a namespace" for being a file, and the error was lost (outside review).
    const comp = (patch: string) => ({
      'config/cm.yaml': cm(''),
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: ./ks-patch.yaml\n    target:\n      kind: Kustomization\n      group: kustomize.toolkit.fluxcd.io\n',
      'comp/ks-patch.yaml': patch,
    });
    const addsDependsOn = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: not-used\nspec:\n  dependsOn:\n    - name: dragonfly-operator\n';
    expect(await errors('  components:\n    - ../comp\n', comp(addsDependsOn))).toEqual(['config/cm.yaml:1']);
    const setsNamespace = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-config\n  namespace: patched\n';
    expect(await errors('  components:\n    - ../comp\n', comp(setsNamespace))).toEqual([]);
  });

  it('is fine with targetNamespace, a kustomize namespace: or its own', async () => {
    expect(await errors('  targetNamespace: flux-system\n', { 'config/cm.yaml': cm('') })).toEqual([]);
    expect(await errors('', { 'config/kustomization.yaml': 'namespace: flux-system\nresources:\n  - cm.yaml\n', 'config/cm.yaml': cm('') })).toEqual([]);
    expect(await errors('', { 'config/cm.yaml': cm('  namespace: flux-system\n') })).toEqual([]);
  });

  it('says nothing where the namespace may come from what the build does not follow (a reviewer\'s false errors)', async () => {
    // A Component of spec.components that sets `namespace:` (Flux adds it to the path's kustomization).
    expect(await errors('  components:\n    - ../comp\n', { 'config/cm.yaml': cm(''), 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamespace: compns\n' })).toEqual([]);
    // The Kustomization's own JSON6902 patch adding metadata.namespace.
    expect(await errors('  patches:\n    - target:\n        kind: ConfigMap\n      patch: |\n        - op: add\n          path: /metadata/namespace\n          value: patched\n', { 'config/cm.yaml': cm('') })).toEqual([]);
    // A strategic merge patch that writes metadata.namespace, and a JSON 6902 op on the whole metadata.
    expect(await errors('  patches:\n    - target:\n        kind: ConfigMap\n      patch: |\n        apiVersion: v1\n        kind: ConfigMap\n        metadata:\n          name: cluster-config\n          namespace: patched\n', { 'config/cm.yaml': cm('') })).toEqual([]);
    expect(await errors('  patches:\n    - target:\n        kind: ConfigMap\n      patch: |\n        - op: replace\n          path: /metadata\n          value: {name: cluster-config, namespace: patched}\n', { 'config/cm.yaml': cm('') })).toEqual([]);
    // A NamespaceTransformer among the kustomization's transformers.
    expect(await errors('', {
      'config/kustomization.yaml': 'resources:\n  - cm.yaml\ntransformers:\n  - ns.yaml\n',
      'config/ns.yaml': 'apiVersion: builtin\nkind: NamespaceTransformer\nmetadata:\n  name: ns\n  namespace: viatransformer\n',
      'config/cm.yaml': cm(''),
    })).toEqual([]);
  });

  it('says nothing of cluster-scoped kinds, nor of custom kinds whose scope the model does not know', async () => {
    const files = {
      'config/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n',
      'config/issuer.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme: {}\n',
      'config/tenant.yaml': 'apiVersion: capsule.clastix.io/v1beta2\nkind: Tenant\nmetadata:\n  name: team-a\nspec: {}\n',
    };
    expect(await errors('', files)).toEqual([]);
  });
});
