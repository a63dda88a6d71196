import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A cluster's root Kustomization (gotk-sync.yaml, applied by `flux bootstrap`, owned by no
 * Kustomization) at kustomize.toolkit.fluxcd.io/v1beta2 was not flagged while its GitRepository in
 * the same file was: the root was judged "not deployed" for having no owner.
 */
describe('DEPRECATED_API_VERSION on a cluster root', () => {
  const repo = tempRepos(afterAll);

  it('flags the root Kustomization of gotk-sync.yaml as its GitRepository', async () => {
    const r = repo('deprecated-root');
    const gitRepository = 'apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.org/fleet.git\n  ref:\n    branch: main\n';
    r.put('clusters/home/flux-system/gotk-sync.yaml', `${gitRepository}---\n${fluxKustomization('flux-system', './clusters/home').replace('kustomize.toolkit.fluxcd.io/v1', 'kustomize.toolkit.fluxcd.io/v1beta2')}`);
    r.put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'DEPRECATED_API_VERSION');
    expect(found.map((f) => `${f.source.file}:${f.source.line} ${f.message.split(' uses ')[0]}`)).toEqual([
      'clusters/home/flux-system/gotk-sync.yaml:1 GitRepository flux-system',
      'clusters/home/flux-system/gotk-sync.yaml:12 Kustomization flux-system',
    ]);
  });
});
