/**
 * A file its folder's kustomization.yaml leaves out, in a folder of a collection Kustomization's app
 * (`apps` builds `apps/kavita` and `apps/budget`, each an app): it is not applied, and it stays in the
 * app of its folder. It was put in the collection Kustomization's own app, which then took its
 * namespace and read `kavita/apps`, standing for a Kustomization in flux-system (outside review, a
 * public homelab).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('unlisted-file-app');
afterAll(remove);

const deployment = (name: string, namespace: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('an unlisted file in a collection folder', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/kustomization.yaml', 'resources:\n  - flux-system\n  - apps-kustomization.yaml\n');
  put('clusters/home/apps-kustomization.yaml', fluxKustomization('apps', './apps'));
  put('apps/kustomization.yaml', 'resources:\n  - kavita\n  - budget\n');
  for (const app of ['kavita', 'budget']) {
    put(`apps/${app}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
    put(`apps/${app}/deployment.yaml`, deployment(app, app));
  }
  // Left out of their folders' kustomization.yaml; the Service's file sorts before the listed one.
  put('apps/kavita/syncthing-deployment.yaml', deployment('kavita-syncthing', 'kavita'));
  put('apps/budget/a-svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: budget\n  namespace: budget\nspec:\n  ports:\n    - port: 80\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const object = (name: string, kind = 'Deployment') => model.objects.find((o) => o.kind === kind && o.name === name)!;

  it('is in the app of its folder, not applied', () => {
    expect(object('kavita-syncthing')).toMatchObject({ appId: 'kavita/kavita', disabled: 'unlisted', owner: null });
    expect(object('budget', 'Service')).toMatchObject({ appId: 'budget/budget', disabled: 'unlisted' });
  });

  it("leaves the collection Kustomization's app its own name and namespace", () => {
    const ks = model.kustomizations.find((k) => k.name === 'apps')!;
    expect(ks.appId).toBe('flux-system/apps');
    expect(model.apps.map((a) => a.id).sort()).toEqual(['budget/budget', 'flux-system/apps', 'flux-system/flux-system', 'kavita/kavita']);
  });
});
