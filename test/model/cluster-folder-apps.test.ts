/**
 * Apps in a cluster's root folder (the folder its bootstrap applies, `clusters/<name>/`). An outside
 * review found one `<app>-kustomization.yaml` per app there, each with its path in a subfolder
 * (`./clusters/development/cilium`), folded into one app named after the cluster ("development": 17
 * Kustomizations, 5 charts), and a Kustomization of another source written there named after the
 * cluster too ("staging" for netbox). The control is the same layout with the folders outside.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('apps in a cluster’s root folder', () => {
  const repo = tempRepos(afterAll);
  const apps = async (root: string) => {
    const { model } = await scanRepo(root, parseConfig({}));
    return model.apps.map((a) => `${a.id} ${a.dir}`).sort();
  };
  const layout = (name: string, appsFolder: string) => {
    const r = repo(name);
    bootstrap(r, 'development');
    r.put('clusters/development/helm-repositories.yaml', helmRepository('charts', 'https://charts.example.com'));
    for (const [app, ns] of [['cilium', 'kube-system'], ['cert-manager', 'cert-manager']] as const) {
      r.put(`clusters/development/${app}-kustomization.yaml`, fluxKustomization(app, `./${appsFolder}/${app}`, `  targetNamespace: ${ns}\n`));
      r.put(`${appsFolder}/${app}/helmrelease.yaml`, helmRelease({ name: app }));
    }
    return r;
  };

  it('one file per app, each with its path in a subfolder, is an app each, as with the folders outside', async () => {
    const inside = await apps(layout('cluster-folder-apps', 'clusters/development').root);
    expect(inside.filter((a) => !a.startsWith('flux-system/'))).toEqual(['cert-manager/cert-manager clusters/development/cert-manager', 'kube-system/cilium clusters/development/cilium']);
    const outside = await apps(layout('cluster-folder-apps-control', 'infrastructure').root);
    expect(outside.filter((a) => !a.startsWith('flux-system/'))).toEqual(['cert-manager/cert-manager infrastructure/cert-manager', 'kube-system/cilium infrastructure/cilium']);
  });

  it('a Kustomization of another source written there is named by its own name, not the cluster’s', async () => {
    const r = repo('cluster-folder-external');
    bootstrap(r, 'staging');
    r.put('clusters/staging/netbox-source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: netbox\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/netbox-deploy\n  ref:\n    branch: main\n');
    r.put('clusters/staging/netbox-kustomization.yaml', fluxKustomization('netbox', './kustomize').replace('name: flux-system\n', 'name: netbox\n'));
    const ids = await apps(r.root);
    expect(ids.some((a) => a.startsWith('default/netbox ') || a.startsWith('flux-system/netbox '))).toBe(true);
    expect(ids.some((a) => /\/staging /.test(a))).toBe(false);
  });
});
