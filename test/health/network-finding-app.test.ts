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

/**
 * A namespace whose live workloads sit in an app of another namespace (a plain install folder the
 * bootstrap's own build applies, merged into its app) is judged too: the matrix listed only the apps'
 * namespaces, and said nothing of a namespace where pods run with no policy (outside review).
 */
describe('a namespace where only another namespace’s app runs workloads', () => {
  const other = tempRepo('netpol-other-app');
  afterAll(other.remove);

  it('is in the matrix, and NETWORK_POLICY_MISSING is reported for it', async () => {
    other.put('clusters/delta/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/delta'));
    other.put('clusters/delta/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - tools.yaml\n');
    other.put('clusters/delta/flux-system/tools.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: tools\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      containers:\n        - name: agent\n          image: busybox:1.36\n');
    other.put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system\n');
    const { analysis, model } = await computeAtlas(other.root, parseConfig({}));
    const agent = model.objects.find((o) => o.kind === 'DaemonSet');
    expect(model.apps.find((a) => a.id === agent?.appId)?.namespace).toBe('flux-system');
    expect(analysis.health.matrices.network.namespaces.map((n) => n.namespace)).toContain('tools');
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.message)).toContainEqual(expect.stringContaining('Namespace tools has no NetworkPolicy'));
  });
});
