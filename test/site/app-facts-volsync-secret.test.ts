/**
 * The Secret a VolSync mover's `restic.repository` names holds the backup repository's address and
 * password: the app page lists it as used ("used via VolSync repository"), where it looked unused
 * (found on a public home-ops repository whose volsync component makes it with an ExternalSecret).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('volsync-secret');
afterAll(remove);

describe('a VolSync repository Secret', () => {
  it('is used by the ReplicationSource that names it', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    put('apps/web/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n  - replicationsource.yaml\n');
    put('apps/web/externalsecret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web-volsync\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: web-volsync-secret\n  dataFrom:\n    - extract:\n        key: volsync\n');
    put('apps/web/replicationsource.yaml', 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: web\nspec:\n  sourcePVC: web\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: web-volsync-secret\n    copyMethod: Snapshot\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const facts = appFacts(model, model.apps.find((a) => a.name === 'web')!.id)!;
    expect(facts.secrets.externalSecrets.map((e) => [e.target, e.usedBy])).toEqual([['web-volsync-secret', ['VolSync repository']]]);
  });
});
