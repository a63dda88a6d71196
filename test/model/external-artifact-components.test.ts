/**
 * A Flux Kustomization that builds an ExternalArtifact of an ArtifactGenerator (source-watcher) names
 * its spec.components relative to spec.path *inside the artifact*. The generator below copies
 * `deploy/workloads/**` to the artifact's root and `deploy/shared/**` to `shared/`, so `path: ./web`
 * with `components: [../shared/namespace]` is the artifact's `shared/namespace`, filled from
 * `deploy/shared/namespace`. Joined in the Git tree instead (`deploy/workloads/shared/namespace`) it
 * named no folder: a false FLUX_COMPONENT_MISSING, and the component's Namespace belonged to no app.
 *
 * Oracle, the artifact emulated (web/ and shared/namespace/ side by side, with the `namespace: web-ns`
 * and `components: [../shared/namespace]` Flux adds to web/kustomization.yaml): `kubectl kustomize web`
 * (v5.5) exits 0 with Namespace web-ns and ServiceAccount web in web-ns.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

function model(files: Record<string, string>) {
  const docs = Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs);
  return buildModel({ name: 't', files: Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1 })), docs, findings: [] });
}

const ks = (name: string, spec: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  prune: true\n${spec}`;
const fromGit = '  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
const fromArtifact = '  sourceRef:\n    kind: ExternalArtifact\n    name: workloads\n';
const generator =
  'apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata:\n  name: lab\n  namespace: flux-system\nspec:\n  sources:\n    - alias: git\n      kind: GitRepository\n      name: flux-system\n  artifacts:\n    - name: workloads\n      copy:\n        - from: "@git/deploy/workloads/**"\n          to: "@artifact/"\n        - from: "@git/deploy/shared/**"\n          to: "@artifact/shared/"\n';

const repo = (component: string) => ({
  'clusters/lab/sync.yaml': `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.org/lab.git\n  ref:\n    branch: main\n---\n${ks('flux-system', `  path: ./clusters/lab\n${fromGit}`)}`,
  'clusters/lab/generator.yaml': generator,
  'clusters/lab/web.yaml': ks('web', `  path: ./web\n  targetNamespace: web-ns\n  components:\n    - ${component}\n${fromArtifact}`),
  'deploy/workloads/web/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - service-account.yaml\n',
  'deploy/workloads/web/service-account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
  'deploy/shared/namespace/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - namespace.yaml\n',
  'deploy/shared/namespace/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: placeholder\n',
});

describe('spec.components of an ExternalArtifact Kustomization', () => {
  it('resolves the entry inside the artifact and maps it through the copy rules', () => {
    const m = model(repo('../shared/namespace'));
    expect(m.findings.filter((f) => f.code === 'FLUX_COMPONENT_MISSING')).toEqual([]);
    const ns = m.objects.find((o) => o.kind === 'Namespace');
    expect(ns?.name).toBe('web-ns');
    expect(ns?.owner).toBe('Kustomization/flux-system/web');
    expect(ns?.appId).toBe(m.objects.find((o) => o.kind === 'ServiceAccount')?.appId);
  });

  it('still warns about an entry that names nothing in the artifact', () => {
    const m = model(repo('../shared/absent'));
    expect(m.findings.filter((f) => f.code === 'FLUX_COMPONENT_MISSING').map((f) => f.source)).toMatchObject([{ file: 'clusters/lab/web.yaml' }]);
  });
});
