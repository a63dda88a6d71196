/**
 * A VolSync ReplicationSource names the claim it copies (spec.sourcePVC). A CloudNativePG Cluster's
 * claims are the operator's, named `<cluster>-<n>` (and `<cluster>-<n>-wal`), never the Cluster's own
 * name: a component that names both the app's claim and its database `${APP}` made the database
 * "backed up by VolSync" and hid its BACKUP_MISSING (outside review). A source of `<cluster>-1` does copy
 * the first instance's claim.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cluster = (name: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n  storage:\n    size: 5Gi\n`;
const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const source = (name: string, claim: string) => `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${name}\nspec:\n  sourcePVC: ${claim}\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: ${name}-restic\n`;

describe('VolSync and a CloudNativePG Cluster of the same name', () => {
  const repo = tempRepos(afterAll);

  it("backs up the app's claim, not the database; a source of <cluster>-1 backs up the database", async () => {
    const r = repo('volsync-cnpg-names');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', `${fluxKustomization('paperless', './apps/paperless', '  targetNamespace: docs\n')}---\n${fluxKustomization('wiki', './apps/wiki', '  targetNamespace: wiki\n')}`);
    r.put('apps/paperless/kustomization.yaml', 'resources:\n  - all.yaml\n');
    r.put('apps/paperless/all.yaml', [cluster('paperless'), pvc('paperless'), source('paperless', 'paperless')].join('---\n'));
    r.put('apps/wiki/kustomization.yaml', 'resources:\n  - all.yaml\n');
    r.put('apps/wiki/all.yaml', [cluster('wiki'), source('wiki-db', 'wiki-1')].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const volsync = (id: string) => result.rows.find((row) => row.pvcId === id)?.systems.volsync.via.map((v) => v.detail) ?? null;
    expect(volsync('PersistentVolumeClaim/docs/paperless')).toEqual(['ReplicationSource paperless']);
    expect(volsync('Cluster/docs/paperless#storage')).toEqual([]);
    expect(volsync('Cluster/wiki/wiki#storage')).toEqual(['ReplicationSource wiki-db']);
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.source.file)).toEqual(['apps/paperless/all.yaml']);
    // Nor does a backup CronJob of the app's claim back up the database (code review).
    const job = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: paperless-backup\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: backup\n              image: alpine:3.20\n              command: [tar, czf, /backup/data.tgz, /data]\n          volumes:\n            - name: data\n              persistentVolumeClaim:\n                claimName: paperless\n            - name: backup\n              nfs:\n                server: nas.lan\n                path: /backups\n';
    r.put('apps/paperless/all.yaml', [cluster('paperless'), pvc('paperless'), job].join('---\n'));
    const again = await scanRepo(r.root, parseConfig({}));
    const rows = backupMatrix(again.model).result.rows;
    expect(rows.find((row) => row.pvcId === 'Cluster/docs/paperless#storage')?.appLevel ?? null).toBeNull();
    expect(rows.find((row) => row.pvcId === 'PersistentVolumeClaim/docs/paperless')?.appLevel).toContain('CronJob paperless-backup');
  });
});
