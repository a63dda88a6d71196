/**
 * Longhorn's volumes are known by their CSI driver, not only by a storage class named "longhorn": a
 * claim bound to a static PersistentVolume of `driver.longhorn.io` (its own class name), or of a
 * StorageClass whose provisioner is `driver.longhorn.io`, is covered by Longhorn's backup RecurringJobs
 * as any Longhorn claim is (group `default` for a claim without job labels). An outside review found
 * BACKUP_MISSING on such a claim beside weekly backup jobs of group default.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, cls: string, volume = '') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: media\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ${cls}\n${volume ? `  volumeName: ${volume}\n` : ''}  resources:\n    requests:\n      storage: 3Gi\n`;
const pv = (name: string, cls: string, driver: string) =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: ${name}\nspec:\n  capacity:\n    storage: 3Gi\n  accessModes: [ReadWriteOnce]\n  storageClassName: ${cls}\n  csi:\n    driver: ${driver}\n    volumeHandle: ${name}\n`;
const job = (groups: string) =>
  `apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: weekly-backups\n  namespace: longhorn-system\nspec:\n  cron: "0 3 * * 0"\n  task: backup\n  groups: [${groups}]\n  retain: 4\n  concurrency: 1\n`;

describe('claims on Longhorn by driver', () => {
  const repo = tempRepos(afterAll);
  const judge = async (files: Record<string, string>) => {
    const r = repo('backup-longhorn-driver');
    bootstrap(r);
    r.put('clusters/prod/media.yaml', fluxKustomization('media', './apps/media'));
    r.put('apps/media/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    for (const [file, text] of Object.entries(files)) r.put(`apps/media/${file}`, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    return { rows: Object.fromEntries(result.rows.map((row) => [row.name, row])), missing: findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId) };
  };

  it("are covered by a backup RecurringJob of group default, through a static volume's driver or a class's provisioner", async () => {
    const out = await judge({
      'jobs.yaml': job('default'),
      'static.yaml': `${claim('gonic-data', 'gonic-data-class', 'gonic-data-pv')}---\n${pv('gonic-data-pv', 'gonic-data-class', 'driver.longhorn.io')}`,
      'class.yaml': `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: replicated\nprovisioner: driver.longhorn.io\n---\n${claim('config', 'replicated')}`,
      // Another driver's static volume is not Longhorn's.
      'other.yaml': `${claim('library', 'local-class', 'library-pv')}---\n${pv('library-pv', 'local-class', 'local.csi.openebs.io')}`,
    });
    expect(out.missing).toEqual(['PersistentVolumeClaim/media/library']);
    expect(out.rows['gonic-data']!.systems.longhorn.via.map((v) => v.detail)).toEqual(['RecurringJob weekly-backups (group default)']);
    expect(out.rows.config!.systems.longhorn.via.map((v) => v.detail)).toEqual(['RecurringJob weekly-backups (group default)']);
  });

  it('are still missing a backup where no job serves group default, and say they are on Longhorn', async () => {
    const out = await judge({
      'jobs.yaml': job('critical'),
      'static.yaml': `${claim('gonic-data', 'gonic-data-class', 'gonic-data-pv')}---\n${pv('gonic-data-pv', 'gonic-data-class', 'driver.longhorn.io')}`,
    });
    expect(out.missing).toEqual(['PersistentVolumeClaim/media/gonic-data']);
    expect(out.rows['gonic-data']!.systems.longhorn.note).toContain('on Longhorn (class gonic-data-class, driver.longhorn.io)');
  });
});
