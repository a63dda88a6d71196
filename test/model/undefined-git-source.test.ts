import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A Kustomization whose sourceRef names a GitRepository the repository does not define
 * (`home-kubernetes`, the name a FluxInstance gives its sync of this repository), with a path that is
 * a folder of this tree: it builds this tree. It was read as another repository's, its targetNamespace
 * dropped, its HelmReleases put in `default`, and a false DEPENDS_ON_MISSING error advised to
 * change a correct dependsOn to `default`.
 */
describe('a Kustomization of a GitRepository the repository does not define', () => {
  const repo = tempRepos(afterAll);

  it('builds this tree where its path is one of its folders', async () => {
    const r = repo('undefined-git-source');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./op/ks.yaml\n');
    r.put('apps/op/ks.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: operator\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./apps/op/app\n  prune: true\n  targetNamespace: flux-system\n  sourceRef:\n    kind: GitRepository\n    name: home-kubernetes\n');
    const hr = (name: string, deps: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n${deps}  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: controlplane\n`;
    r.put('apps/op/app/release.yaml', `${hr('flux-operator', '')}---\n${hr('flux-instance', '  dependsOn:\n    - name: flux-operator\n      namespace: flux-system\n')}`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.helmReleases.map((h) => h.id).sort()).toEqual(['HelmRelease/flux-system/flux-instance', 'HelmRelease/flux-system/flux-operator']);
    expect(analyse(model, config).findings.filter((f) => f.code === 'DEPENDS_ON_MISSING')).toEqual([]);
  });
});
