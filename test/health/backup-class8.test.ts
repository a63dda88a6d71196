/**
 * Issue 15, class 8 (backups): default StorageClass, Longhorn's default group, shares and caches
 * not applicable, disabled parts not counted. Cases in the fixture's README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { defaultStorageClass } from '../../src/repo/build/default-storage-class.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { hr, kobj, model } from './make-model.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/health-backup-class8');

describe('backup class 8 on the health-backup-class8 fixture', async () => {
  const { model: m } = await scanRepo(FIXTURE, parseConfig({}));
  const { result, findings } = backupMatrix(m);
  const row = (id: string) => result.rows.find((r) => r.pvcId === `PersistentVolumeClaim/${id}`)!;

  it('a claim without storageClassName takes the default class (Longhorn defaultClass: true) and its default-group job', () => {
    expect(row('apps/paperless-data')).toMatchObject({ storageClass: null, defaultClass: 'longhorn', coveredBy: ['longhorn'] });
    expect(row('apps/paperless-data').systems.longhorn.via.map((v) => v.detail)).toEqual(['RecurringJob nightly-backup (group default)']);
    expect(row('media/jelly')).toMatchObject({ origin: 'values', defaultClass: 'longhorn', coveredBy: ['longhorn'] });
  });

  it('a claim labelled for another group leaves the default group, and a snapshot job is no backup', () => {
    expect(row('apps/paperless-media').coveredBy).toEqual([]);
    expect(row('apps/paperless-media').systems.longhorn.note).toMatch(/group weekly but no backup RecurringJob/);
  });

  it('NFS shares and caches are not applicable, not missing; disabled persistence is no volume', () => {
    expect(row('media/media-library').notApplicable).toBe('network share (the PersistentVolumes of class media, nfs 192.0.2.10)');
    expect(row('media/plex-cache').notApplicable).toBe('cache (by its name)');
    expect(row('media/plex-config').notApplicable).toBeNull();
    expect(result.rows.some((r) => r.name.includes('transcode'))).toBe(false);
    expect([result.covered, result.missing, result.notApplicable]).toEqual([3, 2, 2]);
  });

  it('a release with a Litestream sidecar backs its claim up itself', () => {
    expect(row('apps/linkding')).toMatchObject({ coveredBy: [], notApplicable: null, appLevel: 'Litestream replication (HelmRelease linkding)' });
  });

  it('raises BACKUP_MISSING only for the two volumes that really lack a backup', () => {
    expect(findings.map((f) => `${f.code} ${f.objectId} ${f.source.file}:${f.source.line}`)).toEqual([
      'BACKUP_MISSING PersistentVolumeClaim/apps/paperless-media apps/paperless/pvc.yaml:12',
      'BACKUP_MISSING PersistentVolumeClaim/media/plex-config media/plex/pvc.yaml:13',
    ]);
  });
});

describe('an app that backs up one claim and not another (bjw-s jellyfin: /config backed up, metadata re-fetchable)', () => {
  const claim = (name: string, labels: Record<string, string> = {}) => ({ ...kobj('PersistentVolumeClaim', 'media', name, `media/${name}.yaml`, 2, { labels }), appId: 'media/jellyfin', size: '20Gi', storageClass: 'ceph-block', accessModes: ['ReadWriteOnce'], origin: 'manifest' as const, helmRelease: null, existingClaimOf: [] });
  const rs = { ...kobj('ReplicationSource', 'media', 'jellyfin', 'media/rs.yaml', 1, { group: 'volsync.backube' }), system: 'volsync' as const, sourcePvc: 'jellyfin-config', schedule: null, groups: [], task: null, repository: null };

  it('says BACKUP_PARTIAL (info) for the claim left out on purpose, naming what is backed up', () => {
    const { findings } = backupMatrix(model({ pvcs: [claim('jellyfin-config'), claim('jellyfin-metadata')], backupObjects: [rs] } as never));
    expect(findings.map((f) => [f.code, f.severity, f.objectId])).toEqual([['BACKUP_PARTIAL', 'info', 'PersistentVolumeClaim/media/jellyfin-metadata']]);
    expect(findings[0]!.message).toContain('jellyfin-config (volsync)');
  });

  it('keeps BACKUP_MISSING where the app backs up nothing', () => {
    const { findings } = backupMatrix(model({ pvcs: [claim('jellyfin-config'), claim('jellyfin-metadata')] } as never));
    expect(findings.map((f) => f.code)).toEqual(['BACKUP_MISSING', 'BACKUP_MISSING']);
  });
});

describe('default StorageClass sources', () => {
  it('an annotated StorageClass object', () => {
    const sc = kobj('StorageClass', null, 'local-path', 'storage/sc.yaml', 2, { group: 'storage.k8s.io', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } });
    expect(defaultStorageClass(model({ objects: [sc] }))).toMatchObject({ name: 'local-path', from: 'object' });
  });

  it('rook-ceph-cluster values (cephBlockPools[].storageClass.isDefault), not a disabled class', () => {
    const values = { cephBlockPools: [{ name: 'ceph-blockpool', storageClass: { enabled: true, name: 'ceph-block', isDefault: true } }], cephFileSystems: [{ name: 'fs', storageClass: { enabled: false, name: 'ceph-fs', isDefault: true } }] };
    expect(defaultStorageClass(model({ helmReleases: [hr('rook-ceph', 'rook-ceph-cluster', 'rook-ceph-cluster', values)] }))?.name).toBe('ceph-block');
  });

  it('a Grafana datasource marked isDefault is no StorageClass', () => {
    const grafana = hr('observability', 'grafana', 'grafana', { datasources: { 'datasources.yaml': { datasources: [{ name: 'Prometheus', isDefault: true }] } } });
    const lh = hr('longhorn-system', 'longhorn', 'longhorn', { persistence: { defaultClass: true } });
    expect(defaultStorageClass(model({ helmReleases: [grafana, lh] }))?.name).toBe('longhorn');
  });

  it('none when two sources disagree (then no claim is attributed to either)', () => {
    const sc = kobj('StorageClass', null, 'local-path', 'storage/sc.yaml', 2, { group: 'storage.k8s.io', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } });
    const lh = hr('longhorn-system', 'longhorn', 'longhorn', { persistence: { defaultClass: true } });
    expect(defaultStorageClass(model({ objects: [sc], helmReleases: [lh] }))).toBeNull();
  });
});

describe('logs and crash dumps (xunholy game servers: cmangos-mangosd-logs, azerothcore-cores)', () => {
  const claim = (name: string) => ({ ...kobj('PersistentVolumeClaim', 'game-servers', name, `game-servers/${name}.yaml`, 2), size: '20Gi', storageClass: 'ceph-block', accessModes: ['ReadWriteOnce'], origin: 'manifest' as const, helmRelease: null, existingClaimOf: [] });
  const run = () => backupMatrix(model({ pvcs: ['cmangos-mangosd-logs', 'azerothcore-cores', 'cmangos-data', 'solr-cores-data', 'logstash'].map(claim) }));

  it('a claim whose name ends in logs or cores is not applicable, not missing', () => {
    const rows = new Map(run().result.rows.map((r) => [r.name, r.notApplicable]));
    expect(rows.get('cmangos-mangosd-logs')).toBe('logs or crash dumps (by its name)');
    expect(rows.get('azerothcore-cores')).toBe('logs or crash dumps (by its name)');
  });

  it('a data claim, or one where logs/cores is not the last word, still needs a backup', () => {
    expect(run().findings.map((f) => f.objectId).sort()).toEqual([
      'PersistentVolumeClaim/game-servers/cmangos-data',
      'PersistentVolumeClaim/game-servers/logstash',
      'PersistentVolumeClaim/game-servers/solr-cores-data',
    ]);
  });
});
