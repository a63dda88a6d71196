/**
 * Folders a ResourceSet's generated Kustomizations deploy (`path: clusters/live/apps/<< inputs.name >>`):
 * the repository does not expand the ResourceSet, so no build places their releases, and the app of
 * the Kustomization that applies `apps/` (whose folder holds them) took every one: an outside review
 * found one app of all a cluster's releases. A release in a kustomize folder of its own that nothing
 * names, where a live ResourceSet's template names that folder as a path, is an app of that folder; one
 * in a folder a kustomization.yaml comments out stays a switched-off part of its parent app (and one
 * nothing names without a ResourceSet stays the forgotten part of its parent's: unreached-folder.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const resourceSet = 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  inputs:\n    - name: alpha\n    - name: beta\n  resourcesTemplate: |\n    apiVersion: kustomize.toolkit.fluxcd.io/v1\n    kind: Kustomization\n    metadata:\n      name: << inputs.name >>\n      namespace: flux-system\n    spec:\n      path: clusters/live/apps/<< inputs.name >>\n      sourceRef:\n        kind: GitRepository\n        name: flux-system\n';

describe('releases in folders a ResourceSet deploys', () => {
  const repo = tempRepos(afterAll);

  it('are apps of their own folders, not of the Kustomization that applies the parent folder', async () => {
    const r = repo('resourceset-app-folders');
    bootstrap(r, 'live');
    r.put('clusters/live/apps.yaml', fluxKustomization('cluster-apps', './clusters/live/apps'));
    r.put('clusters/live/apps/kustomization.yaml', 'resources:\n  - apps-resourceset.yaml\n');
    r.put('clusters/live/apps/apps-resourceset.yaml', resourceSet);
    for (const app of ['alpha', 'beta']) {
      r.put(`clusters/live/apps/${app}/kustomization.yaml`, `namespace: ${app}\nresources:\n  - helmrelease.yaml\n`);
      r.put(`clusters/live/apps/${app}/helmrelease.yaml`, helmRelease({ name: app }));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.helmReleases.find((h) => h.name === name)?.appId;
    expect([appOf('alpha'), appOf('beta')]).toEqual(['alpha/alpha', 'beta/beta']);
    expect(model.apps.find((a) => a.id === 'alpha/alpha')?.dir).toBe('clusters/live/apps/alpha');
  });

  // Outside review: a tenant's `apps/backend/staging` (a ResourceSet's templated path) includes `../base`,
  // whose release was NOT_DEPLOYED ("nothing includes its folder"), where the ResourceSet deploys it.
  it('a folder a templated path includes is not said to be not deployed; a folder nothing may build still is', async () => {
    const r = repo('resourceset-includes');
    bootstrap(r, 'live');
    r.put('clusters/live/tenants.yaml', fluxKustomization('tenants', './tenants'));
    r.put('tenants/kustomization.yaml', 'resources:\n  - apps.yaml\n  - addons.yaml\n  - any.yaml\n');
    // The same with a ResourceSet's `resources` list instead of a template.
    r.put('tenants/addons.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: addons\n  namespace: flux-system\nspec:\n  inputs:\n    - addon: certs\n  resources:\n    - apiVersion: kustomize.toolkit.fluxcd.io/v1\n      kind: Kustomization\n      metadata:\n        name: << inputs.addon >>\n        namespace: flux-system\n      spec:\n        path: "./addons/<< inputs.addon >>/${ENVIRONMENT}"\n        sourceRef:\n          kind: GitRepository\n          name: flux-system\n');
    r.put('addons/certs/staging/kustomization.yaml', 'resources:\n  - ../base\n');
    r.put('addons/certs/base/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('addons/certs/base/helmrelease.yaml', helmRelease({ name: 'certs', namespace: 'certs' }));
    r.put('tenants/apps.yaml', resourceSet.replace('path: clusters/live/apps/<< inputs.name >>', 'path: "./apps/<< inputs.name >>/staging"'));
    r.put('apps/alpha/staging/kustomization.yaml', 'namespace: alpha\nresources:\n  - ../base\n');
    r.put('apps/alpha/base/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/alpha/base/helmrelease.yaml', helmRelease({ name: 'alpha' }));
    // Code review: a path that is a template from its first folder on may be any folder (of any
    // repository), and a ResourceSet no build applies makes nothing: neither spares the leftover.
    r.put('tenants/any.yaml', resourceSet.replace('name: apps\n', 'name: any\n').replace('path: clusters/live/apps/<< inputs.name >>', 'path: "<< inputs.name >>"'));
    r.put('examples/tenants.yaml', resourceSet.replace('name: apps\n', 'name: example\n').replace('path: clusters/live/apps/<< inputs.name >>', 'path: ./leftover'));
    r.put('leftover/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('leftover/helmrelease.yaml', helmRelease({ name: 'leftover', namespace: 'old' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const notDeployed = analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file);
    expect(notDeployed).toEqual(['leftover/helmrelease.yaml']);
  });

  it('a folder its parent kustomization.yaml comments out stays a switched-off part of the parent app', async () => {
    const r = repo('commented-folder');
    bootstrap(r, 'live');
    r.put('clusters/live/arc.yaml', fluxKustomization('arc', './apps/arc'));
    r.put('apps/arc/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  # - ./runner\n');
    r.put('apps/arc/helmrelease.yaml', helmRelease({ name: 'arc', namespace: 'arc' }));
    r.put('apps/arc/runner/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/arc/runner/helmrelease.yaml', helmRelease({ name: 'runner', namespace: 'arc' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.helmReleases.map((h) => `${h.name} ${h.appId}`).sort()).toEqual(['arc arc/arc', 'runner arc/arc']);
  });
});
