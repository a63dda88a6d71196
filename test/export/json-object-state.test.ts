/**
 * The JSON export's `objects[].state` says what the site says: the bootstrap's Kustomization (no
 * owner: it applies itself) is active, and what only a Kustomization no cluster root reaches applies
 * is unreferenced (it read "active" for a tenant's sync nothing deploys; seventh round of
 * outside-corpus.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { loadConfig } from '../../src/config/load.ts';
import { atlasJson } from '../../src/lib/export/json.ts';
import { appFactsOf } from '../../src/lib/export/json-facts.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('json-object-state');
afterAll(remove);

describe('objects[].state', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
  put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: default\n');
  // A tenant's sync that no cluster's kustomization lists, and what it would apply.
  put('tenants/team/sync.yaml', fluxKustomization('team', './tenants/team/app'));
  put('tenants/team/app/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('tenants/team/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team\n  namespace: team\n');
  const atlas = await computeAtlas(root, loadConfig(root));
  const doc = atlasJson(atlas, await appFactsOf(atlas), { siteUrl: null });
  const state = (kind: string, name: string) => doc.objects.find((o) => o.kind === kind && o.name === name)?.state;

  it('is active for the bootstrap and what it reaches, unreferenced for what only an unreached Kustomization applies', () => {
    expect([state('Kustomization', 'flux-system'), state('Kustomization', 'apps'), state('ConfigMap', 'live')]).toEqual(['active', 'active', 'active']);
    expect([state('Kustomization', 'team'), state('ConfigMap', 'team')]).toEqual(['unreferenced', 'unreferenced']);
  });
});
