/**
 * A leftover folder under a cluster's path that the path's kustomization.yaml does not list is not
 * deployed, and its kustomization.yaml's build problems are not checked: KUSTOMIZE_RESOURCE_MISSING
 * there was a live warning, because the folder fell in the bootstrap app, while a like folder in a
 * not-deployed app was silent (two outside reviews). The folder the cluster does build still is.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('unbuilt-folder-findings');
afterAll(remove);

describe('build findings of a folder no Flux build reads', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/kustomization.yaml', 'resources:\n  - flux-system\n  - ./core\n');
  put('clusters/home/core/kustomization.yaml', 'resources:\n  - pool.yaml\n  - missing.yaml\n');
  put('clusters/home/core/pool.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pool\n  namespace: default\n');
  // Not listed by clusters/home/kustomization.yaml: a leftover.
  put('clusters/home/core-systems/kustomization.yaml', 'resources:\n  - ./metaldb\n');
  const { analysis } = await computeAtlas(root, parseConfig({}));
  const missing = analysis.findings.filter((f) => f.code.startsWith('KUSTOMIZE_') && f.code.endsWith('_MISSING')).map((f) => `${f.code} ${f.source.file}:${f.source.line}`);

  it('are not reported for the leftover folder', () => {
    expect(missing.filter((m) => m.includes('core-systems'))).toEqual([]);
  });

  it('are reported for the folder the cluster builds', () => {
    expect(missing.filter((m) => m.includes('clusters/home/core/'))).toHaveLength(1);
  });
});
