import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * Fields of a Flux Kustomization's spec a probe of Flux's semantics found read wrongly or not at all
 * (kustomize-controller v1 API): decryption, healthCheckExprs, ignoreMissingComponents, a path that
 * names a file.
 */
describe("a Flux Kustomization's spec", () => {
  const repo = tempRepos(afterAll);
  const encrypted = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\n  namespace: default\nstringData:\n  password: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n  lastmodified: "2024-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.8.1\n';
  const scan = async (name: string, files: Record<string, string>) => {
    const r = repo(name);
    bootstrap(r);
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.map((f) => [f.code, f.severity]);
  };

  it('without decryption, over a SOPS-encrypted Secret: an error (kustomize-controller refuses the Secret)', async () => {
    expect(await scan('sops-no-decryption', { 'clusters/prod/apps.yaml': fluxKustomization('apps', './apps'), 'apps/secret.sops.yaml': encrypted })).toContainEqual(['SOPS_DECRYPTION_MISSING', 'error']);
    const withDecryption = fluxKustomization('apps', './apps', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n');
    expect((await scan('sops-decryption', { 'clusters/prod/apps.yaml': withDecryption, 'apps/secret.sops.yaml': encrypted })).map(([c]) => c)).not.toContain('SOPS_DECRYPTION_MISSING');
    // Decryption given to every child by a parent's spec.patches counts.
    const parent = fluxKustomization('apps', './apps', '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: _\n        spec:\n          decryption:\n            provider: sops\n      target:\n        kind: Kustomization\n');
    const codes = await scan('sops-parent-patch', { 'clusters/prod/apps.yaml': parent, 'apps/web.yaml': fluxKustomization('web', './web'), 'web/secret.sops.yaml': encrypted });
    expect(codes.map(([c]) => c)).not.toContain('SOPS_DECRYPTION_MISSING');
    // `kustomize.toolkit.fluxcd.io/decrypt: disabled`: applied as written (IsDecryptionDisabled).
    const optedOut = encrypted.replace('  namespace: default\n', '  namespace: default\n  annotations:\n    kustomize.toolkit.fluxcd.io/decrypt: Disabled\n');
    expect((await scan('sops-decrypt-disabled', { 'clusters/prod/apps.yaml': fluxKustomization('apps', './apps'), 'apps/secret.sops.yaml': optedOut })).map(([c]) => c)).not.toContain('SOPS_DECRYPTION_MISSING');
  });

  it('healthCheckExprs alone make no Kustomization wait (checkHealth returns early without wait or healthChecks)', async () => {
    const infra = fluxKustomization('infra', './infra', '  healthCheckExprs:\n    - apiVersion: v1\n      kind: ConfigMap\n      current: "true"\n');
    const apps = fluxKustomization('apps', './apps', '  dependsOn:\n    - name: infra\n');
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n';
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: operator\n  namespace: default\nspec:\n  template:\n    spec:\n      containers:\n        - name: operator\n          image: ghcr.io/example/operator:1.0.0\n';
    expect(await scan('health-exprs', { 'clusters/prod/ks.yaml': `${infra}---\n${apps}`, 'infra/deploy.yaml': deployment, 'apps/cm.yaml': cm })).toContainEqual(['DEPENDED_ON_WITHOUT_WAIT', 'warning']);
  });

  it('a missing component: an error where known missing, a warning where the artifact may hold it, nothing with ignoreMissingComponents', async () => {
    const ks = (extra: string) => fluxKustomization('apps', './apps', `  components:\n    - ../components/missing\n${extra}`);
    const cm = { 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n' };
    // Known missing from the repository's own Git source: kustomize stops, so it is an error.
    expect(await scan('component-missing', { 'clusters/prod/apps.yaml': ks(''), ...cm })).toContainEqual(['FLUX_COMPONENT_MISSING', 'error']);
    // Where the artifact may hold it (a submodule Flux fetches), only a warning.
    expect(await scan('component-submodule', { 'clusters/prod/apps.yaml': ks(''), '.gitmodules': '[submodule "components"]\n\tpath = components\n', ...cm })).toContainEqual(['FLUX_COMPONENT_MISSING', 'warning']);
    expect((await scan('component-ignored', { 'clusters/prod/apps.yaml': ks('  ignoreMissingComponents: true\n'), ...cm })).map(([c]) => c)).not.toContain('FLUX_COMPONENT_MISSING');
  });

  it('a path that names a file: a warning', async () => {
    expect(await scan('path-file', { 'clusters/prod/apps.yaml': fluxKustomization('apps', './apps/cm.yaml'), 'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n' })).toContainEqual(['FLUX_PATH_IS_FILE', 'warning']);
  });
});

describe('a suspended HelmRelease', () => {
  const repo = tempRepos(afterAll);

  it('is a FLUX_SUSPENDED note naming the releases that depend on it, and a suspended node of the graph', async () => {
    const r = repo('hr-suspended');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    const hr = (name: string, extra: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n${extra}  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`;
    r.put('apps/db.yaml', hr('db', '  suspend: true\n  upgrade:\n    disableWait: true\n'));
    r.put('apps/web.yaml', hr('web', '  dependsOn:\n    - name: db\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    expect(analysis.findings.filter((f) => f.code === 'FLUX_SUSPENDED').map((f) => f.message)).toEqual([expect.stringContaining('HelmRelease web/web depends on it')]);
    const node = analysis.graph.graph.nodes.find((n) => n.id === 'HelmRelease/web/db');
    expect([node?.suspended, node?.wait]).toEqual([true, false]);
  });
});

describe('two Kustomizations applying the same object, one of them to a remote cluster (spec.kubeConfig)', () => {
  const repo = tempRepos(afterAll);

  it('is no DUPLICATE_OBJECT: the kustomize-controller applies the remote one with that kubeconfig', async () => {
    const r = repo('kubeconfig');
    bootstrap(r);
    const remote = fluxKustomization('apps-remote', './edge', '  kubeConfig:\n    secretRef:\n      name: edge-kubeconfig\n');
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps-local', './local')}---\n${remote}`);
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n';
    r.put('local/cm.yaml', cm);
    r.put('edge/cm.yaml', cm);
    const codes = (await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => f.code);
    expect(codes).not.toContain('DUPLICATE_OBJECT');
    // Both local: Flux applies one over the other.
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps-local', './local')}---\n${fluxKustomization('apps-edge', './edge')}`);
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => f.code)).toContain('DUPLICATE_OBJECT');
    // Each with its own spec.namePrefix: two names in the cluster, no conflict.
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps-local', './local', '  namePrefix: local-\n')}---\n${fluxKustomization('apps-edge', './edge', '  namePrefix: edge-\n')}`);
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => f.code)).not.toContain('DUPLICATE_OBJECT');
  });
});

describe('more about DUPLICATE_OBJECT across clusters and renames', () => {
  const repo = tempRepos(afterAll);
  const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\n`;

  it('tells remote clusters apart by the Kustomization namespace of their kubeconfig Secret; keeps Namespaces a prefix does not rename', async () => {
    const r = repo('dup-more');
    bootstrap(r);
    const remote = (name: string, ns: string, path: string) => fluxKustomization(name, path, '  kubeConfig:\n    secretRef:\n      name: kubeconfig\n').replace('namespace: flux-system\nspec', `namespace: ${ns}\nspec`);
    r.put('clusters/prod/apps.yaml', `${remote('a', 'tenant-a', './a')}---\n${remote('b', 'tenant-b', './b')}`);
    r.put('a/cm.yaml', cm('default'));
    r.put('b/cm.yaml', cm('default'));
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => f.code)).not.toContain('DUPLICATE_OBJECT');
    // A Namespace is not prefixed: two Kustomizations with their own prefixes both apply `media`.
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('a', './a', '  namePrefix: a-\n')}---\n${fluxKustomization('b', './b', '  namePrefix: b-\n')}`);
    r.put('a/cm.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    r.put('b/cm.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => f.code)).toContain('DUPLICATE_OBJECT');
  });

  it('a Flux Kustomization saved as kustomization.yaml in a path: kustomize refuses the folder (an error)', async () => {
    const r = repo('ks-as-kustomization');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/cm.yaml', cm('default'));
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.map((f) => [f.code, f.severity])).toContainEqual(['KUSTOMIZE_WRONG_API_VERSION', 'error']);
  });
});
