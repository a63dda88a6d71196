/**
 * Small homelabs write an app as one file (its Deployment with its Service and claim) in a folder a
 * collection Kustomization applies: `apps/homelab/jackett.yaml`, `sonarr.yaml` beside release files
 * `cert-manager.yaml` and `nextcloud.yaml`. The release files were each an app, the nine workload
 * files one app of the Kustomization's (outside review, twentieth round). A folder below the path
 * with one file per app, each in its own namespace, was one app too. Each such file is an app now;
 * the parts of one app written as files in one namespace (`shop/frontend.yaml`, `backend.yaml`) stay
 * one, and a file named after a release (`nextcloud-redis.yaml`), or all in the namespace named after
 * one (`mosquitto.yaml` in `homeassistant`), is that release's part.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: example/${name}:1.0\n`;
const service = (name: string, ns?: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  ports: [{port: 80}]\n`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const release = (name: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef: {kind: HelmRepository, name: charts}\n`;

describe('a file of plain manifests that is an app of its own', () => {
  const repo = tempRepos(afterAll);
  const cluster = (put: (file: string, text: string) => void, path: string) => {
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/apps.yaml', fluxKustomization('apps', path));
  };

  it('is each workload file in a folder of one-file apps that holds release files', async () => {
    const { root, put } = repo('workload-files-releases');
    cluster(put, './apps/homelab');
    const files = ['jackett', 'sonarr', 'cert-manager', 'nextcloud', 'nextcloud-redis'];
    put('apps/homelab/kustomization.yaml', `namespace: homeservices\nresources:\n${files.map((f) => `  - ${f}.yaml\n`).join('')}`);
    for (const n of ['jackett', 'sonarr']) put(`apps/homelab/${n}.yaml`, `${deployment(n)}---\n${service(n)}`);
    for (const n of ['cert-manager', 'nextcloud']) put(`apps/homelab/${n}.yaml`, release(n));
    put('apps/homelab/nextcloud-redis.yaml', deployment('nextcloud-redis'));
    const { model } = await scanRepo(root, parseConfig({}));
    const objects = Object.fromEntries(model.apps.map((a) => [a.id, [a.dir, ...a.objects.sort()]]));
    expect(objects['homeservices/jackett']).toEqual(['apps/homelab/jackett', 'Deployment/homeservices/jackett', 'Service/homeservices/jackett']);
    expect(objects['homeservices/sonarr']).toEqual(['apps/homelab/sonarr', 'Deployment/homeservices/sonarr', 'Service/homeservices/sonarr']);
    // Named after a release of the folder: that release's part.
    expect(objects['homeservices/nextcloud']).toEqual(['apps/homelab/nextcloud', 'Deployment/homeservices/nextcloud-redis', 'HelmRelease/homeservices/nextcloud']);
    expect(model.apps.some((a) => a.name === 'nextcloud-redis')).toBe(false);
  });

  it("joins the release named as its namespace is, where the folder's apps each have a namespace of their own", async () => {
    const { root, put } = repo('workload-files-release-namespace');
    cluster(put, './apps/controllers');
    put('apps/controllers/kustomization.yaml', 'resources:\n  - homeassistant.yaml\n  - mosquitto.yaml\n  - servarr.yaml\n  - jellyfin-media.yaml\n  - twenty.yaml\n  - nzbget.yaml\n  - nzbget-samba.yaml\n');
    // An app of its own is named after its file; a file named after it is its part.
    put('apps/controllers/nzbget.yaml', `${namespace('nzbget')}---\n${deployment('nzbget-server', 'nzbget')}`);
    put('apps/controllers/nzbget-samba.yaml', deployment('samba', 'nzbget'));
    put('apps/controllers/homeassistant.yaml', release('homeassistant').replace('metadata:\n', 'metadata:\n  namespace: homeassistant\n'));
    put('apps/controllers/servarr.yaml', release('servarr').replace('metadata:\n', 'metadata:\n  namespace: servarr\n'));
    put('apps/controllers/mosquitto.yaml', `${deployment('mosquitto', 'homeassistant')}---\n${service('mosquitto', 'homeassistant')}`);
    put('apps/controllers/jellyfin-media.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: jellyfin-media\n  namespace: servarr\nspec:\n  volumeName: jellyfin-media-nfs\n');
    put('apps/controllers/twenty.yaml', `${namespace('twenty')}---\n${deployment('twenty-server', 'twenty')}---\n${deployment('twenty-worker', 'twenty')}`);
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (name: string) => model.objects.find((o) => o.name === name)?.appId;
    expect([appOf('mosquitto'), appOf('jellyfin-media'), appOf('twenty-server'), appOf('twenty-worker'), appOf('twenty')]).toEqual(['homeassistant/homeassistant', 'servarr/servarr', 'twenty/twenty', 'twenty/twenty', 'twenty/twenty']);
    expect([appOf('nzbget-server'), appOf('samba')]).toEqual(['nzbget/nzbget', 'nzbget/nzbget']);
  });

  it('is each workload file of a folder below the path whose files are each in a namespace of their own', async () => {
    const { root, put } = repo('workload-files-namespaces');
    cluster(put, './apps');
    put('apps/kustomization.yaml', 'resources:\n  - media/arr\n');
    put('apps/media/arr/kustomization.yaml', 'resources:\n  - sonarr.yaml\n  - radarr.yaml\n');
    for (const n of ['sonarr', 'radarr']) put(`apps/media/arr/${n}.yaml`, `${namespace(n)}---\n${deployment(n, n)}---\n${service(n, n)}`);
    const { model } = await scanRepo(root, parseConfig({}));
    const app = (id: string) => model.apps.find((a) => a.id === id);
    expect([app('sonarr/sonarr')?.dir, app('sonarr/sonarr')?.objects.sort()]).toEqual(['apps/media/arr/sonarr', ['Deployment/sonarr/sonarr', 'Namespace/_cluster/sonarr', 'Service/sonarr/sonarr']]);
    expect(app('radarr/radarr')?.objects.sort()).toEqual(['Deployment/radarr/radarr', 'Namespace/_cluster/radarr', 'Service/radarr/radarr']);
    expect(app('flux-system/apps')?.objects).toEqual(['Kustomization/flux-system/apps']);
  });

  it("is not a file among one app's parts in one namespace, nor a file of a Kustomization of one app's folder", async () => {
    const { root, put } = repo('workload-files-parts');
    cluster(put, './apps');
    put('apps/kustomization.yaml', 'resources:\n  - shop\n  - ../one\n');
    put('apps/shop/kustomization.yaml', 'namespace: shop\nresources:\n  - frontend.yaml\n  - backend.yaml\n');
    for (const n of ['frontend', 'backend']) put(`apps/shop/${n}.yaml`, `${deployment(n)}---\n${service(n)}`);
    put('clusters/home/mixed.yaml', fluxKustomization('mixed', './mixed'));
    for (const n of ['a', 'b']) put(`mixed/${n}.yaml`, deployment(n, n));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.name, o.appId]).sort()).toEqual([
      ['a', 'flux-system/mixed'],
      ['b', 'flux-system/mixed'],
      ['backend', 'shop/apps'],
      ['frontend', 'shop/apps'],
    ]);
  });
});
