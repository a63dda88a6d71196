/**
 * A Kustomization whose path ends in an environment's or variant's folder (`vault/dev`, `vault/ha`) is
 * named by its own metadata.name (`vault-dev`), not "dev" and "ha" (outside review); a folder named as
 * an app keeps naming it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('an app whose folder is a variant', () => {
  const repo = tempRepos(afterAll);

  it('takes the name of its Kustomization', async () => {
    const r = repo('variant-folder-name');
    r.put('flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './'));
    r.put('kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - vault.yaml\n');
    r.put('vault.yaml', fluxKustomization('vault-dev', './vault/dev') + '---\n' + fluxKustomization('vault-ha', './vault/ha'));
    for (const v of ['dev', 'ha']) {
      r.put(`vault/${v}/kustomization.yaml`, 'resources:\n  - ../base\n');
    }
    r.put('vault/base/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('vault/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vault\n  namespace: vault\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const names = model.apps.filter((a) => a.dir.startsWith('vault/')).map((a) => a.name).sort();
    expect(names).toEqual(['vault-dev', 'vault-ha']);
  });
});
