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

/**
 * An ExternalArtifact no generator of the repository makes, built at its root (`path: .`): the guess
 * that its paths follow the repository's own root does not stretch to the root itself. Outside review
 * (a Flux 2.7 repository whose one ArtifactGenerator makes `apps` only): `infrastructure` from
 * ExternalArtifact/infrastructure at `.` was built as the whole repository, 21 false
 * KUSTOMIZE_DUPLICATE_RESOURCE errors (a base reached directly and through its overlay) and every app
 * shown not deployed.
 */
describe('an ExternalArtifact no generator makes, at its root', () => {
  it('is not taken for the whole repository', () => {
    const m = model({
      ...files,
      'clusters/edge/infrastructure.yaml': ks('infrastructure', '  path: .\n  sourceRef:\n    kind: ExternalArtifact\n    name: infrastructure\n'),
      'platform/base/web/deployment.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n',
      'platform/prod/kustomization.yaml': 'resources:\n  - ../base/web/deployment.yaml\n',
    });
    expect(m.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
    expect(m.objects.filter((o) => o.owner === 'Kustomization/flux-system/infrastructure')).toEqual([]);
    expect(m.objects.find((o) => o.kind === 'ServiceAccount')?.owner).toBe('Kustomization/flux-system/api');
  });
});
