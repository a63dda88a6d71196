import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

/**
 * Flux `spec.components` (home-ops: a shared persistence or backup component per app). Flux adds the
 * components to the kustomization at spec.path, so that kustomization's `namespace:` and the
 * Kustomization's targetNamespace reach them; otherwise an object keeps the namespace it names, as
 * `kubectl kustomize` keeps it. The Flux Kustomization's own namespace is no default for either.
 */
describe('objects of spec.components', () => {
  const repo = tempRepos(afterAll);

  async function namespaces(spec: string, pathKustomization: string | null) {
    const r = repo('component-ns');
    r.put('flux/ks.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n');
    r.put('apps/kustomization.yaml', 'namespace: media\nresources:\n  - ./demo/ks.yaml\n');
    r.put('apps/demo/ks.yaml', `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: demo\nspec:\n  interval: 1h\n  path: ./apps/demo/app\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n  components:\n    - ../../../components/persist\n${spec}`);
    r.put('apps/demo/app/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n');
    if (pathKustomization) r.put('apps/demo/app/kustomization.yaml', pathKustomization);
    r.put('components/persist/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./pvc.yaml\n');
    r.put('components/persist/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: demo\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: explicit\n  namespace: tools\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.objects.filter((o) => o.owner === 'Kustomization/media/demo').map((o) => `${o.kind}/${o.namespace}/${o.name}`).sort();
  }

  it("keep their own namespace, and are not put in the Kustomization's", async () => {
    // Before: the component's objects went to media (the Kustomization's namespace), the app's own to default.
    expect(await namespaces('', null)).toEqual(['ConfigMap/default/demo', 'ConfigMap/tools/explicit', 'PersistentVolumeClaim/default/demo']);
  });

  it("take the namespace of the kustomization.yaml at spec.path, and targetNamespace over both", async () => {
    expect(await namespaces('', 'namespace: photos\nresources:\n  - configmap.yaml\n')).toEqual(['ConfigMap/photos/demo', 'ConfigMap/photos/explicit', 'PersistentVolumeClaim/photos/demo']);
    expect(await namespaces('  targetNamespace: books\n', 'namespace: photos\nresources:\n  - configmap.yaml\n')).toEqual(['ConfigMap/books/demo', 'ConfigMap/books/explicit', 'PersistentVolumeClaim/books/demo']);
  });
});
