import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/health-backup');

describe('backup matrix on the health-backup fixture (cases in its README.md)', async () => {
  const { model } = await scanRepo(FIXTURE, parseConfig({}));
  const { result, findings } = backupMatrix(model);
  const row = (id: string) => result.rows.find((r) => r.pvcId === `PersistentVolumeClaim/${id}`)!;

  it('judges every PVC, manifests and Helm values alike', () => {
    expect(result.rows.map((r) => r.pvcId.split('/').slice(1).join('/'))).toEqual([
      'apps/k8up-only', 'apps/opted-out', 'apps/triple', 'media/jelly', 'media/media-data', 'other/annotated-no-schedule', 'other/lh-default', 'other/lh-snapshot-only',
    ]);
    expect(row('media/jelly').origin).toBe('values');
    expect([result.covered, result.missing, result.overlapping]).toEqual([5, 3, 1]);
  });

  it('k8up: a Schedule covers its namespace unless the PVC opts out; an annotation alone is not a backup', () => {
    expect(row('apps/k8up-only').coveredBy).toEqual(['k8up']);
    expect(row('apps/opted-out').coveredBy).toEqual([]);
    expect(row('other/annotated-no-schedule').coveredBy).toEqual([]);
    expect(row('other/annotated-no-schedule').systems.k8up.note).toMatch(/no k8up Schedule in namespace other/);
  });

  it('Longhorn: group labels and the default group count; snapshot jobs do not', () => {
    expect(row('apps/triple').systems.longhorn.via.map((v) => v.detail)).toEqual(['RecurringJob backup-daily (group daily)']);
    expect(row('other/lh-default').systems.longhorn.via.map((v) => v.detail)).toEqual(['RecurringJob default-backup (group default)']);
    expect(row('other/lh-snapshot-only').coveredBy).toEqual([]);
    // Volumes outside Longhorn storage classes are never Longhorn's.
    expect(row('apps/k8up-only').systems.longhorn.via).toEqual([]);
  });

  it('Velero: values schedules cover the namespaces they include, values PVCs too', () => {
    expect(row('media/media-data').coveredBy).toEqual(['velero']);
    expect(row('media/jelly').coveredBy).toEqual(['velero']);
    expect(row('apps/k8up-only').systems.velero.via).toEqual([]);
  });

  it('VolSync: ReplicationSource sourcePVC in the same namespace', () => {
    expect(row('apps/triple').systems.volsync.via.map((v) => v.detail)).toEqual(['ReplicationSource triple']);
  });

  it('reports gaps as BACKUP_MISSING warnings and three systems as BACKUP_OVERLAP, at the PVC line', () => {
    const got = findings.map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`]);
    expect(got).toEqual([
      ['BACKUP_MISSING', 'warning', 'apps/pvcs.yaml:13'],
      ['BACKUP_OVERLAP', 'info', 'apps/pvcs.yaml:27'],
      ['BACKUP_MISSING', 'warning', 'other/pvcs.yaml:1'],
      ['BACKUP_MISSING', 'warning', 'other/pvcs.yaml:25'],
    ]);
    expect(findings.every((f) => f.area === 'backup' && f.objectId?.startsWith('PersistentVolumeClaim/'))).toBe(true);
  });
});
