/**
 * A kustomization.yaml that Flux builds only inside an ExternalArtifact resolves its `../` entries
 * where the artifact has them. The ArtifactGenerator below copies `platform/services/**` to the
 * artifact's root and `platform/lib/**` to `lib/`; `platform/services/api/kustomization.yaml` lists
 * `../lib/settings`, which in the artifact is `lib/settings` (from `platform/lib/settings`) and in the
 * tree `platform/services/lib/settings`, no folder.
 *
 * Oracles (kubectl kustomize v5.5): in the tree, `kubectl kustomize platform/services/api` fails
 * ("evalsymlink failure on .../platform/services/lib/settings"); in the artifact emulated (api/ and
 * lib/settings/ copied as the rules say, `namespace: api-ns` added as Flux does for targetNamespace),
 * `kubectl kustomize api` exits 0 with ServiceAccount api and ConfigMap settings, both in api-ns.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

function model(files: Record<string, string>) {
  const docs = Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs);
  return buildModel({ name: 't', files: Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1 })), docs, findings: [] });
}

const ks = (name: string, spec: string) => `---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  prune: true\n${spec}`;
const fromGit = '  sourceRef:\n    kind: GitRepository\n    name: flux-system\n';
const fromArtifact = '  sourceRef:\n    kind: ExternalArtifact\n    name: services\n';

const files = {
  'clusters/edge/sync.yaml': `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.org/edge.git\n  ref:\n    branch: main\n${ks('flux-system', `  path: ./clusters/edge\n${fromGit}`)}`,
  'clusters/edge/generator.yaml':
    'apiVersion: source.extensions.fluxcd.io/v1beta1\nkind: ArtifactGenerator\nmetadata:\n  name: edge\n  namespace: flux-system\nspec:\n  sources:\n    - alias: git\n      kind: GitRepository\n      name: flux-system\n  artifacts:\n    - name: services\n      copy:\n        - from: "@git/platform/services/**"\n          to: "@artifact/"\n        - from: "@git/platform/lib/**"\n          to: "@artifact/lib/"\n',
  'clusters/edge/api.yaml': ks('api', `  path: ./api\n  targetNamespace: api-ns\n${fromArtifact}`),
  'platform/services/api/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - service-account.yaml\n  - ../lib/settings\n',
  'platform/services/api/service-account.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n',
  'platform/lib/settings/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - settings.yaml\n',
  'platform/lib/settings/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: info\n',
};

describe('entries of a kustomization.yaml built only inside an ExternalArtifact', () => {
  it('resolves a ../ entry in the artifact: no missing resource, its objects in the build', () => {
    const m = model(files);
    expect(m.findings.filter((f) => f.code === 'KUSTOMIZE_RESOURCE_MISSING')).toEqual([]);
    const settings = m.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'settings');
    expect(settings?.id).toBe('ConfigMap/api-ns/settings');
    expect(settings?.owner).toBe('Kustomization/flux-system/api');
    expect(settings?.appId).toBe(m.objects.find((o) => o.kind === 'ServiceAccount')?.appId);
  });

  it('keeps the tree meaning for a folder a Git build reaches too: kustomize fails there', () => {
    const m = model({ ...files, 'clusters/edge/api-git.yaml': ks('api-git', `  path: ./platform/services/api\n  targetNamespace: api-git\n${fromGit}`) });
    expect(m.findings.filter((f) => f.code === 'KUSTOMIZE_RESOURCE_MISSING').map((f) => f.source)).toMatchObject([{ file: 'platform/services/api/kustomization.yaml', line: 5 }]);
  });
});
