import { afterAll, describe, expect, it } from 'vitest';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * What a Velero Schedule's template takes of a claim, beyond its namespaces: its label selector
 * (matchLabels and matchExpressions, orLabelSelectors) against the claim's labels as built and the pod
 * labels of what mounts it (Velero backs up the claims of each pod it takes), and its resources (claims
 * and volumes left out: the claim's data is not in the backup). Outside review: a schedule selecting
 * `backup=true`, which only the Deployment carried, and one excluding persistentvolumeclaims, were both
 * shown as backing up the claim, and the restore runbook told the reader to delete it.
 * The storage is shown whole (a CSI driver, a snapshot class Velero picks, EnableCSI), so the schedule
 * alone decides.
 */
const storage = `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ceph-block\nprovisioner: rook-ceph.rbd.csi.ceph.com\n---\napiVersion: snapshot.storage.k8s.io/v1\nkind: VolumeSnapshotClass\nmetadata:\n  name: csi-ceph-blockpool\n  labels:\n    velero.io/csi-volumesnapshot-class: "true"\ndriver: rook-ceph.rbd.csi.ceph.com\ndeletionPolicy: Delete\n`;
const chart = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: velero\n  namespace: velero\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: velero\n      version: 11.4.0\n      sourceRef:\n        kind: HelmRepository\n        name: vmware-tanzu\n        namespace: flux-system\n  values:\n    configuration:\n      features: EnableCSI\n`;
const schedule = (name: string, template: string) => `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: ${name}\n  namespace: velero\nspec:\n  schedule: "0 3 * * *"\n  template:\n${template}`;
const claim = (name: string, ns: string, labels = '') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${labels ? `  labels:\n${labels}` : ''}spec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ceph-block\n  resources:\n    requests:\n      storage: 5Gi\n`;
const deployment = (name: string, ns: string, claimName: string, podLabels: string, labels = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${labels ? `  labels:\n${labels}` : ''}spec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n${podLabels}    spec:\n      containers:\n        - name: app\n          image: nginx:1.27.0\n          volumeMounts: [{name: data, mountPath: /data}]\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: ${claimName}\n`;

describe('a Velero schedule covers a claim only where its selector and resources take it', () => {
  const repo = tempRepos(afterAll);

  async function matrix(files: Record<string, string>) {
    const r = repo('velero-scope');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/storage/classes.yaml', storage);
    r.put('apps/velero/helmrelease.yaml', chart);
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const { result, findings } = backupMatrix(model);
    const row = (id: string) => result.rows.find((x) => x.pvcId === `PersistentVolumeClaim/${id}`)!;
    const missing = findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId).sort();
    return { row, missing, findings };
  }

  it('a label selector takes a claim by its own labels, or through a pod that mounts it; a Deployment\'s own labels select nothing', async () => {
    const { row, missing, findings } = await matrix({
      'apps/velero/schedule.yaml': schedule('labelled', '    labelSelector:\n      matchLabels:\n        backup: "true"\n'),
      // Only the Deployment is labelled: its pods are not, and neither is the claim (the reviewer's probe).
      'apps/web/app.yaml': `${claim('web-data', 'web')}---\n${deployment('web', 'web', 'web-data', '        app: web\n', '    backup: "true"\n')}`,
      'apps/notes/claim.yaml': claim('notes-data', 'notes', '    backup: "true"\n'),
      // The pod is labelled: Velero backs it up, and the claim it mounts with it.
      'apps/wiki/app.yaml': `${claim('wiki-data', 'wiki')}---\n${deployment('wiki', 'wiki', 'wiki-data', '        app: wiki\n        backup: "true"\n')}`,
    });
    expect(row('web/web-data').coveredBy).toEqual([]);
    expect(row('web/web-data').systems.velero.note).toBe('Velero schedule labelled does not take the claim: its label selector (backup=true) matches neither the claim nor a pod that mounts it');
    expect(row('notes/notes-data').systems.velero.via.map((v) => v.detail)).toEqual(['schedule labelled (all namespaces): CSI snapshot (VolumeSnapshotClass csi-ceph-blockpool)']);
    expect(row('wiki/wiki-data').coveredBy).toEqual(['velero']);
    expect(missing).toEqual(['PersistentVolumeClaim/web/web-data']);
    expect(findings.find((f) => f.code === 'BACKUP_MISSING')!.message).toContain('its label selector (backup=true) matches neither the claim nor a pod that mounts it');
  });

  it('matchExpressions and orLabelSelectors are read as Kubernetes reads them', async () => {
    const { row } = await matrix({
      'apps/velero/schedule.yaml': `${schedule('tiers', '    labelSelector:\n      matchExpressions:\n        - {key: tier, operator: In, values: [gold, silver]}\n        - {key: scratch, operator: DoesNotExist}\n')}---\n${schedule('either', '    includedNamespaces: [shop]\n    orLabelSelectors:\n      - matchLabels: {app: cart}\n      - matchLabels: {app: orders}\n')}`,
      'apps/media/gold.yaml': claim('gold', 'media', '    tier: gold\n'),
      'apps/media/bronze.yaml': claim('bronze', 'media', '    tier: bronze\n'),
      'apps/media/scratch.yaml': claim('scratch', 'media', '    tier: gold\n    scratch: "yes"\n'),
      'apps/shop/orders.yaml': claim('orders', 'shop', '    app: orders\n'),
      'apps/shop/audit.yaml': claim('audit', 'shop', '    app: audit\n'),
    });
    expect(row('media/gold').coveredBy).toEqual(['velero']);
    expect(row('media/bronze').coveredBy).toEqual([]);
    expect(row('media/scratch').coveredBy).toEqual([]);
    expect(row('media/bronze').systems.velero.note).toContain('its label selector (tier In (gold, silver), scratch DoesNotExist) matches neither');
    expect(row('shop/orders').systems.velero.via.map((v) => v.detail)).toEqual(['schedule either: CSI snapshot (VolumeSnapshotClass csi-ceph-blockpool)']);
    expect(row('shop/audit').systems.velero.note).toContain('Velero schedule either does not take the claim: its label selector (app=cart or app=orders)');
  });

  it('claims or volumes left out by resources (any spelling, `*`, the 1.11 scoped lists, includeClusterResources: false): the claim is not backed up', async () => {
    const { row, missing } = await matrix({
      'apps/velero/schedule.yaml': [
        schedule('no-claims', '    includedNamespaces: [a]\n    excludedResources: [PVC]\n'),
        schedule('no-volumes', '    includedNamespaces: [b]\n    excludedResources: [persistentvolumes, events]\n'),
        schedule('deployments-only', '    includedNamespaces: [c]\n    includedResources: [deployments, configmaps]\n'),
        schedule('scoped', '    includedNamespaces: [d]\n    excludedClusterScopedResources: [persistentvolumes]\n'),
        schedule('namespaced-only', '    includedNamespaces: [e]\n    includeClusterResources: false\n'),
        schedule('everything', '    includedNamespaces: [f]\n    includedResources: ["*"]\n    excludedResources: [events]\n'),
      ].join('---\n'),
      'apps/a/claim.yaml': claim('data', 'a'),
      'apps/b/claim.yaml': claim('data', 'b'),
      'apps/c/claim.yaml': claim('data', 'c'),
      'apps/d/claim.yaml': claim('data', 'd'),
      'apps/e/claim.yaml': claim('data', 'e'),
      'apps/f/claim.yaml': claim('data', 'f'),
    });
    expect(row('a/data').systems.velero.note).toBe('Velero schedule no-claims does not take the claim: it leaves persistentvolumeclaims out (excludedResources)');
    expect(row('b/data').systems.velero.note).toBe("Velero schedule no-volumes backs up the claim's object but not its data: it leaves persistentvolumes out (excludedResources), so it keeps no volume of the claim");
    expect(row('c/data').systems.velero.note).toBe('Velero schedule deployments-only does not take the claim: it leaves persistentvolumeclaims out (includedResources)');
    expect(row('d/data').systems.velero.note).toContain('it leaves persistentvolumes out (excludedResources)');
    expect(row('e/data').systems.velero.note).toContain('it leaves persistentvolumes out (includeClusterResources: false)');
    expect(row('f/data').coveredBy).toEqual(['velero']);
    expect(missing).toEqual(['a', 'b', 'c', 'd', 'e'].map((ns) => `PersistentVolumeClaim/${ns}/data`));
  });

  it('an operator\'s claims carry the labels it copies: CloudNativePG\'s inheritedMetadata, and the Cluster\'s own only where INHERITED_LABELS names them', async () => {
    const cluster = (name: string, meta: string, spec = '') =>
      `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\n  namespace: db\n${meta}spec:\n  instances: 2\n${spec}  storage:\n    size: 10Gi\n    storageClass: ceph-block\n`;
    const operator = (inherited: string | null) =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cloudnative-pg\n  namespace: cnpg-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: cloudnative-pg\n      version: 0.26.0\n      sourceRef:\n        kind: HelmRepository\n        name: cnpg\n        namespace: flux-system\n${inherited === null ? '' : `  values:\n    config:\n      data:\n        INHERITED_LABELS: "${inherited}"\n`}`;
    const files = (inherited: string | null) => ({
      'apps/velero/schedule.yaml': schedule('databases', '    includedNamespaces: [db]\n    labelSelector:\n      matchLabels:\n        backup/database: "true"\n'),
      // Labelled on the Cluster only, as in the reviewed repository (its operator inherits kustomize's labels).
      'apps/db/labelled.yaml': cluster('labelled', '  labels:\n    backup/database: "true"\n'),
      'apps/db/inherited.yaml': cluster('inherited', '', '  inheritedMetadata:\n    labels:\n      backup/database: "true"\n'),
      ...(inherited === null ? {} : { 'apps/cnpg/helmrelease.yaml': operator(inherited) }),
    });
    const rowOf = async (inherited: string | null) => {
      const r = repo('velero-cnpg');
      r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
      r.put('apps/storage/classes.yaml', storage);
      r.put('apps/velero/helmrelease.yaml', chart);
      for (const [path, text] of Object.entries(files(inherited))) r.put(path, text);
      const { model } = await scanRepo(r.root, parseConfig({}));
      const { result } = backupMatrix(model);
      return (name: string) => result.rows.find((x) => x.pvcId === `Cluster/db/${name}#storage`)!;
    };
    const kustomizeOnly = await rowOf('kustomize.toolkit.fluxcd.io/name,kustomize.toolkit.fluxcd.io/namespace');
    expect(kustomizeOnly('labelled').coveredBy).toEqual([]);
    expect(kustomizeOnly('labelled').systems.velero.note).toContain('its label selector (backup/database=true) matches neither the claim nor a pod that mounts it');
    expect(kustomizeOnly('inherited').systems.velero.via.map((v) => v.detail)).toEqual(['schedule databases: CSI snapshot (VolumeSnapshotClass csi-ceph-blockpool)']);
    const globbed = await rowOf('backup/*');
    expect(globbed('labelled').coveredBy).toEqual(['velero']);
    // The operator's configuration is not in the repository: whether it copies the label is not known.
    const outside = await rowOf(null);
    expect(outside('labelled').coveredBy).toEqual([]);
    expect(outside('labelled').unknown).toContain('whether it takes the claim is not known');
  });

  it('a chart\'s claim under a label selector: not known (no BACKUP_MISSING, not covered either)', async () => {
    const release = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: paperless\n  namespace: docs\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: app-template\n      version: 3.7.3\n      sourceRef:\n        kind: HelmRepository\n        name: bjw-s\n        namespace: flux-system\n  values:\n    persistence:\n      data:\n        size: 5Gi\n        storageClass: ceph-block\n        accessMode: ReadWriteOnce\n`;
    const { row, missing } = await matrix({
      'apps/velero/schedule.yaml': schedule('labelled', '    labelSelector:\n      matchLabels:\n        backup: "true"\n'),
      'apps/docs/helmrelease.yaml': release,
    });
    const r = row('docs/paperless-data') ?? row('docs/paperless');
    expect(r.coveredBy).toEqual([]);
    expect(r.unknown).toContain('whether it takes the claim is not known: its label selector (backup=true) may match labels a chart or an operator gives the claim or its pods');
    expect(missing).toEqual([]);
  });
});
