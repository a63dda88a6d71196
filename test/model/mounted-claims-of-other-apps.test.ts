/**
 * A claim one app defines (a storage app's shared `media-pvc`) that others mount (a Deployment's
 * `claimName`, a release's `existingClaim`) was on no page but its owner's: the media apps' pages had no
 * Storage section at all (outside reviews of three rounds). Each app that mounts it lists it now, with
 * the app it belongs to; it counts towards that app's backup, not the mounting app's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: media\nspec:\n  storageClassName: longhorn\n  accessModes: [ReadWriteMany]\n  resources:\n    requests:\n      storage: 100Gi\n`;
const deployment = (name: string, claims: string[]) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: media\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/${name}:1.0.0\n      volumes:\n${claims.map((c) => `        - name: ${c}\n          persistentVolumeClaim:\n            claimName: ${c}\n`).join('')}`;

describe('claims of another app that an app mounts', () => {
  const repo = tempRepos(afterAll);

  it("are listed on the mounting app's page with their app, and leave its backup status alone", async () => {
    const r = repo('mounted-claims');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['volumes', 'jellyfin', 'sonarr'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/volumes/kustomization.yaml', 'resources:\n  - claims.yaml\n');
    r.put('apps/volumes/claims.yaml', [pvc('media-pvc'), pvc('downloads-pvc')].join('---\n'));
    r.put('apps/jellyfin/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/jellyfin/deployment.yaml', deployment('jellyfin', ['media-pvc', 'cache']));
    r.put('apps/sonarr/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/sonarr/helmrelease.yaml', helmRelease({ name: 'sonarr', namespace: 'media', chart: 'app-template', values: '    persistence:\n      downloads:\n        existingClaim: downloads-pvc\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    const volumes = facts('volumes');
    expect(facts('jellyfin').storage.map((v) => `${v.name} ${v.sharedFrom}`)).toEqual([`media-pvc ${volumes.id}`]);
    expect(facts('sonarr').storage.map((v) => `${v.name} ${v.sharedFrom}`)).toEqual([`downloads-pvc ${volumes.id}`]);
    expect(facts('jellyfin').backup.status).toBe('none');
    expect(volumes.backup.status).toBe('missing');
    expect(volumes.storage.every((v) => v.sharedFrom === undefined)).toBe(true);
    expect(renderAppReadme(facts('jellyfin'))).toContain(`| media-pvc (claim of ${volumes.id}) |`);
  });

  // Code review: an operator's claims (a CloudNativePG Cluster of the same name), an existingClaim of a
  // claim in another namespace, a claim of an app no root deploys are not mounted here.
  it('are not an operator claim of the same name, a claim of another namespace, or one of an app not deployed', async () => {
    const r = repo('mounted-claims-not');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['immich-db', 'immich', 'sonarr', 'storage'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/immich-db/kustomization.yaml', 'resources:\n  - cluster.yaml\n');
    r.put('apps/immich-db/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: immich\n  namespace: media\nspec:\n  instances: 1\n  storage:\n    size: 5Gi\n');
    r.put('apps/immich/kustomization.yaml', 'resources:\n  - pvc.yaml\n  - deployment.yaml\n');
    r.put('apps/immich/pvc.yaml', pvc('immich'));
    r.put('apps/immich/deployment.yaml', deployment('immich', ['immich', 'stale-pvc']));
    r.put('apps/storage/kustomization.yaml', 'resources:\n  - pvc.yaml\n');
    r.put('apps/storage/pvc.yaml', pvc('shared-pvc').replace('namespace: media', 'namespace: storage'));
    r.put('apps/sonarr/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/sonarr/helmrelease.yaml', helmRelease({ name: 'sonarr', namespace: 'media', chart: 'app-template', values: '    persistence:\n      shared:\n        existingClaim: shared-pvc\n' }));
    // An app no root reaches (nothing includes `stale/`).
    r.put('stale/ks.yaml', fluxKustomization('stale', './stale/app'));
    r.put('stale/app/pvc.yaml', pvc('stale-pvc'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    expect(facts('immich').storage.map((v) => `${v.name} ${v.sharedFrom ?? 'own'}`)).toEqual(['immich own']);
    expect(facts('sonarr').storage).toEqual([]);
  });
});
