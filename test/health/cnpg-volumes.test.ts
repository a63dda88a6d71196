/**
 * A CloudNativePG Cluster's volumes (spec.storage, spec.walStorage: one claim per instance, made by
 * the operator) are storage of its app, backed up by the operator where the Cluster or a
 * ScheduledBackup says so. They were not modelled: a database nobody backs up got no warning, and
 * its app page showed no storage (a public repository's site, and the corpus' CNPG repositories).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { countModel } from '../../src/analysis/counts.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('cnpg-volumes');
afterAll(remove);

describe('CloudNativePG Cluster volumes', async () => {
  put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
  put('clusters/main/apps.yaml', `${fluxKustomization('db', './apps/db', '  targetNamespace: database\n')}---\n${fluxKustomization('wiki', './apps/wiki', '  targetNamespace: wiki\n')}`);
  put('apps/db/kustomization.yaml', 'resources:\n  - cluster.yaml\n');
  put('apps/db/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: pg\nspec:\n  instances: 3\n  imageName: ghcr.io/cloudnative-pg/postgresql:17.2\n  storage:\n    size: 10Gi\n    storageClass: ceph-block\n  walStorage:\n    size: 2Gi\n');
  put('apps/wiki/kustomization.yaml', 'resources:\n  - cluster.yaml\n  - backup.yaml\n');
  put('apps/wiki/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: wiki-pg\nspec:\n  instances: 1\n  storage:\n    pvcTemplate:\n      storageClassName: local-path\n      resources:\n        requests:\n          storage: 5Gi\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      isWALArchiver: true\n      parameters:\n        barmanObjectName: wiki-store\n');
  put('apps/wiki/backup.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: wiki-daily\nspec:\n  schedule: "0 0 3 * * *"\n  cluster:\n    name: wiki-pg\n  method: plugin\n  pluginConfiguration:\n    name: barman-cloud.cloudnative-pg.io\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const { result, findings } = backupMatrix(model);

  it('are claims of the app, with size, class and the operator', () => {
    expect(model.pvcs.map((p) => [p.id, p.name, p.namespace, p.size, p.storageClass, p.origin, p.appId])).toEqual([
      ['Cluster/database/pg#storage', 'pg', 'database', '10Gi', 'ceph-block', 'operator', 'database/db'],
      ['Cluster/database/pg#walStorage', 'pg-wal', 'database', '2Gi', null, 'operator', 'database/db'],
      ['Cluster/wiki/wiki-pg#storage', 'wiki-pg', 'wiki', '5Gi', 'local-path', 'operator', 'wiki/wiki'],
    ]);
    // Not PVC documents of the repository: corpus-meta's counts stay as they are.
    expect(countModel(model).pvcs).toBe(0);
  });

  it('without a backup configured: BACKUP_MISSING that names the Cluster and the operator way', () => {
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => [f.message, `${f.source.file}:${f.source.line}`])).toEqual([
      ["The data volumes (3 instances, 10Gi each) of CloudNativePG Cluster pg in database are not backed up by CloudNativePG, k8up, Velero, Longhorn, VolSync or kopiur; configure the operator's backups (barmanObjectStore or the barman-cloud plugin, with a ScheduledBackup).", 'apps/db/cluster.yaml:8'],
      ["The WAL volumes (3 instances, 2Gi each) of CloudNativePG Cluster pg in database are not backed up by CloudNativePG, k8up, Velero, Longhorn, VolSync or kopiur; configure the operator's backups (barmanObjectStore or the barman-cloud plugin, with a ScheduledBackup).", 'apps/db/cluster.yaml:11'],
    ]);
  });

  it('with the barman-cloud plugin and a ScheduledBackup: covered, and the app page says by what', () => {
    expect(result.rows.find((r) => r.pvcId === 'Cluster/wiki/wiki-pg#storage')?.appLevel).toBe('CloudNativePG: ScheduledBackup wiki-daily (0 0 3 * * *) to the barman-cloud.cloudnative-pg.io plugin');
    const facts = appFacts(model, 'wiki/wiki')!;
    expect(facts.backup.status).toBe('covered');
    expect(facts.storage.map((s) => [s.name, s.size, s.origin, s.backups.map((b) => b.detail)])).toEqual([
      ['wiki-pg', '5Gi', 'CloudNativePG Cluster wiki-pg, 1 instance', ['CloudNativePG: ScheduledBackup wiki-daily (0 0 3 * * *) to the barman-cloud.cloudnative-pg.io plugin']],
    ]);
  });
});

describe('a ScheduledBackup', () => {
  const r = tempRepo('cnpg-schedules');
  afterAll(r.remove);

  it("counts for its own cluster's database only, and only where a build applies it", async () => {
    for (const c of ['a', 'b']) {
      r.put(`clusters/${c}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${c}`));
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
      r.put(`apps/${c}/backup.yaml`, `apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: main-${c}\nspec:\n  schedule: "0 0 0 * * *"\n  cluster:\n    name: main\n`);
    }
    r.put('apps/a/kustomization.yaml', 'namespace: db\nresources:\n  - ../base/db\n  - backup.yaml\n');
    // b's schedule is left out of its list: not applied, so b's database is not backed up.
    r.put('apps/b/kustomization.yaml', 'namespace: db\nresources:\n  - ../base/db\n');
    r.put('apps/base/db/kustomization.yaml', 'resources:\n  - cluster.yaml\n');
    r.put('apps/base/db/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: main\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://backups/main\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.pvcs.map((p) => [p.cluster, p.operator?.backup ?? null])).toEqual([
      ['a', 'CloudNativePG: ScheduledBackup main-a (0 0 0 * * *) to an object store (barmanObjectStore), with the WAL archived'],
      ['b', null],
    ]);
  });
});

describe('an operator volume beside a backed-up claim', () => {
  const r = tempRepo('cnpg-partial');
  afterAll(r.remove);

  it('is BACKUP_MISSING, never BACKUP_PARTIAL (a database is not re-created like metadata)', async () => {
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', fluxKustomization('immich', './apps/immich', '  targetNamespace: media\n'));
    r.put('apps/immich/kustomization.yaml', 'resources:\n  - cluster.yaml\n  - pvc.yaml\n  - volsync.yaml\n');
    r.put('apps/immich/cluster.yaml', 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: immich\nspec:\n  instances: 1\n  storage:\n    size: 5Gi\n');
    r.put('apps/immich/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: immich-library\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 100Gi\n');
    r.put('apps/immich/volsync.yaml', 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: immich-library\nspec:\n  sourcePVC: immich-library\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: immich-restic\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(backupMatrix(model).findings.map((f) => f.code)).toEqual(['BACKUP_MISSING']);
  });
});

describe('what takes a CloudNativePG backup (outside review: a schedule with nowhere to write was counted, and a WAL archive alone)', () => {
  const r = tempRepo('cnpg-methods');
  afterAll(r.remove);
  const cluster = (name: string, spec = '') => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n  storage:\n    size: 5Gi\n${spec}`;
  const schedule = (name: string, spec = '') => `apiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: ${name}\nspec:\n  schedule: "@daily"\n  cluster:\n    name: ${name}\n${spec}`;
  const store = '  backup:\n    barmanObjectStore:\n      destinationPath: s3://backups/db\n';

  it('a schedule counts where the Cluster configures its method; a configuration alone, or a schedule of another method, is BACKUP_MISSING that says why', async () => {
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/db.yaml', fluxKustomization('db', './apps/db', '  targetNamespace: database\n'));
    const files: Record<string, string> = {
      'ok.yaml': `${cluster('pg-ok', store)}---\n${schedule('pg-ok')}`,
      'nostore.yaml': `${cluster('pg-nostore')}---\n${schedule('pg-nostore')}`,
      'walonly.yaml': cluster('pg-walonly', store),
      'snap.yaml': `${cluster('pg-snap', store)}---\n${schedule('pg-snap', '  method: volumeSnapshot\n')}`,
      'plugin.yaml': `${cluster('pg-plugin', '  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n')}---\n${schedule('pg-plugin', '  method: plugin\n  pluginConfiguration:\n    name: barman-cloud.cloudnative-pg.io\n')}`,
    };
    r.put('apps/db/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    for (const [f, text] of Object.entries(files)) r.put(`apps/db/${f}`, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { findings } = backupMatrix(model);
    const missing = Object.fromEntries(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => [f.objectId, f.message]));
    expect(Object.keys(missing).sort()).toEqual(['Cluster/database/pg-nostore#storage', 'Cluster/database/pg-snap#storage', 'Cluster/database/pg-walonly#storage']);
    expect(missing['Cluster/database/pg-nostore#storage']).toContain('ScheduledBackup pg-nostore (method barmanObjectStore) has nothing to write with: it sets no spec.backup.barmanObjectStore');
    expect(missing['Cluster/database/pg-snap#storage']).toContain('it sets no spec.backup.volumeSnapshot');
    // The Cluster configures an object store: the fix is the schedule's method, which the message says.
    expect(missing['Cluster/database/pg-snap#storage']).toContain('the Cluster configures method: barmanObjectStore: set the ScheduledBackup so, or configure the method it names.');
    expect(missing['Cluster/database/pg-nostore#storage']).toContain("configure the operator's backups");
    expect(missing['Cluster/database/pg-walonly#storage']).toContain('configures barmanObjectStore (it archives the WAL), but no ScheduledBackup takes a base backup');
    expect(model.pvcs.filter((p) => p.operator?.backup).map((p) => p.name).sort()).toEqual(['pg-ok', 'pg-plugin']);
  });
});
