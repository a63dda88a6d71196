/**
 * A folder with a Flux Kustomization of its own (`postgres` of `apps/base/postgres`) inside the folder
 * a collection Kustomization builds without a kustomization.yaml (`apps` of `apps/base`: Flux lists
 * every manifest below it): both builds apply the objects (DUPLICATE_OBJECT, true), and the postgres
 * app held only its Kustomization while its Cluster and Deployment were the collection's (outside
 * review). The objects are the app's of the nearest Kustomization.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('an object two Kustomizations build, one of its own folder', () => {
  const repo = tempRepos(afterAll);

  it("is the app's of the nearer one, and both builds still apply it", async () => {
    const r = repo('nearest-owner-app');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/base'));
    r.put('clusters/prod/postgres.yaml', fluxKustomization('postgres', './apps/base/postgres'));
    r.put('apps/base/postgres/kustomization.yaml', 'resources:\n  - adminer.yaml\n');
    r.put('apps/base/postgres/adminer.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: adminer\n  namespace: postgres\n');
    r.put('apps/base/webhook/receiver.yaml', 'apiVersion: notification.toolkit.fluxcd.io/v1\nkind: Receiver\nmetadata:\n  name: github\n  namespace: flux-system\nspec:\n  type: github\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const adminer = model.objects.find((o) => o.name === 'adminer')!;
    const postgres = model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/postgres'))!;
    expect([adminer.appId, postgres.objects.sort()]).toEqual([postgres.id, ['Deployment/postgres/adminer', 'Kustomization/flux-system/postgres']]);
    expect(model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => f.objectId)).toEqual(['Deployment/postgres/adminer']);
    expect(model.objects.find((o) => o.name === 'github')?.appId).toBe(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/apps'))?.id);
  });
});
