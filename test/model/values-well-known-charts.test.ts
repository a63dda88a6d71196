/**
 * Well-known charts make claims from keys of their own: grafana's `persistence.enabled`,
 * kube-prometheus-stack's `storageSpec.volumeClaimTemplate` (claims the Prometheus Operator makes),
 * Loki's `singleBinary.persistence` and write/backend targets, loki-stack's `loki.persistence`, Bitnami's
 * `primary.persistence`. An outside review found their apps' storage and backup pages saying they keep
 * no data. Named as each chart's templates name them; off where the chart's default is off.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const row = (p: { name: string; namespace: string | null; origin: string; statefulSet?: string; size: string | null; storageClass: string | null; helmRelease: string | null }) =>
  `${p.namespace}/${p.name} ${p.origin}${p.statefulSet ? ` (${p.statefulSet})` : ''} ${p.size} ${p.storageClass} ${p.helmRelease}`;

describe('claims of well-known charts', () => {
  const repo = tempRepos(afterAll);

  it('grafana and kube-prometheus-stack: the chart\'s claim, and the operator\'s per replica', async () => {
    const r = repo('chart-claims-o11y');
    bootstrap(r, 'home');
    r.put('clusters/home/o11y.yaml', fluxKustomization('o11y', './apps/o11y'));
    r.put('apps/o11y/kustomization.yaml', 'resources:\n  - releases.yaml\n  - alertmanager-pvc.yaml\n');
    // A claim written beforehand under the name the operator gives it (to restore into): the one claim, the manifest's.
    r.put('apps/o11y/alertmanager-pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0\n  namespace: o11y\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    r.put('apps/o11y/releases.yaml', [
      // wrmilling/k3s-gitops's grafana
      helmRelease({ name: 'grafana', namespace: 'monitoring', version: '10.5.15', values: '    deploymentStrategy:\n      type: Recreate\n    persistence:\n      enabled: true\n      storageClassName: rook-ceph-block\n      size: 10Gi\n' }),
      // onedr0p/home-ops's stack (clean names), two Prometheus replicas
      helmRelease({
        name: 'kube-prometheus-stack', namespace: 'o11y', version: '75.0.0',
        values: [
          '    cleanPrometheusOperatorObjectNames: true',
          '    alertmanager:',
          '      alertmanagerSpec:',
          '        alertmanagerConfiguration:',
          '          name: alertmanager',
          '        storage:',
          '          volumeClaimTemplate:',
          '            spec:',
          '              storageClassName: ceph-block',
          '              resources:',
          '                requests:',
          '                  storage: 1Gi',
          '    prometheus:',
          '      prometheusSpec:',
          '        replicas: 2',
          '        retention: 30d',
          '        storageSpec:',
          '          volumeClaimTemplate:',
          '            spec:',
          '              storageClassName: ceph-block',
          '              resources:',
          '                requests:',
          '                  storage: 50Gi',
          '    grafana:',
          '      enabled: false',
          '',
        ].join('\n'),
      }),
      // The chart's default names (release `prometheus`: fullname cut to 26), its grafana subchart with
      // persistence; an emptyDir storage makes no claim.
      helmRelease({
        name: 'prometheus', namespace: 'mon', chart: 'kube-prometheus-stack', version: '67.5.0',
        values: '    alertmanager:\n      alertmanagerSpec:\n        storage:\n          emptyDir:\n            medium: Memory\n    prometheus:\n      prometheusSpec:\n        storageSpec:\n          volumeClaimTemplate:\n            metadata:\n              name: tsdb\n            spec:\n              resources:\n                requests:\n                  storage: 20Gi\n    grafana:\n      persistence:\n        enabled: true\n        size: 2Gi\n',
      }),
      // Persistence off (the chart's default), and an existing claim: no claim made.
      helmRelease({ name: 'grafana-off', namespace: 'monitoring', chart: 'grafana', values: '    adminUser: admin\n' }),
      helmRelease({ name: 'grafana-mounted', namespace: 'monitoring', chart: 'grafana', values: '    persistence:\n      enabled: true\n      existingClaim: grafana-data\n' }),
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.pvcs.map(row).sort()).toEqual([
      'mon/prometheus-grafana values 2Gi null HelmRelease/mon/prometheus',
      'mon/tsdb-prometheus-prometheus-kube-prometheus-prometheus-0 volumeClaimTemplate (prometheus-prometheus-kube-prometheus-prometheus) 20Gi null HelmRelease/mon/prometheus',
      'monitoring/grafana values 10Gi rook-ceph-block HelmRelease/monitoring/grafana',
      'o11y/alertmanager-kube-prometheus-stack-db-alertmanager-kube-prometheus-stack-0 manifest 1Gi null null',
      'o11y/prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-0 volumeClaimTemplate (prometheus-kube-prometheus-stack) 50Gi ceph-block HelmRelease/o11y/kube-prometheus-stack',
      'o11y/prometheus-kube-prometheus-stack-db-prometheus-kube-prometheus-stack-1 volumeClaimTemplate (prometheus-kube-prometheus-stack) 50Gi ceph-block HelmRelease/o11y/kube-prometheus-stack',
    ]);
  });

  it('loki by deployment mode, loki-stack\'s subchart, and Bitnami\'s primary', async () => {
    const r = repo('chart-claims-logs');
    bootstrap(r, 'home');
    r.put('clusters/home/sources.yaml', helmRepository('bitnami', 'oci://registry-1.docker.io/bitnamicharts'));
    r.put('clusters/home/logs.yaml', fluxKustomization('logs', './apps/logs'));
    r.put('apps/logs/kustomization.yaml', 'resources:\n  - releases.yaml\n');
    r.put('apps/logs/releases.yaml', [
      // A homelab's single binary on the filesystem
      helmRelease({ name: 'loki', namespace: 'logs', version: '6.29.0', values: '    deploymentMode: SingleBinary\n    loki:\n      storage:\n        type: filesystem\n    singleBinary:\n      replicas: 1\n      persistence:\n        size: 20Gi\n        storageClass: local-path\n    read:\n      replicas: 0\n    write:\n      replicas: 0\n    backend:\n      replicas: 0\n' }),
      // The chart's default, SimpleScalable on object storage: write and backend, three each (backend's claims off here)
      helmRelease({ name: 'logs', namespace: 'logs', chart: 'loki', version: '6.29.0', values: '    loki:\n      storage:\n        type: s3\n    backend:\n      persistence:\n        volumeClaimsEnabled: false\n' }),
      helmRelease({ name: 'loki-stack', namespace: 'logs', version: '2.10.2', values: '    loki:\n      persistence:\n        enabled: true\n        size: 5Gi\n    promtail:\n      enabled: true\n' }),
      // tuxpeople/k8s-server's webtrees database
      helmRelease({ name: 'webtrees-db', namespace: 'logs', chart: 'mariadb', version: '20.2.1', source: 'bitnami', values: '    primary:\n      extraEnvVars: []\n    global:\n      storageClass: local-path\n' }),
      helmRelease({ name: 'postgres', namespace: 'logs', chart: 'postgresql', version: '16.0.0', source: 'bitnami', values: '    primary:\n      persistence:\n        enabled: false\n' }),
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.pvcs.filter((p) => p.helmRelease).map(row).sort()).toEqual([
      'logs/data-loki-write-0 volumeClaimTemplate (loki-write) 10Gi null HelmRelease/logs/logs',
      'logs/data-loki-write-1 volumeClaimTemplate (loki-write) 10Gi null HelmRelease/logs/logs',
      'logs/data-loki-write-2 volumeClaimTemplate (loki-write) 10Gi null HelmRelease/logs/logs',
      'logs/data-webtrees-db-mariadb-0 volumeClaimTemplate (webtrees-db-mariadb) 8Gi local-path HelmRelease/logs/webtrees-db',
      'logs/storage-loki-0 volumeClaimTemplate (loki) 20Gi local-path HelmRelease/logs/loki',
      'logs/storage-loki-stack-0 volumeClaimTemplate (loki-stack) 5Gi null HelmRelease/logs/loki-stack',
    ]);
  });
});
