/**
 * Where Longhorn runs, for the restore runbook's `kubectl -n ... volumes.longhorn.io` commands: the
 * namespace its HelmRelease installs into (spec.targetNamespace), not the one the HelmRelease object
 * lives in. A public repository keeps its HelmReleases in flux-system and installs Longhorn into
 * longhorn-system; the runbook said `kubectl -n flux-system delete volumes.longhorn.io`, which fails
 * halfway through a restore.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('restore-longhorn-ns');
afterAll(remove);

describe('the Longhorn restore runbook', () => {
  it('uses the namespace Longhorn is installed into', async () => {
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/apps.yaml', [fluxKustomization('longhorn', './infra/longhorn'), fluxKustomization('web', './apps/web')].join('---\n'));
    put('infra/longhorn/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: longhorn\n  namespace: flux-system\nspec:\n  targetNamespace: longhorn-system\n  chart:\n    spec:\n      chart: longhorn\n      sourceRef: {kind: HelmRepository, name: longhorn}\n');
    put('infra/longhorn/jobs.yaml', 'apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: backup-daily\n  namespace: longhorn-system\nspec:\n  cron: "0 3 * * *"\n  task: backup\n  groups: [default]\n  retain: 7\n  concurrency: 1\n');
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    put('apps/web/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: web-data\n  namespace: web\nspec:\n  storageClassName: longhorn\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    const { runbooks } = await load(root);
    const restore = runbooks.find((r) => r.kind === 'restore' && r.id.endsWith('/web'));
    expect(restore).toBeDefined();
    const c = code(restore!);
    expect(c).toContain('kubectl -n longhorn-system get backups.longhorn.io');
    expect(c).not.toContain('kubectl -n flux-system get backups.longhorn.io');
  });
});
