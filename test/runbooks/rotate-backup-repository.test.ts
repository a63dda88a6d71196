/**
 * Rotating a Secret a backup tool opens its repository with (outside review: the runbook of a VolSync
 * `<app>-volsync` Secret said "change the item, force a sync, restart the app"). Its password encrypts
 * the repository: the runbook changes it there first (`restic key add` / `kopia repository
 * change-password`), names the other repositories of the same store item or volume, and lets the
 * movers read the new value instead of restarting the app's pods.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';

const externalSecret = (app: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${app}-volsync\n  namespace: home\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: ${app}-volsync-secret\n    template:\n      data:\n        KOPIA_PASSWORD: "{{ .KOPIA_PASSWORD }}"\n        KOPIA_REPOSITORY: filesystem:///repository\n  dataFrom:\n    - extract:\n        key: volsync-template\n`;
const mover = (kind: string, name: string, type: string, secret: string, extra: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n${extra}  ${type}:\n    repository: ${secret}\n    copyMethod: Snapshot\n    moverVolumes:\n      - mountPath: repository\n        volumeSource:\n          nfs:\n            server: nas.lan\n            path: /backups/volsync\n`;
const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

const headings = (r: Runbook) => r.sections.map((s) => s.heading);

describe('rotating a backup repository\'s Secret', () => {
  const repo = tempRepos(afterAll);

  it('kopia: change the password in the repository first, name the repositories of the same item and volume, no pod restart', async () => {
    const r = repo('rotate-kopia');
    bootstrap(r);
    for (const app of ['esphome', 'frigate']) {
      r.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`));
      r.put(`apps/${app}/release.yaml`, helmRelease({ name: app, namespace: 'home' }));
      r.put(`apps/${app}/pvc.yaml`, claim(app));
      r.put(`apps/${app}/externalsecret.yaml`, externalSecret(app));
      r.put(`apps/${app}/volsync.yaml`, `${mover('ReplicationSource', app, 'kopia', `${app}-volsync-secret`, `  sourcePVC: ${app}\n  trigger:\n    schedule: "0 * * * *"\n`)}---\n${mover('ReplicationDestination', `${app}-bootstrap`, 'kopia', `${app}-volsync-secret`, '  trigger:\n    manual: restore-once\n')}`);
    }
    const { byId } = await load(r.root);
    const rb = byId('rotate:externalsecret:home/esphome-volsync');
    expect(headings(rb)).toEqual(['1. Change the password in the repository', '2. Change the value in the store', '3. Force a sync', '4. Let the movers read it']);
    const text = JSON.stringify(rb);
    expect(text).toContain('ReplicationSource ');
    expect(text).toContain('"esphome-bootstrap"');
    expect(code(rb)).toContain('kopia repository change-password');
    expect(code(rb)).not.toContain('restic key');
    // The other app's Secret comes from the same 1Password item and its movers mount the same share.
    const others = rb.sections[0]!.blocks.find((b) => b.type === 'list');
    expect(JSON.stringify(others)).toContain('frigate-volsync-secret');
    expect(JSON.stringify(others)).toContain('the same store item volsync-template');
    expect(JSON.stringify(others)).toContain('nfs nas.lan:/backups/volsync');
    // Movers read the Secret when they start: nothing restarts the app's pods.
    expect(code(rb)).not.toContain('rollout restart');
    expect(code(rb)).toContain("kubectl -n home get replicationsource esphome -o jsonpath=");
    expect(code(rb)).toContain('kubectl annotate externalsecret esphome-volsync -n home force-sync=');
  });

  it('restic in a SOPS file: a second key first, the old one removed after a run; an app\'s own Secret still restarts the app', async () => {
    const r = repo('rotate-restic');
    bootstrap(r);
    r.put('clusters/prod/media.yaml', fluxKustomization('media', './apps/media'));
    r.put('apps/media/release.yaml', helmRelease({ name: 'jellyfin', namespace: 'media' }));
    r.put('apps/media/pvc.yaml', claim('jellyfin').replaceAll('home', 'media'));
    const sops = (name: string, key: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: media\nstringData:\n  ${key}: ENC[AES256_GCM,data:abc,iv:a,tag:b,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n      enc: x\n  lastmodified: "2024-01-01T00:00:00Z"\n  version: 3.8.1\n`;
    r.put('apps/media/restic.sops.yaml', sops('jellyfin-restic', 'RESTIC_PASSWORD'));
    r.put('apps/media/api.sops.yaml', sops('jellyfin-api', 'API_KEY'));
    r.put('apps/media/volsync.yaml', mover('ReplicationSource', 'jellyfin', 'restic', 'jellyfin-restic', '  sourcePVC: jellyfin\n  trigger:\n    schedule: "0 3 * * *"\n').replaceAll('home', 'media'));
    const { byId } = await load(r.root);
    const rb = byId('rotate:sops:apps/media/restic.sops.yaml');
    expect(headings(rb)).toEqual(['What the file holds', 'Recipients', '1. Change the password in the repository', '2. Change the value', '3. Re-encrypt for the declared recipients', '4. Commit and reconcile', '5. Let the movers read it']);
    expect(code(rb)).toContain('restic key add');
    expect(code(rb)).toContain('restic key remove <ID of the old key>');
    expect(code(rb)).toContain('sops edit apps/media/restic.sops.yaml');
    expect(code(rb)).not.toContain('rollout restart');
    const api = byId('rotate:sops:apps/media/api.sops.yaml');
    expect(code(api)).toContain('kubectl rollout restart deployment,statefulset -n media -l app.kubernetes.io/instance=jellyfin');
    expect(code(api)).not.toContain('restic');
  });
});
