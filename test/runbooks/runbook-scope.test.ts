/**
 * What the restore and rotate runbooks act on, from an outside review of the runbooks of three
 * repositories: a restore runbook for claims on a network share under the cluster's root app told to
 * scale Flux's own controllers to zero; rotate runbooks of SOPS files the root applies restarted
 * Flux's controllers; a restart command selected nothing where the app runs nothing; each kopiur
 * restore named the namespace's first Restore, not the claim's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateRunbooks } from '../../src/analysis/runbooks/index.ts';
import { runbookMarkdown } from '../../src/analysis/runbooks/markdown.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const sops = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nstringData:\n  token: ENC[AES256_GCM,data:abc,iv:a,tag:b,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n      enc: x\n  lastmodified: "2024-01-01T00:00:00Z"\n  version: 3.8.1\n`;
const claim = (name: string, ns: string, extra = '') => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${extra}  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const restore = (name: string, ns: string) => `apiVersion: kopiur.home-operations.com/v1alpha1\nkind: Restore\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  repository: main\n`;
const policy = (name: string, ns: string) => `apiVersion: kopiur.home-operations.com/v1alpha1\nkind: SnapshotPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  repository:\n    name: main\n  sources:\n    - pvc:\n        name: ${name}\n`;
const kopiurSource = (name: string) => `  dataSourceRef:\n    apiGroup: kopiur.home-operations.com\n    kind: Restore\n    name: ${name}\n`;
const deploy = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

describe('runbooks act on what they are about', () => {
  const repo = tempRepos(afterAll);

  it('no restore runbook of the root app or of a network share; no restart of the root; each claim its own Restore', async () => {
    const { root, put } = repo('runbook-scope');
    // The root applies the whole repository (`path: ./`), as some repositories do.
    put('flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './'));
    put('flux-system/controllers.yaml', [deploy('kustomize-controller', 'flux-system'), deploy('helm-controller', 'flux-system')].join('---\n'));
    put('flux-system/nfs.yaml', claim('media-nfs', 'flux-system', '  storageClassName: ""\n  volumeName: media-nfs\n') + '---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: media-nfs\nspec:\n  nfs:\n    server: 10.0.0.5\n    path: /media\n');
    put('social/mastodon/redis.sops.yaml', sops('mastodon-redis', 'social'));
    for (const app of ['sonarr', 'radarr']) {
      put(`apps/default/${app}/ks.yaml`, fluxKustomization(app, `./apps/default/${app}/app`, '  targetNamespace: default\n'));
      put(`apps/default/${app}/app/all.yaml`, [deploy(app, 'default'), claim(app, 'default', kopiurSource(app)), restore(app, 'default'), policy(app, 'default')].join('---\n'));
    }
    const { model } = await scanRepo(root, parseConfig({}));
    const runbooks = generateRunbooks({ model });
    const ids = runbooks.map((r) => r.id);
    expect(ids.filter((id) => id.startsWith('restore:'))).toEqual(['restore:default/radarr', 'restore:default/sonarr']);
    const rotate = runbookMarkdown(runbooks.find((r) => r.id === 'rotate:sops:social/mastodon/redis.sops.yaml')!);
    expect(rotate).toContain('belongs to no app of the repository');
    expect(rotate).not.toContain('helm-controller');
    const sonarr = runbookMarkdown(runbooks.find((r) => r.id === 'restore:default/sonarr')!);
    expect(sonarr).toContain('The claim is filled by the Restore in its `dataSourceRef` (`sonarr`)');
    expect(sonarr).toContain('kubectl -n default delete pvc sonarr');
  });

  it('a kopiur claim filled by a VolSync destination, or by nothing, is not deleted to restore it', async () => {
    const { root, put } = repo('runbook-kopiur-volsync');
    put('flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './flux-system'));
    for (const app of ['bazarr', 'seerr', 'tautulli']) put(`flux-system/${app}.yaml`, fluxKustomization(app, `./apps/media/${app}`, '  targetNamespace: media\n'));
    // The middle of a move from VolSync to kopiur: kopiur snapshots the claim, VolSync's destination still fills it.
    const volsync = '  dataSourceRef:\n    apiGroup: volsync.backube\n    kind: ReplicationDestination\n    name: bazarr-dst\n';
    put('apps/media/bazarr/all.yaml', [deploy('bazarr', 'media'), claim('bazarr', 'media', volsync), policy('bazarr', 'media')].join('---\n'));
    put('apps/media/seerr/all.yaml', [deploy('seerr', 'media'), claim('seerr', 'media'), policy('seerr', 'media')].join('---\n'));
    // A claim that names a Restore nothing makes: the re-created claim waits for it.
    put('apps/media/tautulli/all.yaml', [deploy('tautulli', 'media'), claim('tautulli', 'media', kopiurSource('tautulli-restore')), policy('tautulli', 'media')].join('---\n'));
    const { model } = await scanRepo(root, parseConfig({}));
    const runbooks = generateRunbooks({ model });
    const md = (id: string) => runbookMarkdown(runbooks.find((r) => r.id === id)!);
    const bazarr = md('restore:media/bazarr');
    expect(bazarr).toContain('names VolSync ReplicationDestination `bazarr-dst`, not a kopiur Restore');
    expect(bazarr).not.toContain('delete pvc bazarr');
    const seerr = md('restore:media/seerr');
    expect(seerr).toContain('comes back empty');
    expect(seerr).not.toContain('delete pvc seerr');
    const tautulli = md('restore:media/tautulli');
    expect(tautulli).toContain('Nothing in the repository makes Restore `tautulli-restore`');
    expect(tautulli).toContain('kubectl -n media get restore tautulli-restore -w');
  });

  it('an app with one child Kustomization of its own (upstream CRDs) is no root: it keeps its restore runbook', async () => {
    const { root, put } = repo('runbook-scope-child');
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/cilium.yaml', fluxKustomization('cilium', './apps/kube-system/cilium/app', '  targetNamespace: kube-system\n'));
    put('apps/kube-system/cilium/app/crds.yaml', fluxKustomization('gateway-api-crds', './crds'));
    put('apps/kube-system/cilium/app/all.yaml', [deploy('hubble', 'kube-system'), claim('hubble-data', 'kube-system')].join('---\n'));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(generateRunbooks({ model }).map((r) => r.id).filter((id) => id.startsWith('restore:'))).toEqual(['restore:kube-system/cilium']);
  });
});
