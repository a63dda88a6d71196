import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

/** Build a model from in-memory files (path -> YAML text). */
function model(files: Record<string, string>) {
  const docs = Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs);
  return buildModel({ name: 't', files: Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1 })), docs, findings: [] });
}

const ks = (name: string, path: string) => `---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ${path}\n`;

describe('ids stay unique when the repository repeats itself', () => {
  it('numbers the third and later apps of one name instead of reusing "-2" (found by the model property test)', () => {
    const app = (root: string) => ({
      [`${root}/media/plex/ks.yaml`]: `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: plex\n  namespace: flux-system\nspec:\n  targetNamespace: media\n  path: ./${root}/media/plex/app\n`,
      [`${root}/media/plex/app/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plex\n',
    });
    const m = model({ ...app('one'), ...app('two'), ...app('three') });
    expect(m.apps.map((a) => a.id).sort()).toEqual(['media/plex', 'media/plex-2', 'media/plex-3']);
    const ids = m.apps.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reports one object defined twice, keeps both, and gives the second its own id', () => {
    const m = model({
      'flux/ks.yaml': ks('apps', './apps'),
      'apps/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'apps/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      // Not in any build: a twin here is no conflict.
      'examples/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n',
    });
    expect(m.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.id).sort()).toEqual(['ConfigMap/default/x', 'ConfigMap/default/x#2', 'ConfigMap/default/x#3']);
    // One build holds both: kustomize refuses it, which is the one finding (Flux applies nothing of
    // that build, so no copy reaches the cluster to clash as DUPLICATE_OBJECT).
    expect(m.findings.filter((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE' || f.code === 'DUPLICATE_OBJECT').map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_DUPLICATE_RESOURCE apps/b.yaml:1']);
  });
});

describe('kustomize names Namespace objects after its namespace field', () => {
  it('turns home-ops `name: _` Namespaces into one per folder, so they are not duplicates', () => {
    const folder = (ns: string) => ({
      [`apps/${ns}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n  - ./namespace.yaml\n`,
      [`apps/${ns}/namespace.yaml`]: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: _\n',
    });
    const m = model({ 'flux/ks.yaml': ks('apps', './apps'), ...folder('media'), ...folder('default') });
    expect(m.objects.filter((o) => o.kind === 'Namespace').map((o) => o.id).sort()).toEqual(['Namespace/_cluster/default', 'Namespace/_cluster/media']);
    expect(m.findings.filter((f) => f.code === 'DUPLICATE_OBJECT')).toEqual([]);
  });
});
