import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A Kustomization without targetNamespace whose objects all say `namespace: default`: its app is in
 * default, as one whose objects say `media` is in media. It was left in flux-system (where the
 * Kustomization object lives), because `default` was taken for the fallback of objects naming none.
 */
describe('an app whose objects are in default', () => {
  const repo = tempRepos(afterAll);

  it('is in default where they say so', async () => {
    const r = repo('app-ns-default');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.namespace).toBe('default');
  });
});
