/**
 * A StatefulSet's `volumeClaimTemplates` make one claim per template and replica, named
 * `<template>-<statefulset>-<ordinal>`. They were not modelled: the app page of a database run as a
 * StatefulSet showed no storage, and the backup matrix judged nothing, so a database nobody backs up
 * got no warning (noticed on public repositories, sixth round of outside-corpus.md).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { countModel } from '../../src/analysis/counts.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('statefulset-claims');
afterAll(remove);

const statefulSet = (name: string, replicas: string, template: string, podAnnotations = '') =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n${replicas}  serviceName: ${name}\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n${podAnnotations}      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: docker.io/library/${name}:1\n  volumeClaimTemplates:\n${template}`;
const claimTemplate = (name: string, size: string, extraMeta = '') =>
  `    - metadata:\n        name: ${name}\n${extraMeta}      spec:\n        accessModes: [ReadWriteOnce]\n        storageClassName: fast\n        resources:\n          requests:\n            storage: ${size}\n`;

describe('StatefulSet volumeClaimTemplates', async () => {
  put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
  put('clusters/main/apps.yaml', ['db', 'queue', 'search', 'cache'].map((a) => fluxKustomization(a, `./apps/${a}`, `  targetNamespace: ${a}\n`)).join('---\n'));
  // Three replicas, replica 0 copied by VolSync (a replicated database: the others hold copies).
  put('apps/db/kustomization.yaml', 'resources:\n  - statefulset.yaml\n  - volsync.yaml\n');
  put('apps/db/statefulset.yaml', statefulSet('postgres', '  replicas: 3\n', claimTemplate('data', '10Gi')));
  put('apps/db/volsync.yaml', 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: postgres\nspec:\n  sourcePVC: data-postgres-0\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: postgres-restic\n');
  // Two templates, replicas unset (1), nothing backs them up; a cache template needs no backup.
  put('apps/queue/kustomization.yaml', 'resources:\n  - statefulset.yaml\n');
  put('apps/queue/statefulset.yaml', statefulSet('rabbitmq', '', claimTemplate('data', '5Gi') + claimTemplate('cache', '1Gi')));
  // Two replicas, both opted into Velero's file-system backup on the pod, under a schedule of the namespace.
  put('apps/search/kustomization.yaml', 'resources:\n  - statefulset.yaml\n  - schedule.yaml\n  - velero.yaml\n');
  // (The velero chart runs the node agent, which takes the file-system backup the pods opt into.)
  put('apps/search/velero.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: velero\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: velero\n      version: 8.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: vmware\n        namespace: flux-system\n  values:\n    deployNodeAgent: true\n');
  put('apps/search/statefulset.yaml', statefulSet('opensearch', '  replicas: 2\n', claimTemplate('data', '20Gi'), '      annotations:\n        backup.velero.io/backup-volumes: data\n'));
  put('apps/search/schedule.yaml', 'apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: search-daily\n  namespace: velero\nspec:\n  schedule: "0 3 * * *"\n  template:\n    includedNamespaces: [search]\n');
  // A claim the repository pre-creates under the name the template gives: one claim, not two.
  put('apps/cache/kustomization.yaml', 'resources:\n  - statefulset.yaml\n  - pvc.yaml\n');
  put('apps/cache/statefulset.yaml', statefulSet('redis', '', claimTemplate('data', '2Gi', '        labels:\n          recurring-job-group.longhorn.io/daily: enabled\n')));
  put('apps/cache/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data-redis-0\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 2Gi\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const { result, findings } = backupMatrix(model);
  const backup = findings.filter((f) => f.area === 'backup').map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`, f.message]);

  it('are claims named as the StatefulSet controller names them, one per replica, in the app, at the template line', () => {
    const claims = model.pvcs.filter((p) => p.origin === 'volumeClaimTemplate');
    expect(claims.map((p) => [p.name, p.namespace, p.size, p.storageClass, p.appId, `${p.source.file}:${p.source.line}`, p.statefulSet])).toEqual([
      ['data-postgres-0', 'db', '10Gi', 'fast', 'db/db', 'apps/db/statefulset.yaml:20', 'postgres'],
      ['data-postgres-1', 'db', '10Gi', 'fast', 'db/db', 'apps/db/statefulset.yaml:20', 'postgres'],
      ['data-postgres-2', 'db', '10Gi', 'fast', 'db/db', 'apps/db/statefulset.yaml:20', 'postgres'],
      ['cache-rabbitmq-0', 'queue', '1Gi', 'fast', 'queue/queue', 'apps/queue/statefulset.yaml:27', 'rabbitmq'],
      ['data-rabbitmq-0', 'queue', '5Gi', 'fast', 'queue/queue', 'apps/queue/statefulset.yaml:19', 'rabbitmq'],
      ['data-opensearch-0', 'search', '20Gi', 'fast', 'search/search', 'apps/search/statefulset.yaml:22', 'opensearch'],
      ['data-opensearch-1', 'search', '20Gi', 'fast', 'search/search', 'apps/search/statefulset.yaml:22', 'opensearch'],
    ]);
    // The selector's labels are the claim's, as the controller sets them.
    expect(claims[0]!.labels).toEqual({ app: 'postgres' });
    // The pre-created claim stays the manifest's, once; a template claim is no PVC document of the repository.
    expect(model.pvcs.filter((p) => p.name === 'data-redis-0').map((p) => p.origin)).toEqual(['manifest']);
    expect(countModel(model).pvcs).toBe(1);
  });

  it('are judged for backup: one finding a template, replicas of a covered claim a choice, Velero opt-in on the pod honoured', () => {
    expect(backup).toEqual([
      // The pre-created claim is the one the StatefulSet adopts: its own labels count (none here), not the template's.
      ['BACKUP_MISSING', 'warning', 'apps/cache/pvc.yaml:1', 'PersistentVolumeClaim cache/data-redis-0 (2Gi) is not backed up by k8up, Velero, Longhorn, VolSync or kopiur.'],
      ['BACKUP_PARTIAL', 'info', 'apps/db/statefulset.yaml:20', "The claims data-postgres-1, data-postgres-2 of StatefulSet postgres (10Gi each) are not backed up, while another replica's claim of the same template is: data-postgres-0 (volsync). Fine where the replicas hold copies of one another (a replicated database); otherwise back up every replica's claim."],
      ['BACKUP_MISSING', 'warning', 'apps/queue/statefulset.yaml:19', 'PersistentVolumeClaim queue/data-rabbitmq-0 of StatefulSet rabbitmq (5Gi) is not backed up by k8up, Velero, Longhorn, VolSync or kopiur.'],
    ]);
    expect(result.rows.find((r) => r.name === 'cache-rabbitmq-0')?.notApplicable).not.toBeNull();
    expect(result.rows.filter((r) => r.name.startsWith('data-opensearch-')).map((r) => r.coveredBy)).toEqual([['velero'], ['velero']]);
  });

  it('show on the app page with the StatefulSet they come from', () => {
    const facts = appFacts(model, 'db/db')!;
    expect(facts.storage.map((s) => [s.name, s.origin, s.backups.map((b) => b.system)])).toEqual([
      ['data-postgres-0', 'StatefulSet postgres (volumeClaimTemplates)', ['volsync']],
      ['data-postgres-1', 'StatefulSet postgres (volumeClaimTemplates)', []],
      ['data-postgres-2', 'StatefulSet postgres (volumeClaimTemplates)', []],
    ]);
    expect(facts.backup.status).toBe('partial');
  });
});
