import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * Flux generates the kustomization.yaml of a Kustomization's path that has none from every YAML file
 * below it, decoding each as Kubernetes manifests first (fluxcd/pkg kustomize generator): a chart's
 * values.yaml there stops the build ("failed to decode Kubernetes YAML ... missing Resource
 * metadata", fluxcd/flux2#3311). A Flux probe found this said nothing.
 */
describe('a YAML file that is no Kubernetes manifest below a path without kustomization.yaml', () => {
  const repo = tempRepos(afterAll);
  const scan = async (files: Record<string, string>) => {
    const r = repo('flux-not-k8s');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'KUSTOMIZE_NOT_KUBERNETES_YAML').map((f) => [f.severity, f.source.file]);
  };
  const values = 'replicaCount: 2\nimage:\n  tag: 1.0.0\n';

  it('stops the build: an error at the file', async () => {
    expect(await scan({ 'apps/web/values.yaml': values })).toEqual([['error', 'apps/web/values.yaml']]);
    expect(await scan({ 'apps/web/config/settings.yaml': values })).toEqual([['error', 'apps/web/config/settings.yaml']]);
  });

  it('stops the build where a document has a kind but no metadata.name (a kind cluster config), not for a List', async () => {
    // kubectl kustomize v5.5: "missing metadata.name in object {{kind.x-k8s.io/v1alpha4 Cluster} ...}".
    const kindConfig = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: local-2\nnodes:\n  - role: control-plane\n';
    expect(await scan({ 'apps/web/kind/local-2.yaml': kindConfig })).toEqual([['error', 'apps/web/kind/local-2.yaml']]);
    expect(await scan({ 'apps/web/list.yaml': 'apiVersion: v1\nkind: ConfigMapList\nitems: []\n' })).toEqual([]);
    // A name written as a number is a name (kubectl kustomize builds it).
    expect(await scan({ 'apps/web/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n  namespace: web\n' })).toEqual([]);
  });

  it('says nothing where a kustomization.yaml lists the manifests, or a subfolder has its own', async () => {
    expect(await scan({ 'apps/web/values.yaml': values, 'apps/web/kustomization.yaml': 'resources:\n  - helmrelease.yaml\n' })).toEqual([]);
    expect(await scan({ 'apps/web/chart/values.yaml': values, 'apps/web/chart/kustomization.yaml': 'configMapGenerator:\n  - name: web-values\n    files:\n      - values.yaml\n' })).toEqual([]);
  });

  it('says nothing of what Flux reads as no document or never reads: `{}`, `[]`, a .YAML file', async () => {
    expect(await scan({ 'apps/web/values.yaml': '{}\n', 'apps/web/empty.yaml': '[]\n', 'apps/web/NOTES.YAML': values })).toEqual([]);
  });

  it('says nothing where the folder has a kustomization.yaml kustomize reads (even a Flux Kustomization saved so), or the source is an OCI artifact', async () => {
    expect(await scan({ 'apps/web/values.yaml': values, 'apps/web/kustomization.yaml': fluxKustomization('web-self', './apps/web') })).toEqual([]);
    const oci = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: manifests\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: oci://ghcr.io/example/manifests\n  ref:\n    tag: latest\n';
    expect(await scan({ 'apps/web/values.yaml': values, 'clusters/prod/oci.yaml': oci, 'clusters/prod/apps.yaml': fluxKustomization('web', './apps/web').replace('kind: GitRepository\n    name: flux-system', 'kind: OCIRepository\n    name: manifests') })).toEqual([]);
  });

  it('says nothing of files the source leaves out: .sops.yaml always, any where a .sourceignore may', async () => {
    expect(await scan({ 'apps/web/.sops.yaml': 'creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n' })).toEqual([]);
    expect(await scan({ 'apps/web/values.yaml': values, '.sourceignore': 'values.yaml\n' })).toEqual([]);
  });
});
