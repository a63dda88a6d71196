/**
 * A Kustomization of plain kustomize folders, each its own app in its own namespace (outside review):
 * - written in the cluster's root folder with its path below it (`clusters/k3s/apps.yaml` ->
 *   `./clusters/k3s/apps` listing postgres, vaultwarden, mealie): was one app `flux-system/apps` of all
 *   three, where `clusters/k3s/apps.yaml` -> `./apps` gave three;
 * - a folder whose only workload is an operator's resource (a Zalando `postgresql`) and whose
 *   kustomization.yaml sets its own namespace: it and its namespace joined the one sibling with a
 *   CronJob, as `ddns/apps`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n`;
const appOf = (model: Awaited<ReturnType<typeof scanRepo>>['model'], id: string) => model.apps.find((a) => a.objects.includes(id))?.id;

describe('a Kustomization of plain kustomize folders', () => {
  const repo = tempRepos(afterAll);

  it("makes an app of each folder, also where its file is in the cluster's folder and its path below it", async () => {
    const r = repo('collection-in-cluster-folder');
    bootstrap(r, 'k3s');
    r.put('clusters/k3s/apps.yaml', fluxKustomization('apps', './clusters/k3s/apps'));
    // (The cluster's own kustomization.yaml lists the file, not the folder, which only `apps` builds.)
    r.put('clusters/k3s/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - apps.yaml\n');
    r.put('clusters/k3s/apps/kustomization.yaml', 'resources:\n  - postgres\n  - vaultwarden\n');
    for (const a of ['postgres', 'vaultwarden']) {
      r.put(`clusters/k3s/apps/${a}/kustomization.yaml`, `namespace: ${a}\nresources:\n  - deployment.yaml\n`);
      r.put(`clusters/k3s/apps/${a}/deployment.yaml`, deployment(a));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(appOf(model, 'Deployment/postgres/postgres')).toBe('postgres/postgres');
    expect(appOf(model, 'Deployment/vaultwarden/vaultwarden')).toBe('vaultwarden/vaultwarden');
    expect(appOf(model, 'Kustomization/flux-system/apps')).toBe('flux-system/apps');
  });

  it("counts a folder of an operator's resource in its own namespace as an app", async () => {
    const r = repo('collection-operator-folder');
    bootstrap(r, 'k3s');
    r.put('clusters/k3s/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/ddns/kustomization.yaml', 'namespace: ddns\nresources:\n  - deployment.yaml\n');
    r.put('apps/ddns/deployment.yaml', deployment('ddns'));
    r.put('apps/finz/kustomization.yaml', 'namespace: finz\nresources:\n  - namespace.yaml\n  - postgres.yaml\n');
    r.put('apps/finz/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: finz\n');
    r.put('apps/finz/postgres.yaml', 'apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: finz-db\nspec:\n  teamId: finz\n  numberOfInstances: 1\n  volume:\n    size: 5Gi\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(appOf(model, 'Deployment/ddns/ddns')).toBe('ddns/ddns');
    expect(appOf(model, 'postgresql/finz/finz-db')).toBe('finz/finz');
    expect(appOf(model, 'Namespace/_cluster/finz')).toBe('finz/finz');
    expect(model.apps.map((a) => a.id)).not.toContain('ddns/apps');
  });

  it('keeps folders of one namespace one app', async () => {
    const r = repo('collection-one-namespace');
    bootstrap(r, 'k3s');
    r.put('clusters/k3s/apps.yaml', fluxKustomization('shop', './shop'));
    for (const a of ['frontend', 'backend']) {
      r.put(`shop/${a}/kustomization.yaml`, `namespace: shop\nresources:\n  - deployment.yaml\n`);
      r.put(`shop/${a}/deployment.yaml`, deployment(a));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(appOf(model, 'Deployment/shop/frontend')).toBe(appOf(model, 'Deployment/shop/backend'));
  });
});
