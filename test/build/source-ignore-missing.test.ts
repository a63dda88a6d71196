/**
 * A source's spec.ignore (or a .sourceignore) only leaves paths out of the artifact Flux builds: a
 * file the tree does not hold is missing there too, and kustomize stops at it. The common home-ops
 * `ignore: /* !/kubernetes` had turned every such KUSTOMIZE_FILE_MISSING error into a warning, and
 * the app into a deployed one (outside review, multi-cluster home-ops). spec.include, which copies
 * another repository in, still makes a missing path unsure.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sync = (extra: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://git.example/home\n  ref:\n    branch: main\n${extra}---\n${fluxKustomization('flux-system', './kubernetes/flux')}`;

describe('a file a kustomization.yaml names that the tree does not hold', () => {
  const repo = tempRepos(afterAll);

  const found = async (extra: string) => {
    const r = repo('source-ignore');
    r.put('kubernetes/flux/gotk-sync.yaml', sync(extra));
    r.put('kubernetes/flux/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - repositories\n');
    r.put('kubernetes/flux/repositories/kustomization.yaml', 'resources:\n  - charts.yaml\n  - ./absent.yaml\n');
    r.put('kubernetes/flux/repositories/charts.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  url: https://charts.example.org\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const oracle = kubectlKustomize(join(r.root, 'kubernetes/flux/repositories'));
    return { codes: model.findings.filter((f) => f.source.file === 'kubernetes/flux/repositories/kustomization.yaml').map((f) => `${f.code} ${f.severity}`), oracle };
  };

  it('is an error under spec.ignore too: the build fails (kubectl kustomize agrees)', async () => {
    const { codes, oracle } = await found('  ignore: |\n    /*\n    !/kubernetes\n');
    expect(codes).toEqual(['KUSTOMIZE_FILE_MISSING error']);
    if (oracle !== 'absent') expect(oracle).toBe('failed');
  });

  it('is an error without it', async () => {
    expect((await found('')).codes).toEqual(['KUSTOMIZE_FILE_MISSING error']);
  });

  it('stays a warning where spec.include may bring it', async () => {
    const { codes } = await found('  include:\n    - repository:\n        name: shared\n      toPath: vendor\n');
    expect(codes).toEqual(['KUSTOMIZE_RESOURCE_MISSING warning']);
  });
});
