import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * `apps/<namespace>/<app>` (home-ops) names a namespace; in Flux's reference layout `apps/<cluster>/<part>`
 * names a cluster. A Kustomization of `./apps/production/controllers` was the app of a namespace
 * "production" that nothing declares or uses (an outside review, aicacia/ops-flux).
 */
describe("an app Kustomization's namespace from its path", () => {
  const repo = tempRepos(afterAll);

  it('is not a cluster folder name', async () => {
    const r = repo('ks-ns-cluster-folder');
    r.put('clusters/production/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    r.put('clusters/production/apps.yaml', fluxKustomization('controllers', './apps/production/controllers'));
    r.put('apps/production/controllers/kustomization.yaml', 'resources:\n  - auth-api.yaml\n  - p2p.yaml\n');
    r.put('apps/production/controllers/auth-api.yaml', helmRelease({ name: 'auth-api', namespace: 'api' }));
    r.put('apps/production/controllers/p2p.yaml', helmRelease({ name: 'p2p', namespace: 'api' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.find((a) => a.name === 'controllers')?.namespace).toBe('flux-system');
    expect(model.namespaces).not.toContain('production');
  });

  it('is still the namespace folder of home-ops (`apps/<namespace>/<app>`)', async () => {
    const r = repo('ks-ns-namespace-folder');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/media/kustomization.yaml', 'resources:\n  - ./plex/ks.yaml\n');
    r.put('kubernetes/apps/media/plex/ks.yaml', fluxKustomization('plex', './kubernetes/apps/media/plex/app'));
    r.put('kubernetes/apps/media/plex/app/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('kubernetes/apps/media/plex/app/helmrelease.yaml', helmRelease({ name: 'plex' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.find((a) => a.name === 'plex')?.namespace).toBe('media');
  });
});
