import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts, type AppFacts } from '../../src/lib/site/app-facts.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';

/**
 * App facts on the four real repositories of the shared corpus, checked by hand against their
 * manifests: every expected value has the file:line it was read from beside it (paths relative to
 * the corpus repository). The corpus lives beside the project and is read in place, never copied.
 */
const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const REPOS = ['mrtbi__homelab', 'onedr0p__home-ops', 'tuxpeople__k8s-server', 'wrmilling__k3s-gitops'] as const;

const models = new Map<string, Promise<RepoModel>>();
function model(repo: string): Promise<RepoModel> {
  let p = models.get(repo);
  if (!p) models.set(repo, (p = scanRepo(join(CORPUS, repo), parseConfig({})).then((r) => r.model)));
  return p;
}

async function facts(repo: string, id: string): Promise<AppFacts> {
  const f = appFacts(await model(repo), id);
  if (!f) throw new Error(`no app ${id} in ${repo}`);
  return f;
}

const charts = (f: AppFacts) => f.charts.map((c) => [c.release, c.chart, c.version, c.repository]);
const images = (f: AppFacts) => f.images.map((i) => `${i.repository}:${i.tag}${i.digest ? `@${i.digest}` : ''}`);
const deps = (f: AppFacts) => f.dependsOn.map((d) => d.appId);
const volumes = (f: AppFacts) => f.storage.map((s) => [s.name, s.size, s.storageClass, s.backups.map((b) => b.system)]);

describe.runIf(existsSync(CORPUS))(`app facts on the corpus${existsSync(CORPUS) ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  describe.each(REPOS)('%s: every app', (repo) => {
    it('has facts, a unique id and a unique page path', async () => {
      const m = await model(repo);
      expect(m.apps.length).toBeGreaterThan(20);
      const ids = m.apps.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      const paths = m.apps.map((a) => appFacts(m, a.id)?.path);
      expect(paths.every((p) => typeof p === 'string' && p.startsWith('/apps/'))).toBe(true);
      expect(new Set(paths).size).toBe(paths.length);
    });
  });

  describe('tuxpeople__k8s-server (chart.spec -> central HelmRepository, ks.dis, cluster-apps patches)', () => {
    const repo = 'tuxpeople__k8s-server';

    it('media/overseerr: app-template 3.x, values PVC on ${MAIN_SC} from the root patch, no backup', async () => {
      const f = await facts(repo, 'media/overseerr');
      expect(f.state).toBe('active');
      // kubernetes/apps/media/overseerr/app/helmrelease.yaml:10-11 chart app-template 3.6.0, sourceRef bjw-s;
      // kubernetes/flux/repositories/helm/bjw-s.yaml:10 url oci://ghcr.io/bjw-s/helm
      expect(charts(f)).toEqual([['overseerr', 'app-template', '3.6.0', 'oci://ghcr.io/bjw-s/helm']]);
      // helmrelease.yaml:29-30
      expect(images(f)).toEqual(['lscr.io/linuxserver/overseerr:v1.33.2-ls121']);
      // ks.yaml:10 dependsOn external-secrets-secretstores (no namespace: the Kustomization's own, flux-system),
      // defined at kubernetes/apps/security/external-secrets/ks.yaml:27
      expect(deps(f)).toEqual(['security/external-secrets']);
      expect(f.dependsOn[0]).toMatchObject({ name: 'external-secrets-secretstores', namespace: 'flux-system', ref: { file: 'kubernetes/apps/media/overseerr/ks.yaml', line: 10 } });
      // helmrelease.yaml:86-91 persistence.config 5Gi, storageClass ${MAIN_SC}; kubernetes/flux/apps.yaml:30-56
      // patches every child Kustomization (labelSelector `... notin (true)`) with substituteFrom
      // cluster-settings, kubernetes/flux/vars/cluster-settings.yaml:9 MAIN_SC: longhorn. app-template 3.x
      // names the claim <release>-<key>. RecurringJobs (kubernetes/apps/storage/longhorn/conf/recurringjobs/*)
      // are all in group `normal`, which no volume carries: not backed up.
      expect(volumes(f)).toEqual([['overseerr-config', '5Gi', 'longhorn', []]]);
      expect(f.storage[0]!.accessModes).toEqual(['ReadWriteOnce']); // helmrelease.yaml:89
      expect(f.backup.status).toBe('missing');
      expect(f.deployment[0]!.substituteFrom).toEqual(['ConfigMap/cluster-settings', 'Secret/cluster-secrets', 'ConfigMap/cluster-user-settings', 'Secret/cluster-user-secrets']);
    });

    it('network/ingress-nginx: two releases of one HelmRepository chart, dependsOn cert-manager-issuers', async () => {
      const f = await facts(repo, 'network/ingress-nginx');
      // kubernetes/apps/network/ingress-nginx/external/helmrelease.yaml:10-11 and internal/helmrelease.yaml:11-12
      // ingress-nginx 4.11.3; kubernetes/flux/repositories/helm/ingress-nginx.yaml:9 url
      expect(charts(f)).toEqual([
        ['ingress-nginx-external', 'ingress-nginx', '4.11.3', 'https://kubernetes.github.io/ingress-nginx'],
        ['ingress-nginx-internal', 'ingress-nginx', '4.11.3', 'https://kubernetes.github.io/ingress-nginx'],
      ]);
      // ks.yaml:13 cert-manager-issuers, defined at kubernetes/apps/cert-manager/cert-manager/ks.yaml:25;
      // external/helmrelease.yaml:24, the external release's spec.dependsOn cloudflared (network).
      expect(deps(f)).toEqual(['cert-manager/cert-manager', 'network/cloudflared']);
      // kubernetes/apps/tools/smtp-relay/ks.yaml:15 dependsOn ingress-nginx-internal
      expect(f.dependedOnBy.map((d) => d.appId)).toEqual(['tools/smtp-relay']);
      expect([f.storage, f.backup.status]).toEqual([[], 'none']);
    });

    it('observability/tautulli-exporter: three dependsOn entries, a tag with a digest', async () => {
      const f = await facts(repo, 'observability/tautulli-exporter');
      // kubernetes/apps/observability/tautulli-exporter/ks.yaml:10-12 tautulli, prometheus-operator-crds,
      // external-secrets-secretstores (media/tautulli/ks.yaml:6, observability/prometheus-operator-crds/ks.yaml:5,
      // security/external-secrets/ks.yaml:27), sorted by Kustomization name
      expect(f.dependsOn.map((d) => [d.name, d.appId])).toEqual([
        ['external-secrets-secretstores', 'security/external-secrets'],
        ['prometheus-operator-crds', 'observability/prometheus-operator-crds'],
        ['tautulli', 'media/tautulli'],
      ]);
      // app/helmrelease.yaml:31-32 tag v0.1.0@sha256:36b5...
      expect(images(f)).toEqual(['docker.io/nwalke/tautulli_exporter:v0.1.0@sha256:36b53431ac19d8196e2b4431b98b221b3009c9d97dc3509bc229c7b569b23350']);
      expect(charts(f)).toEqual([['tautulli-exporter', 'app-template', '3.6.0', 'oci://ghcr.io/bjw-s/helm']]);
    });

    it('media/calibre: disabled by ks.dis, its values still read', async () => {
      const f = await facts(repo, 'media/calibre');
      // kubernetes/apps/media/calibre/ks.dis (there is no ks.yaml), document at line 2
      expect(f.state).toBe('disabled');
      expect(f.deployment.map((d) => [d.name, d.disabled, d.ref.file])).toEqual([['calibre', 'file', 'kubernetes/apps/media/calibre/ks.dis']]);
      // app/helmrelease.yaml:10-11, 30-31
      expect(charts(f)).toEqual([['calibre', 'app-template', '3.6.0', 'oci://ghcr.io/bjw-s/helm']]);
      expect(images(f)).toEqual(['tdeutsch/debugcontainer:latest']);
      // app/helmrelease.yaml:76-81 config 5Gi; no Kustomization builds it, so ${MAIN_SC} stays as written;
      // `data` (line 82) is type nfs, not a claim
      // (and the NFS share `data`, app/helmrelease.yaml:82, a row of its storage no cluster backup applies to)
      expect(volumes(f)).toEqual([['calibre-config', '5Gi', '${MAIN_SC}', []], ['data (calibre)', null, null, []]]);
    });

    it('productivity/webtrees: app-template plus bitnami mariadb, its own -db Kustomization is not a dependency', async () => {
      const f = await facts(repo, 'productivity/webtrees');
      // app/helmrelease.yaml:11-12; db/helmrelease.yaml:11-12 mariadb 20.2.1 from bitnami,
      // kubernetes/flux/repositories/helm/bitnami.yaml url oci://registry-1.docker.io/bitnamicharts
      expect(charts(f)).toEqual([
        ['webtrees', 'app-template', '3.6.0', 'oci://ghcr.io/bjw-s/helm'],
        ['webtrees-db', 'mariadb', '20.2.1', 'oci://registry-1.docker.io/bitnamicharts'],
      ]);
      // ks.yaml:13-14 webtrees dependsOn webtrees-db, which is ks.yaml:30 of the same app
      expect(f.dependsOn).toEqual([]);
      // app/helmrelease.yaml:52-53 (main) and 39-41 (init container); db/cronjob.yaml:17-18, a CronJob's
      // container `image: alpine` (no tag)
      expect(images(f).sort()).toEqual(['alpine:null', 'busybox:latest', 'docker.io/dtjs48jkt/webtrees:2.2.1']);
      // app/helmrelease.yaml:123-128 data 5Gi ${MAIN_SC} -> longhorn; `modules` (132) is an emptyDir
      // (and the NFS share its backup CronJob mounts, db/cronjob.yaml:50-53, 10.20.30.40:/volume2/data/backup/kubernetes).
      // The Bitnami MariaDB's claim, data-webtrees-db-mariadb-0 (primary.persistence on by default, 8Gi,
      // global.storageClass ${MAIN_SC}): backed up by the app, the CronJob that mysqldumps webtrees-db-mariadb.
      expect(volumes(f)).toEqual([['data-webtrees-db-mariadb-0', '8Gi', 'longhorn', ['app']], ['webtrees-data', '5Gi', 'longhorn', []], ['nfs-vol (CronJob webtrees-db-mariadb)', null, null, []]]);
      // The database's claim backed up by its dump, webtrees-data by nothing.
      expect(f.backup.status).toBe('partial');
    });
  });

  describe('onedr0p__home-ops (chartRef -> per-app OCIRepository, namespace from the parent kustomization.yaml)', () => {
    const repo = 'onedr0p__home-ops';

    it('default/home-assistant: two releases, dependsOn across namespaces, a manifest PVC', async () => {
      const f = await facts(repo, 'default/home-assistant');
      // kubernetes/apps/default/home-assistant/app/helmrelease.yaml:8-10 chartRef OCIRepository home-assistant;
      // app/ocirepository.yaml:13-14 tag 5.1.0, url oci://ghcr.io/bjw-s-labs/helm/app-template (mcp/ alike)
      expect(charts(f)).toEqual([
        ['home-assistant', 'app-template', '5.1.0', 'oci://ghcr.io/bjw-s-labs/helm/app-template'],
        ['home-assistant-mcp', 'app-template', '5.1.0', 'oci://ghcr.io/bjw-s-labs/helm/app-template'],
      ]);
      // app/helmrelease.yaml:20-21
      expect(images(f)[0]).toBe('ghcr.io/home-operations/home-assistant:2026.8.3@sha256:16ca445e58fa71d4f7ff287d4e9793ea690ccae932a5e200852371425cd7abb0');
      // ks.yaml:11-12 multus-networks in kube-system, defined at kubernetes/apps/kube-system/multus/ks.yaml:29
      expect(f.dependsOn.map((d) => [d.name, d.namespace, d.appId])).toEqual([['multus-networks', 'kube-system', 'kube-system/multus']]);
      // app/pvc.yaml:5-12 home-assistant-cache 1Gi ceph-block, backed up by nothing. Each of the two
      // Kustomizations (ks.yaml:7-8 and :32-33) adds the kopiur/backup component: a PVC `${APP}` with
      // ${KOPIUR_CAPACITY:=5Gi} and ${KOPIUR_STORAGECLASS:=ceph-block} (components/kopiur/backup/pvc.yaml),
      // and a SnapshotPolicy whose sources name that PVC (snapshotpolicy.yaml), with APP from postBuild.
      expect(volumes(f)).toEqual([
        ['home-assistant', '5Gi', 'ceph-block', ['kopiur']],
        ['home-assistant-cache', '1Gi', 'ceph-block', []],
        ['home-assistant-mcp', '5Gi', 'ceph-block', ['kopiur']],
      ]);
      expect(f.storage.every((v) => v.origin === 'manifest')).toBe(true);
      // home-assistant-cache is a cache by its name: no backup applies (as /health/backup/ says), so the
      // two claims that need one are both covered.
      expect(f.backup).toMatchObject({ status: 'covered', uncovered: [] });
      // ks.yaml has no metadata.namespace: kubernetes/apps/default/kustomization.yaml sets `namespace: default`
      expect(f.deployment.map((d) => d.id)).toEqual(['Kustomization/default/home-assistant', 'Kustomization/default/home-assistant-mcp']);
    });

    it('rook-ceph/rook-ceph: operator and cluster charts, dependsOn without namespace', async () => {
      const f = await facts(repo, 'rook-ceph/rook-ceph');
      // app/ocirepository.yaml:13-14 v1.20.6 oci://ghcr.io/rook/rook-ceph; cluster/ocirepository.yaml alike
      expect(charts(f)).toEqual([
        ['rook-ceph', 'rook-ceph', 'v1.20.6', 'oci://ghcr.io/rook/rook-ceph'],
        ['rook-ceph-cluster', 'rook-ceph-cluster', 'v1.20.6', 'oci://ghcr.io/rook/rook-ceph-cluster'],
      ]);
      // ks.yaml:24-26 rook-ceph-cluster dependsOn ceph-csi-drivers (another app) and rook-ceph (its own)
      expect(f.dependsOn.map((d) => [d.name, d.namespace, d.appId])).toEqual([['ceph-csi-drivers', 'rook-ceph', 'rook-ceph/ceph-csi-drivers']]);
      // app/helmrelease.yaml:13-14 image.repository without a tag (the chart's default)
      expect(f.images.map((i) => [i.repository, i.tag])).toEqual([['ghcr.io/rook/ceph', null]]);
    });

    it('o11y/kube-prometheus-stack: OCI chart whose values ask the operator for two claims', async () => {
      const f = await facts(repo, 'o11y/kube-prometheus-stack');
      // kubernetes/apps/o11y/kube-prometheus-stack/app/ocirepository.yaml:13-14
      expect(charts(f)).toEqual([['kube-prometheus-stack', 'kube-prometheus-stack', '88.3.0', 'oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack']]);
      // app/helmrelease.yaml:32 alertmanagerSpec.storage and :68 prometheusSpec.storageSpec volumeClaimTemplates
      // (ceph-block; cleanPrometheusOperatorObjectNames: the resources are named kube-prometheus-stack), no backup.
      expect(f.dependsOn).toEqual([]);
      expect(volumes(f)).toEqual([
        ['alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0', '1Gi', 'ceph-block', []],
        ['prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0', '50Gi', 'ceph-block', []],
      ]);
      expect(f.backup.status).toBe('missing');
    });
  });

  describe('mrtbi__homelab (both chart styles, k8up annotations inside values)', () => {
    const repo = 'mrtbi__homelab';

    it('workloads/linkding: its only claim is named after the release and k8up covers it', async () => {
      const f = await facts(repo, 'workloads/linkding');
      // kubernetes/apps/workloads/linkding/app/ocirepository.yaml:13-14 app-template 5.0.1
      expect(charts(f)).toEqual([['linkding', 'app-template', '5.0.1', 'oci://ghcr.io/bjw-s-labs/helm/app-template']]);
      // app/helmrelease.yaml:70-77 persistence: tmp (emptyDir) and data (PVC, 10Gi, k8up.io/backup: "true").
      // app-template >= 4 appends the key only when it renders more than one claim; one here -> `linkding`.
      // kubernetes/apps/workloads/backup/schedules/backup-workload-pvcs.yaml: k8up Schedule in `workloads`.
      expect(volumes(f)).toEqual([['linkding', '10Gi', null, ['k8up']]]);
      expect(f.storage[0]!.backups[0]!.ref.file).toBe('kubernetes/apps/workloads/backup/schedules/backup-workload-pvcs.yaml');
      expect(f.backup.status).toBe('covered');
      expect(images(f)).toContain('docker.io/library/busybox:latest');
    });

    it('media/jellyfin: two claims get their keys, `suffix` is not doubled, nothing backs them up', async () => {
      const f = await facts(repo, 'media/jellyfin');
      // kubernetes/apps/media/jellyfin/app/helmrelease.yaml:77-88 config 1Gi, metadata 2Gi (suffix: "metadata"),
      // nfs-nas-media (nfs, not a claim); no k8up annotation
      expect(volumes(f)).toEqual([
        ['jellyfin-config', '1Gi', null, []],
        ['jellyfin-metadata', '2Gi', null, []],
        // helmrelease.yaml:92-95 nfs-nas-media, NFS iota.internal:/data/media: a share, in no backup status
        ['nfs-nas-media (jellyfin)', null, null, []],
      ]);
      expect(f.backup).toMatchObject({ status: 'missing', uncovered: ['jellyfin-config', 'jellyfin-metadata'] });
    });

    it('cert-manager/cert-manager: an OCI chart and a HelmRepository chart, dependsOn with namespace', async () => {
      const f = await facts(repo, 'cert-manager/cert-manager');
      // app/ocirepository.yaml v1.21.1 oci://quay.io/jetstack/charts/cert-manager;
      // webhooks/hetzner-webhook-helmrelease.yaml chart.spec 0.2.0 from HelmRepository hcloud (https://charts.hetzner.cloud)
      expect(charts(f)).toEqual([
        ['cert-manager', 'cert-manager', 'v1.21.1', 'oci://quay.io/jetstack/charts/cert-manager'],
        ['cert-manager-webhook-hetzner', 'cert-manager-webhook-hetzner', '0.2.0', 'https://charts.hetzner.cloud'],
      ]);
      // kubernetes/apps/cert-manager/cert-manager/ks.yaml:72 infisical-store in external-secrets
      expect(f.dependsOn.map((d) => [d.name, d.namespace, d.appId])).toEqual([['infisical-store', 'external-secrets', 'external-secrets/external-secrets']]);
    });

    it('system/k8up: HelmRepository defined inside the app folder', async () => {
      const f = await facts(repo, 'system/k8up');
      // kubernetes/apps/system/k8up/app/helmrepository.yaml url; app/helmrelease.yaml chart k8up 4.10.0
      expect(charts(f)).toEqual([['k8up', 'k8up', '4.10.0', 'https://k8up-io.github.io/k8up']]);
      expect(f.charts[0]!.sourceRef).toBe('HelmRepository/k8up');
    });
  });

  describe('wrmilling__k3s-gitops (flat layout, one root Kustomization, VolSync)', () => {
    const repo = 'wrmilling__k3s-gitops';

    it('media/radarr: app by folder, existingClaim PVC manifest backed up by VolSync', async () => {
      const f = await facts(repo, 'media/radarr');
      expect([f.dir, f.ref]).toEqual(['media/radarr', { file: 'media/radarr/radarr.yaml', line: 3 }]);
      // media/radarr/radarr.yaml:14-15 app-template 5.1.0 from bjw-s-helm-charts,
      // flux-system-extra/helm-chart-repositories/bjw-s-helm-charts.yaml:9 url
      expect(charts(f)).toEqual([['radarr', 'app-template', '5.1.0', 'https://bjw-s-labs.github.io/helm-charts/']]);
      // radarr.yaml:30,32
      expect(images(f)).toEqual(['ghcr.io/home-operations/radarr:6.4.1.10545']);
      // media/radarr/pvc.yaml:5-13 radarr-config-pvc 3Gi rook-ceph-block, claimed at radarr.yaml:72;
      // media/radarr/volsync.yaml:14-20 ReplicationSource radarr, sourcePVC radarr-config-pvc
      // (and nfs-media-pvc, kube-system/nfs-pv/media-pv.yaml, a claim of another app that radarr.yaml's existingClaim mounts)
      expect(volumes(f)).toEqual([['radarr-config-pvc', '3Gi', 'rook-ceph-block', ['volsync']], ['nfs-media-pvc', '1Mi', 'media', []]]);
      expect(f.storage[1]!.sharedFrom).not.toBe(f.id);
      expect(f.storage[0]!.existingClaimOf).toEqual(['HelmRelease/media/radarr']);
      expect(f.backup.status).toBe('covered');
      expect(f.backup.objects.map((o) => [o.kind, o.name, o.system])).toEqual([['ReplicationSource', 'radarr', 'volsync']]);
      expect(f.dependsOn).toEqual([]);
    });

    it('media/plex: a cache PVC without a ReplicationSource needs none, the config one is covered', async () => {
      const f = await facts(repo, 'media/plex');
      // media/plex/pvc.yaml:2-13 plex-config-pvc 10Gi, 14-26 plex-cache-pvc 55Gi; volsync.yaml covers config only
      expect(volumes(f)).toEqual([
        ['plex-cache-pvc', '55Gi', 'rook-ceph-block', []],
        ['plex-config-pvc', '10Gi', 'rook-ceph-block', ['volsync']],
        // the shared nfs-media-pvc (kube-system/nfs-pv/media-pv.yaml) plex's existingClaim mounts
        ['nfs-media-pvc', '1Mi', 'media', []],
      ]);
      // plex-cache-pvc is a cache by its name: no backup applies (as /health/backup/ says).
      expect(f.backup).toMatchObject({ status: 'covered', uncovered: [] });
    });

    it('default/elastic-operator: an empty chart version stays unknown', async () => {
      const f = await facts(repo, 'default/elastic-operator');
      // default/elasticsearch/eck-operator.yaml:12-13 chart eck-operator, `version:` with no value
      expect(charts(f)).toEqual([['elastic-operator', 'eck-operator', null, 'https://helm.elastic.co']]);
    });

    it('kube-system/volsync: the one per-app Kustomization, dependsOn snapshot-controller', async () => {
      // In kube-system, where its HelmRelease is (the Kustomization sets no targetNamespace).
      const f = await facts(repo, 'kube-system/volsync');
      // kube-system/volsync/ks.yaml:8-9; snapshot-controller at kube-system/snapshot-controller/ks.yaml:5
      expect(f.dependsOn.map((d) => [d.name, d.appId])).toEqual([['snapshot-controller', 'kube-system/snapshot-controller']]);
      // kube-system/volsync/volsync.yaml:11-12, backube-charts
      expect(charts(f)).toEqual([['volsync', 'volsync', '0.16.0', 'https://backube.github.io/helm-charts/']]);
    });
  });
});
