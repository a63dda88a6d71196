/**
 * Several Secrets can hold the password of one kopia repository: the movers' (`<app>-volsync-secret`),
 * a KopiaMaintenance's (`spec.repository.repository`) and a kopia UI's whose pods mount the same NFS
 * path. `kopia repository change-password` changes it for all of them (outside review: the movers'
 * runbook named none of the others, and the maintenance Secret's said "change the value, restart
 * volsync", after which maintenance could not open the repository). Each of their rotate runbooks
 * changes the password in the repository first and names the others, to be updated together.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';
import type { Block, Runbook } from '../../src/analysis/runbooks/types.ts';

const NFS = '          nfs:\n            server: 192.168.7.50\n            path: /volume1/backup/kopia\n';
const sops = (name: string, namespace: string, keys: readonly string[]) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nstringData:\n${keys.map((k) => `  ${k}: ENC[AES256_GCM,data:abc,iv:a,tag:b,type:str]\n`).join('')}sops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n      enc: x\n  lastmodified: "2024-01-01T00:00:00Z"\n  version: 3.8.1\n`;
const mover = (kind: string, name: string, extra: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n${extra}  kopia:\n    repository: scannettes-volsync-secret\n    copyMethod: Snapshot\n    moverVolumes:\n      - mountPath: repository\n        volumeSource:\n${NFS}`;
const maintenance = `apiVersion: volsync.backube/v1alpha1\nkind: KopiaMaintenance\nmetadata:\n  name: daily\n  namespace: volsync-system\nspec:\n  trigger:\n    schedule: 30 3,15 * * *\n  moverVolumes:\n    - mountPath: repository\n      volumeSource:\n${NFS.replace(/^ {4}/gm, '  ')}  repository:\n    repository: volsync-maintenance-secret\n`;
// app-template's shape: envFrom the Secret, the repository's share as an `nfs` persistence entry.
const ui = (name: string, secret: string, path: string) =>
  helmRelease({ name, namespace: 'volsync-system', chart: 'app-template', values: `    controllers:\n      ${name}:\n        containers:\n          app:\n            envFrom:\n              - secretRef:\n                  name: ${secret}\n    persistence:\n      repository:\n        type: nfs\n        server: 192.168.7.50\n        path: ${path}\n        globalMounts:\n          - path: /repository\n` });

const list = (rb: Runbook): string => JSON.stringify(rb.sections.find((s) => s.slug === 'repository-password')?.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list'));

describe('rotating one of the Secrets of a shared kopia repository', () => {
  const repo = tempRepos(afterAll);

  it('the movers\', the KopiaMaintenance\'s and the kopia UI\'s Secrets each change the password first and name the others', async () => {
    const r = repo('rotate-shared-kopia');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['scannettes', 'volsync', 'kopia', 'other'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/scannettes/claim.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: scannettes\n  namespace: default\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n');
    r.put('apps/scannettes/volsync.yaml', `${mover('ReplicationSource', 'scannettes', '  sourcePVC: scannettes\n  trigger:\n    schedule: 0 * * * *\n')}---\n${mover('ReplicationDestination', 'scannettes-dst', '  trigger:\n    manual: restore-once\n')}`);
    r.put('apps/scannettes/secret.sops.yaml', sops('scannettes-volsync-secret', 'default', ['KOPIA_PASSWORD', 'KOPIA_REPOSITORY']));
    r.put('apps/volsync/kopiamaintenance.yaml', maintenance);
    r.put('apps/volsync/secret.sops.yaml', sops('volsync-maintenance-secret', 'volsync-system', ['KOPIA_PASSWORD', 'KOPIA_REPOSITORY']));
    r.put('apps/kopia/helmrelease.yaml', ui('kopia', 'kopia-secret', '/volume1/backup/kopia'));
    r.put('apps/kopia/secret.sops.yaml', sops('kopia-secret', 'volsync-system', ['KOPIA_PASSWORD']));
    // Not readers of the repository: a share of another path, a Secret with no kopia password.
    r.put('apps/other/helmrelease.yaml', `${ui('archive', 'archive-secret', '/volume1/backup/archive')}---\n${ui('browser', 'browser-secret', '/volume1/backup/kopia')}`);
    r.put('apps/other/secret.sops.yaml', `${sops('archive-secret', 'volsync-system', ['KOPIA_PASSWORD'])}---\n${sops('browser-secret', 'volsync-system', ['API_TOKEN'])}`);
    const { byId } = await load(r.root);
    const headings = (rb: Runbook) => rb.sections.map((s) => s.heading);

    const maint = byId('rotate:sops:apps/volsync/secret.sops.yaml');
    expect(headings(maint)).toEqual(['What the file holds', 'Recipients', '1. Change the password in the repository', '2. Change the value', '3. Re-encrypt for the declared recipients', '4. Commit and reconcile', '5. Let the movers read it']);
    expect(code(maint)).toContain('kopia repository change-password');
    expect(code(maint)).toContain("kubectl -n volsync-system get kopiamaintenance daily -o jsonpath='{.status.lastMaintenanceTime}");
    // Not "restart volsync": maintenance reads it at its next run.
    expect(code(maint)).not.toContain('rollout restart');
    expect(list(maint)).toContain('"scannettes-volsync-secret"');
    expect(list(maint)).toContain('"kopia-secret"');
    expect(list(maint)).toContain('/runbooks/rotate/sops/apps/kopia/secret.sops.yaml/');
    expect(JSON.stringify(maint)).toContain('together with this one');

    const movers = byId('rotate:sops:apps/scannettes/secret.sops.yaml');
    expect(list(movers)).toContain('"volsync-maintenance-secret"');
    expect(list(movers)).toContain('"kopia-secret"');
    expect(list(movers)).toContain('/runbooks/rotate/sops/apps/volsync/secret.sops.yaml/');

    const kopia = byId('rotate:sops:apps/kopia/secret.sops.yaml');
    expect(headings(kopia)).toContain('1. Change the password in the repository');
    expect(code(kopia)).toContain('kopia repository change-password');
    expect(list(kopia)).toContain('"scannettes-volsync-secret"');
    expect(list(kopia)).toContain('"volsync-maintenance-secret"');
    // The UI's pods read it when they start: they are restarted, after the value changed.
    expect(code(kopia)).toContain('kubectl rollout restart deployment,statefulset -n volsync-system -l app.kubernetes.io/instance=kopia');

    for (const rb of [maint, movers, kopia]) {
      expect(list(rb)).not.toContain('archive-secret');
      expect(list(rb)).not.toContain('browser-secret');
    }
    expect(headings(byId('rotate:sops:apps/other/secret.sops.yaml'))).not.toContain('1. Change the password in the repository');
  });

  it('restic on a claim: a Deployment of the namespace mounting the repository\'s claim holds its password too; one of another namespace does not', async () => {
    const r = repo('rotate-shared-restic');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', ['media', 'tools'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    const ui = (namespace: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: backrest\n  namespace: ${namespace}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: garethgeorge/backrest:v1.6.0\n          envFrom:\n            - secretRef:\n                name: backrest-secret\n      volumes:\n        - name: repo\n          persistentVolumeClaim:\n            claimName: volsync-repo\n`;
    r.put('apps/media/volsync.yaml', `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: jellyfin\n  namespace: media\nspec:\n  sourcePVC: jellyfin\n  trigger:\n    schedule: 0 3 * * *\n  restic:\n    repository: jellyfin-restic\n    copyMethod: Snapshot\n    moverVolumes:\n      - mountPath: repo\n        volumeSource:\n          persistentVolumeClaim:\n            claimName: volsync-repo\n`);
    r.put('apps/media/restic.sops.yaml', sops('jellyfin-restic', 'media', ['RESTIC_PASSWORD', 'RESTIC_REPOSITORY']));
    r.put('apps/media/backrest.sops.yaml', sops('backrest-secret', 'media', ['RESTIC_PASSWORD']));
    r.put('apps/media/backrest.yaml', ui('media'));
    r.put('apps/tools/backrest.yaml', ui('tools'));
    r.put('apps/tools/secret.sops.yaml', sops('backrest-secret', 'tools', ['RESTIC_PASSWORD']));
    const { byId } = await load(r.root);
    const movers = byId('rotate:sops:apps/media/restic.sops.yaml');
    expect(list(movers)).toContain('"backrest-secret"');
    expect(list(movers)).toContain('Deployment ');
    // restic keeps the old key until the last step: the others get the new value before it goes.
    expect(JSON.stringify(movers)).toContain('the old restic key opens it until the last step removes it');
    const rb = byId('rotate:sops:apps/media/backrest.sops.yaml');
    expect(code(rb)).toContain('restic key add');
    expect(list(rb)).toContain('"jellyfin-restic"');
    // Its pods read it when they start: restarted, by name, in its namespace only.
    expect(code(rb)).toContain('kubectl rollout restart deployment/backrest -n media');
    expect(code(rb)).not.toContain('-n tools');
    const tools = byId('rotate:sops:apps/tools/secret.sops.yaml');
    expect(tools.sections.map((s) => s.heading)).not.toContain('1. Change the password in the repository');
  });
});
