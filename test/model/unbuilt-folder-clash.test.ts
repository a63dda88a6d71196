/**
 * A folder whose kustomization.yaml is a Flux Kustomization saved under that name: kustomize stops
 * there ("invalid Kustomization: json: unknown field spec"; KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION).
 * Its files are kept for the model, but no build holds them, so two of them alike (the Flux
 * Kustomization in kustomization.yaml and its copy in ks.yaml) are no duplicate: an outside review
 * found a false KUSTOMIZE_DUPLICATE_RESOURCE one overlay level up, where the clash was judged again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('objects of a folder kustomize stops at', () => {
  const repo = tempRepos(afterAll);
  const errors = async (levels: 1 | 2) => {
    const r = repo('unbuilt-clash');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    const web = fluxKustomization('web', './web');
    r.put('apps/base/ks.yaml', web);
    r.put('apps/base/kustomization.yaml', web);
    if (levels === 2) {
      r.put('apps/dev/kustomization.yaml', 'resources:\n  - web\n');
      r.put('apps/dev/web/kustomization.yaml', 'resources:\n  - ../../base\n');
    } else r.put('apps/dev/kustomization.yaml', 'resources:\n  - ../base\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
  };

  it('are no duplicate of each other one level up', async () => {
    expect(await errors(1)).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION apps/dev/kustomization.yaml:2']);
  });

  it('nor two levels up: the one error is the folder kustomize stops at', async () => {
    expect(await errors(2)).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION apps/dev/web/kustomization.yaml:2']);
  });
});
