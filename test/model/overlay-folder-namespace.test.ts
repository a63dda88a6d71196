/**
 * A folder name is a namespace only where it is one (`apps/<namespace>/<app>`): a Kustomization of
 * `./apps/overlays/<cluster>` (the overlays that a cluster's apps layer builds) was made an app
 * `overlays/apps` in a namespace `overlays` that nothing makes, beside its sibling layers in
 * flux-system (outside review, twenty-fourth round).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a layer Kustomization of apps/overlays/<cluster>', () => {
  const repo = tempRepos(afterAll);

  it('is an app in its own namespace, not one named after the overlays folder', async () => {
    const r = repo('overlays-namespace');
    bootstrap(r, 'lab');
    r.put('clusters/lab/apps.yaml', fluxKustomization('apps', './apps/overlays/lab'));
    r.put('clusters/lab/infra.yaml', fluxKustomization('infra', './infra'));
    r.put('infra/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n');
    r.put('apps/overlays/lab/prod/kustomization.yaml', 'namespace: prod\nresources:\n  - ../../../base/web\n');
    r.put('apps/overlays/lab/web-ks.yaml', fluxKustomization('web', './apps/overlays/lab/prod'));
    r.put('apps/base/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/base/web/release.yaml', helmRelease({ name: 'web' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ids = model.apps.map((a) => a.id);
    expect(ids).toContain('flux-system/apps');
    expect(ids.filter((id) => id.startsWith('overlays/'))).toEqual([]);
    expect(model.apps.map((a) => a.namespace)).not.toContain('overlays');
  });
});
