/**
 * A GitRepository's spec.include copies another repository into this one's artifact (`toPath`, by
 * default the included GitRepository's name): a Kustomization whose path is there, and a
 * kustomization.yaml entry that names a file there, are not missing, though this tree does not hold
 * them (outside review: FLUX_PATH_MISSING and KUSTOMIZE_RESOURCE_MISSING warnings on a repository
 * that vendors its ingress manifests so). A path outside every include is still judged.
 * https://fluxcd.io/flux/components/source/gitrepositories/#include
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const gitRepository = (name: string, url: string, include = '') =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1m\n  ref:\n    branch: main\n  url: ${url}\n${include}`;

describe("a GitRepository's spec.include", () => {
  const repo = tempRepos(afterAll);

  const codes = async (include: string) => {
    const r = repo('git-include');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', `${gitRepository('flux-system', 'https://git.example/fleet', include)}---\n${fluxKustomization('flux-system', './clusters/prod')}`);
    r.put('clusters/prod/sources.yaml', `${gitRepository('shared-manifests', 'https://git.example/shared')}---\n${gitRepository('proxy', 'https://git.example/proxy')}`);
    r.put('clusters/prod/ks.yaml', `${fluxKustomization('proxy', './proxy')}---\n${fluxKustomization('web', './apps/web')}---\n${fluxKustomization('typo', './apps/wbe')}`);
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ../../proxy/middleware.yaml\n  - ../../vendor/other/x.yaml\n  - cm.yaml\n');
    r.put('apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'FLUX_PATH_MISSING' || f.code === 'KUSTOMIZE_RESOURCE_MISSING' || f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => `${f.code} ${/"([^"]+)"/.exec(f.message)?.[1]}`).sort();
  };

  it('fills toPath: no finding for what is there, still one for what is not', async () => {
    const found = await codes('  include:\n    - repository:\n        name: shared-manifests\n      fromPath: deploy/proxy\n      toPath: proxy\n');
    expect(found).toEqual(['FLUX_PATH_MISSING ./apps/wbe', 'KUSTOMIZE_RESOURCE_MISSING ../../vendor/other/x.yaml']);
  });

  it('without toPath, copies to the folder of the included repository\'s name', async () => {
    const found = await codes('  include:\n    - repository:\n        name: proxy\n');
    expect(found).toEqual(['FLUX_PATH_MISSING ./apps/wbe', 'KUSTOMIZE_RESOURCE_MISSING ../../vendor/other/x.yaml']);
  });

  it('without an include, the vendored paths are missing', async () => {
    const found = await codes('');
    // (Without an include the artifact is this tree, so the build surely fails: an error.)
    expect(found).toEqual(['FLUX_PATH_MISSING ./apps/wbe', 'FLUX_PATH_MISSING ./proxy', 'KUSTOMIZE_FILE_MISSING ../../proxy/middleware.yaml', 'KUSTOMIZE_FILE_MISSING ../../vendor/other/x.yaml']);
  });
});
