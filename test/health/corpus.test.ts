/**
 * The health matrices on the four corpus repositories. Expected counts were checked by hand
 * against the files (greps noted per case), not copied from the output.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthReport } from '../../src/analysis/health/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');

async function report(dir: string) {
  const { model } = await scanRepo(join(CORPUS, dir), parseConfig({}));
  const r = healthReport(model, parseConfig({}));
  const count = (code: string) => r.findings.filter((f) => f.code === code).length;
  return { m: r.result.matrices, count };
}

describe.runIf(existsSync(CORPUS))(`health matrices on the corpus${existsSync(CORPUS) ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  it('mrtbi__homelab: k8up Schedule in workloads covers the two annotated values PVCs only', async () => {
    const { m, count } = await report('mrtbi__homelab');
    // 2 PVC manifests (gitea-act-runner, dex-data) + 7 app-template persistence claims; the only k8up
    // Schedule is in `workloads` (backup-workload-pvcs.yaml), which holds linkding and unifi-controller (app-template 5 names a release's only claim after the release; linkding's `tmp` is an emptyDir).
    expect([m.backup.rows.length, m.backup.covered, count('BACKUP_MISSING')]).toEqual([9, 2, 7]);
    expect(m.backup.rows.filter((r) => r.coveredBy.length).map((r) => r.name)).toEqual(['linkding', 'unifi-controller']);
    // 4 CiliumNetworkPolicies, all in workloads (grep -rl CiliumNetworkPolicy).
    expect(m.network.namespaces.filter((n) => n.policies.length).map((n) => n.namespace)).toEqual(['workloads']);
    // `tag: latest` on 6 busybox init containers and 1 nginx (grep -rn -A1 "library/busybox\|library/nginx").
    expect(count('IMAGE_TAG_LATEST')).toBe(7);
  });

  it('tuxpeople__k8s-server: Longhorn jobs serve group "normal", which no volume carries; v1beta1 ExternalSecrets', async () => {
    const { m, count } = await report('tuxpeople__k8s-server');
    // 12 app-template claims, 3 of them in apps only a ks.dis deploys; all 6 RecurringJobs are in group
    // normal and no PVC has a Longhorn label; velero's ks is ks.dis. linkding replicates its SQLite
    // database with a Litestream sidecar: backed up by the app. Three claims charts make from values:
    // kube-prometheus-stack's Prometheus and Alertmanager (the operator's), backed up by nothing, and
    // the webtrees Bitnami MariaDB's, which the owner's CronJob dumps daily (mysqldump -h
    // webtrees-db-mariadb): 12 rows, 10 BACKUP_MISSING.
    expect([m.backup.rows.length, m.backup.inactive.length, count('BACKUP_MISSING')]).toEqual([12, 3, 10]);
    expect(m.backup.rows.filter((r) => r.appLevel).map((r) => r.name)).toEqual(['data-webtrees-db-mariadb-0', 'linkding-data']);
    // 19 ExternalSecret + 2 ClusterSecretStore external-secrets.io/v1beta1, 6 longhorn.io/v1beta1
    // RecurringJob, 1 source.toolkit.fluxcd.io/v1beta2 OCIRepository, 1 cilium.io/v2alpha1 pool. But the
    // repository pins External Secrets 0.12.1, Flux v2.4.0 and Cilium 1.16.5, which have no v1 / v2
    // yet: only the 6 RecurringJobs (Longhorn 1.7.2, v1beta2 since 1.3) are deprecated for it.
    expect(count('DEPRECATED_API_VERSION')).toBe(6);
    // kube-prometheus-stack: retentionSize 2GB on a 12Gi volumeClaimTemplate, the seed's M-7.1 again.
    expect(count('RETENTION_UNDERUSES_VOLUME')).toBe(1);
    expect(m.policy.policies.map((p) => p.name)).toEqual(['gatus-external', 'gatus-internal', 'ingress', 'limits', 'ndots']);
    // No NetworkPolicy manifest; bitnami's mariadb chart (20.2.1, of 2024: NetworkPolicies on by
    // default) renders its own in productivity.
    expect(m.network.namespaces.filter((n) => n.policies.length).map((n) => [n.namespace, n.policies.map((p) => p.name)])).toEqual([
      ['productivity', ["webtrees-db (networkPolicy (the chart's default))"]],
    ]);
  });

  it('wrmilling__k3s-gitops: VolSync covers 17 of 40 PVCs (2 ReplicationSources are commented out)', async () => {
    const { m, count } = await report('wrmilling__k3s-gitops');
    // 19 ReplicationSource documents in */volsync.yaml, the 2 foundry ones commented out. Of the 23
    // others, 7 claims bind static NFS PersistentVolumes (kube-system/nfs-pv/*.yaml) and plex-cache-pvc
    // is a cache: not applicable, so 15 BACKUP_MISSING. The 4 CloudNativePG Clusters' volumes are
    // backed up by the operator (barmanObjectStore and ScheduledBackups): 44 rows, 21 covered. Grafana's
    // values ask for persistence (a 10Gi claim `grafana` the chart makes), backed up by nothing: 45 rows, 16.
    expect([m.backup.rows.length, m.backup.covered, m.backup.notApplicable, count('BACKUP_MISSING')]).toEqual([45, 21, 8, 16]);
    expect(m.backup.rows.filter((r) => r.notApplicable?.startsWith('network share')).map((r) => r.name).sort()).toEqual([
      'nfs-calibre-ingest-pvc', 'nfs-copyparty-pvc', 'nfs-immich-pvc', 'nfs-mastodon-pvc', 'nfs-media-pvc', 'nfs-minio-pvc', 'nfs-onedrive-pvc',
    ]);
    expect(new Set(m.backup.rows.flatMap((r) => r.coveredBy))).toEqual(new Set(['volsync']));
    // 3 NetworkPolicies, all in flux-system; bitnami's valkey chart (6.2.9) renders its own, by default,
    // where forgejo, authelia and mastodon run theirs.
    expect(m.network.namespaces.filter((n) => n.policies.length).map((n) => n.namespace)).toEqual(['development', 'flux-system', 'kube-system', 'social']);
    // botkube `tag: latest`; mautrix pins `latest@sha256:` (a digest) and is not flagged; the rook toolbox
    // runs `rook/ceph:master`, a branch's tag that moves.
    expect(m.versions.unpinned.map((i) => i.image)).toEqual(['infracloudio/botkube', 'rook/ceph']);
  });

  it('onedr0p__home-ops: kopiur backups through a kustomize component; 30 GrafanaDashboards', async () => {
    const { m, count } = await report('onedr0p__home-ops');
    // `grep -rh components/kopiur/backup kubernetes/apps` lists 20 spec.components entries (19 ks.yaml
    // files; home-assistant's holds two Kustomizations). Each gets its own copy of the component's
    // PVC `${APP}` and SnapshotPolicy `${APP}` (sources: pvc ${APP}), so 20 claims kopiur covers.
    const kopiur = m.backup.rows.filter((r) => r.coveredBy.includes('kopiur'));
    expect(kopiur).toHaveLength(20);
    expect(kopiur.every((r) => r.name !== '${APP}' && r.coveredBy.length === 1)).toBe(true);
    // The one manifest PVC outside the component, home-assistant-cache, is backed up by nothing: a
    // cache, so not applicable rather than missing. kube-prometheus-stack's values ask for Prometheus and
    // Alertmanager volumeClaimTemplates, whose claims the operator makes: no kopiur component takes them.
    expect(m.backup.rows.filter((r) => r.coveredBy.length === 0).map((r) => [r.name, r.notApplicable])).toEqual([
      ['home-assistant-cache', 'cache (by its name)'],
      ['alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0', null],
      ['prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0', null],
    ]);
    expect(count('BACKUP_MISSING')).toBe(2);
    expect(m.dashboards.dashboards.filter((d) => d.kind === 'grafana-operator')).toHaveLength(30);
    // 40GiB retentionSize on a 50Gi volume: 80%, neither warning nor info.
    expect(m.retention.rows.find((r) => r.system === 'prometheus')).toMatchObject({ retentionSize: '40GiB', volumeSize: '50Gi' });
    expect(count('RETENTION_EXCEEDS_VOLUME') + count('RETENTION_UNDERUSES_VOLUME')).toBe(0);
    expect(m.network.namespaces.filter((n) => n.policies.length).map((n) => n.namespace)).toEqual(['actions-runner-system']);
  });
});
