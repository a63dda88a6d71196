/**
 * A ClusterSecretStore defined twice, once where a build applies it and once in a folder no build
 * reaches (an old app whose ks.yaml is commented out): the live one is what the ExternalSecrets use;
 * the copy was shown "used by" them too (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const store = 'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: onepassword\nspec:\n  provider:\n    onepassword:\n      connectHost: http://onepassword-connect:8080\n';
const externalSecret = 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web\n  namespace: web\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: web\n  dataFrom:\n    - extract:\n        key: web\n';

describe('a store with a copy no build applies', () => {
  const repo = tempRepos(afterAll);

  it('is used through its live copy only', async () => {
    const r = repo('store-copy');
    bootstrap(r);
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - flux-system\n  - stores.yaml\n  - web.yaml\n  # - old.yaml\n');
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './stores'));
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './web'));
    r.put('clusters/prod/old.yaml', fluxKustomization('old', './old'));
    r.put('stores/store.yaml', store);
    r.put('old/store.yaml', store);
    r.put('web/externalsecret.yaml', externalSecret);
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    const rows = analysis.secrets.secretStores.map((s) => [s.source.file, s.usedBy]);
    expect(rows.sort()).toEqual([
      ['old/store.yaml', []],
      ['stores/store.yaml', ['ExternalSecret/web/web']],
    ]);
  });

  // Outside review: SECRETS.md's "used by 7" counted two ExternalSecrets left out of their folders'
  // kustomization.yaml, which no build applies.
  it('is used by the live ExternalSecrets only, not by one left out of its folder', async () => {
    const r = repo('store-unlisted-user');
    bootstrap(r);
    r.put('clusters/prod/stores.yaml', fluxKustomization('stores', './stores'));
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './web'));
    r.put('stores/store.yaml', store);
    r.put('web/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n');
    r.put('web/externalsecret.yaml', externalSecret);
    r.put('web/leftover.yaml', externalSecret.replace('name: web\n  namespace', 'name: leftover\n  namespace'));
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(analysis.secrets.secretStores.map((s) => s.usedBy)).toEqual([['ExternalSecret/web/web']]);
  });
});
