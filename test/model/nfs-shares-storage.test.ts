/**
 * An app's NFS shares (app-template's `persistence.<key>: {type: nfs, server, path}`, a workload's
 * `volumes[].nfs`) are its storage: a media app mounting the NAS had no Storage section (outside review).
 * They are rows of the app's storage that no cluster backup applies to, and leave its backup status
 * alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('NFS shares an app mounts', () => {
  const repo = tempRepos(afterAll);

  it('are storage rows of the app, with server and path, no backup status of their own', async () => {
    const r = repo('nfs-shares');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['radarr', 'syncthing'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/radarr/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/radarr/helmrelease.yaml', helmRelease({ name: 'radarr', namespace: 'media', chart: 'app-template', values: '    persistence:\n      media:\n        type: nfs\n        server: nas.internal\n        path: /mnt/pool/media\n        globalMounts:\n          - path: /media\n      off:\n        enabled: false\n        type: nfs\n        server: nas.internal\n        path: /mnt/old\n' }));
    r.put('apps/syncthing/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/syncthing/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: syncthing\n  namespace: sync\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: syncthing/syncthing:1.29\n      volumes:\n        - name: data\n          nfs:\n            server: 10.0.0.5\n            path: /export/sync\n            readOnly: true\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    expect(facts('radarr').storage.map((v) => `${v.name}: ${v.origin}`)).toEqual(['media (radarr): NFS nas.internal:/mnt/pool/media']);
    expect(facts('syncthing').storage.map((v) => `${v.name}: ${v.origin} ${v.accessModes.join(',')}`)).toEqual(['data (Deployment syncthing): NFS 10.0.0.5:/export/sync ReadOnlyMany']);
    expect(facts('radarr').backup.status).toBe('none');
    expect(renderAppReadme(facts('radarr'))).toContain('not applicable: network share (NFS nas.internal:/mnt/pool/media');
  });
});
