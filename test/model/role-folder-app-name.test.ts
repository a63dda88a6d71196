/**
 * An app of its own in a folder named for the part of an app it holds (`immich/secret/ks.yaml` beside
 * `immich/ks.yaml`, applying the ExternalSecret immich reads) is named by its Kustomization,
 * `immich-secret`, not "secret": an outside review found a page `/apps/default/secret/`. A folder named
 * for the app keeps its name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, path: string) => fluxKustomization(name, path).replace('spec:\n', 'spec:\n  targetNamespace: default\n');

describe('an app in a role folder', () => {
  const repo = tempRepos(afterAll);

  it('is named by its Kustomization', async () => {
    const r = repo('role-folder-app-name');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./default/immich/ks.yaml\n  - ./default/immich/secret/ks.yaml\n');
    r.put('kubernetes/apps/default/immich/ks.yaml', ks('immich', './kubernetes/apps/default/immich/app'));
    r.put('kubernetes/apps/default/immich/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: immich\n');
    r.put('kubernetes/apps/default/immich/secret/ks.yaml', ks('immich-secret', './kubernetes/apps/default/immich/secret/resources'));
    r.put('kubernetes/apps/default/immich/secret/resources/externalsecret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: immich\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: onepassword}\n  target: {name: immich-secret}\n  dataFrom:\n    - extract: {key: immich}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.map((a) => a.id).filter((id) => id.startsWith('default/'))).toEqual(['default/immich', 'default/immich-secret']);
  });
});
