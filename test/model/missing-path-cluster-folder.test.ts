/**
 * A Kustomization written in a cluster's folder whose path holds nothing (`clusters/dev/apps.yaml` ->
 * `./apps`, not in the repository): its app is of its path, with nothing but itself. Read as an app of
 * its file's folder, it took what the bootstrap applies from that folder (outside review: `demo/apps`
 * held the Deployment and Service of `clusters/dev/demo`, which flux-system applies; two such layers
 * merged into one app). A path that names a file stands for its folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: demo\n  namespace: demo\nspec:\n  template:\n    spec:\n      containers:\n        - name: demo\n          image: nginx:1.27\n';

describe("a Kustomization in a cluster's folder whose path holds nothing", () => {
  const repo = tempRepos(afterAll);

  it("is an app of its own, without what the bootstrap applies beside it", async () => {
    const r = repo('missing-path-cluster-folder');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/dev/policies.yaml', fluxKustomization('policies', './policies'));
    r.put('clusters/dev/demo/deployment.yaml', deployment);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (id: string) => model.apps.find((a) => a.objects.includes(id));
    expect(appOf('Kustomization/flux-system/apps')!.objects).toEqual(['Kustomization/flux-system/apps']);
    expect(appOf('Kustomization/flux-system/policies')!.objects).toEqual(['Kustomization/flux-system/policies']);
    expect(appOf('Deployment/demo/demo')!.kustomizations).not.toContain('Kustomization/flux-system/apps');
  });

  it('takes a path that names a file for its folder', async () => {
    const r = repo('path-names-file');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/production/kustomization.yaml'));
    r.put('apps/production/kustomization.yaml', 'resources: []\n');
    r.put('clusters/dev/demo/deployment.yaml', deployment);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.objects.includes('Kustomization/flux-system/apps'))!;
    expect({ id: app.id, dir: app.dir }).toEqual({ id: 'flux-system/apps', dir: 'apps/production' });
  });
});
