/**
 * A Bitnami database's claim (`data-<release>-mariadb-0`) backed up by the owner's own dump CronJob, which
 * reaches the database over its Service (tuxpeople/k8s-server's webtrees: `mysqldump -h $MARIADB_HOST`
 * to an NFS share, MARIADB_HOST the StatefulSet's name) and mounts no claim of it: a logical backup, not
 * BACKUP_MISSING (outside review, judged false in the ledger before). A dump of another database, or one
 * in another namespace by its short name, does not cover it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const dumpJob = (name: string, namespace: string, host: string, how: 'env' | 'arg') =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: dump\n              image: alpine\n` +
  (how === 'env'
    ? `              env:\n                - name: MARIADB_HOST\n                  value: ${host}\n                - name: MYSQL_PWD\n                  valueFrom:\n                    secretKeyRef:\n                      name: mariadb-secret\n                      key: mariadb-root-password\n              command: [/bin/sh]\n              args:\n                - -c\n                - |\n                  mysqldump -h $MARIADB_HOST -u root webtrees | gzip > /var/nfs/webtrees.sql.gz\n`
    : `              command: [/bin/sh, -c, "pg_dump --host=${host}:5432 -U app app > /var/nfs/app.sql"]\n`) +
  `              volumeMounts:\n                - name: nfs\n                  mountPath: /var/nfs\n          volumes:\n            - name: nfs\n              nfs:\n                server: 10.0.0.2\n                path: /backup\n`;

describe('a database claim that a dump CronJob backs up', () => {
  const repo = tempRepos(afterAll);
  const backup = async (jobs: string[]) => {
    const r = repo('db-dump');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n  - webtrees.yaml\n  - app.yaml\n${jobs.map((_, i) => `  - job-${i}.yaml\n`).join('')}`);
    r.put('apps/webtrees.yaml', helmRelease({ name: 'webtrees-db', namespace: 'productivity', chart: 'mariadb', version: '20.2.1', source: 'bitnami', values: '    global:\n      storageClass: longhorn\n' }));
    r.put('apps/app.yaml', helmRelease({ name: 'app-db', namespace: 'productivity', chart: 'postgresql', version: '16.0.0', source: 'bitnami', values: '    global:\n      storageClass: longhorn\n' }));
    jobs.forEach((j, i) => r.put(`apps/job-${i}.yaml`, j));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const a = analyse(model, config);
    const missing = a.findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId).sort();
    const by = a.health.matrices.backup.rows.flatMap((row) => (row.appLevel === null ? [] : [row.appLevel]));
    return { missing, by };
  };

  it('covers the claim of the database whose host the job names, by an env value or a --host argument', async () => {
    const { missing, by } = await backup([dumpJob('webtrees-db-mariadb', 'productivity', 'webtrees-db-mariadb', 'env'), dumpJob('app-dump', 'backups', 'app-db-postgresql.productivity.svc.cluster.local', 'arg')]);
    expect(missing).toEqual([]);
    expect(by.sort()).toEqual([
      'a database dump (CronJob app-dump dumps app-db-postgresql.productivity.svc.cluster.local, the database this claim holds; a logical backup, not checked further)',
      'a database dump (CronJob webtrees-db-mariadb dumps webtrees-db-mariadb, the database this claim holds; a logical backup, not checked further)',
    ]);
  });

  it('does not cover a database the job does not dump, nor one of another namespace by its short name', async () => {
    const { missing } = await backup([dumpJob('webtrees-db-mariadb', 'productivity', 'webtrees-db-mariadb', 'env'), dumpJob('app-dump', 'backups', 'app-db-postgresql', 'arg')]);
    expect(missing).toEqual(['PersistentVolumeClaim/productivity/data-app-db-postgresql-0']);
    const none = await backup([]);
    expect(none.missing).toEqual(['PersistentVolumeClaim/productivity/data-app-db-postgresql-0', 'PersistentVolumeClaim/productivity/data-webtrees-db-mariadb-0']);
  });
});
