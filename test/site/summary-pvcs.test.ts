/**
 * The overview's PVC count is of claims a Flux build applies: one in a file its folder's
 * kustomization.yaml leaves out was counted (a public repository's overview said 2 PVCs, 1 deployed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { summarize } from '../../src/lib/site/summary.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('summary-pvcs');
afterAll(remove);

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('the overview counts', () => {
  it('count the claims that are applied', async () => {
    put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    put('clusters/main/apps.yaml', fluxKustomization('shop', './apps/shop'));
    put('apps/shop/kustomization.yaml', 'resources:\n  - data.yaml\n');
    put('apps/shop/data.yaml', pvc('shop-data'));
    put('apps/shop/old.yaml', pvc('shop-old'));
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    expect(model.pvcs.map((p) => p.name)).toEqual(['shop-data', 'shop-old']);
    expect(summarize({ model, config, commit: null }).counts.pvcs).toBe(1);
  });

  it('list the namespaces of deployed apps only, each with a page (a namespace of only archived apps linked to a 404)', async () => {
    put('.archive/old/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    put('.archive/old/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: retired\n');
    put('.archive/old/ks.yaml', fluxKustomization('old', './.archive/old', '  targetNamespace: retired\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    expect(model.apps.some((a) => a.namespace === 'retired' && a.notDeployed)).toBe(true);
    const summary = summarize({ model, config, commit: null });
    expect(summary.namespaces.map((n) => n.name)).toEqual(model.namespaces);
    expect(summary.namespaces.some((n) => n.name === 'retired')).toBe(false);
    expect(summary.counts.namespaces).toBe(model.namespaces.length);
  });
});
