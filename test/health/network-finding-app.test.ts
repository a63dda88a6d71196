/**
 * NETWORK_POLICY_MISSING belongs to the app that runs in the namespace, not to whoever applies the
 * cluster-scoped Namespace object (a cluster's root, whose flux-system page listed it; found on two
 * public repositories).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('netpol-app');
afterAll(remove);

describe('a namespace without NetworkPolicy', () => {
  it('is reported on the page of its app', async () => {
    put('clusters/delta/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/delta'));
    put('clusters/delta/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system\n  - shop\n');
    put('clusters/delta/shop/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - app.yaml\n');
    put('clusters/delta/shop/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    put('clusters/delta/shop/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n      labels: {app: shop}\n    spec:\n      containers:\n        - name: shop\n          image: nginx:1.27\n');
    const { analysis, model } = await computeAtlas(root, parseConfig({}));
    // The Namespace written in the app's folder is the app's too (it used to be the root's).
    expect(model.objects.find((o) => o.kind === 'Namespace')?.appId).toBe('shop/shop');
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => [f.source.file, f.appId])).toEqual([
      ['clusters/delta/shop/namespace.yaml', 'shop/shop'],
    ]);
  });
});
