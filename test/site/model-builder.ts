/**
 * A small hand-built RepoModel for the site tests: three apps in two namespaces with the
 * situations the app page must show (dependsOn both ways, a PVC with and one without backup,
 * ExternalSecret, SOPS file, monitor, namespace-wide NetworkPolicy, a disabled sibling).
 */
import { emptyRepoModel, type RepoModel } from '../../src/model/repo-model.ts';
import type { App } from '../../src/model/app.ts';
import type { KObject, ObjectRef } from '../../src/model/k8s-object.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';

const src = (file: string, line: number) => ({ file, line, col: 1 });

function kobj(kind: string, namespace: string | null, name: string, file: string, line: number, appId: string | null): KObject {
  return {
    id: `${kind}/${namespace ?? '_cluster'}/${name}`,
    apiVersion: 'v1',
    group: '',
    kind,
    name,
    namespace,
    source: src(file, line),
    disabled: null,
    owner: appId ? `Kustomization/flux-system/${appId.split('/').at(-1)}` : null,
    appId,
    labels: {},
    annotations: {},
  };
}

function dep(name: string, namespace: string, file: string, line: number): ObjectRef {
  return { kind: 'Kustomization', name, namespace, explicitNamespace: true, source: src(file, line) };
}

function ks(name: string, appId: string, file: string, line: number, extra: Partial<FluxKustomization> = {}): FluxKustomization {
  return {
    ...kobj('Kustomization', 'flux-system', name, file, line, appId),
    group: 'kustomize.toolkit.fluxcd.io',
    path: `./kubernetes/apps/${appId}/app`,
    resolvedPath: `kubernetes/apps/${appId}/app`,
    interval: '1h',
    timeout: '5m',
    retryInterval: null,
    wait: true,
    prune: true,
    suspend: false,
    targetNamespace: appId.split('/')[0]!,
    sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system', explicitNamespace: false, source: src(file, line + 10) },
    dependsOn: [],
    healthChecks: 0,
    postBuild: { substitute: ['APP'], substituteFrom: [{ kind: 'Secret', name: 'cluster-secrets', optional: false }] },
    decryption: null,
    components: [],
    patches: 0,
    reachedFromRoot: true,
    isRoot: false,
    ...extra,
  };
}

function app(namespace: string, name: string, extra: Partial<App> = {}): App {
  const dir = `kubernetes/apps/${namespace}/${name}`;
  return {
    id: `${namespace}/${name}`,
    name,
    namespace,
    cluster: null,
    dir,
    dirs: [`${dir}/app`],
    source: src(`${dir}/ks.yaml`, 1),
    kustomizations: [],
    objects: [],
    disabled: false,
    unreferenced: false,
    readme: null,
    description: null,
    ...extra,
  };
}

function emptyModel(): RepoModel {
  return emptyRepoModel('test');
}

/** database/postgres (operator, depended on), media/jellyfin (PVCs, secrets), media/old (disabled). */
export function sampleModel(): RepoModel {
  const m = emptyModel();
  const pgKs = 'kubernetes/apps/database/postgres/ks.yaml';
  const jfKs = 'kubernetes/apps/media/jellyfin/ks.yaml';
  const jfHr = 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml';
  m.kustomizations = [
    ks('postgres', 'database/postgres', pgKs, 2),
    ks('jellyfin', 'media/jellyfin', jfKs, 2, { dependsOn: [dep('postgres', 'flux-system', jfKs, 9), dep('jellyfin-config', 'flux-system', jfKs, 11)] }),
    ks('jellyfin-config', 'media/jellyfin', jfKs, 30),
    ks('jellyfin-old', 'media/jellyfin', jfKs, 60, { disabled: 'commented' }),
    ks('old', 'media/old', 'kubernetes/apps/media/old/ks.yaml.dis', 1, { disabled: 'file' }),
  ];
  m.apps = [
    app('database', 'postgres', { kustomizations: ['Kustomization/flux-system/postgres'], description: 'CloudNativePG <b>cluster</b>' }),
    app('media', 'jellyfin', {
      kustomizations: ['Kustomization/flux-system/jellyfin', 'Kustomization/flux-system/jellyfin-config', 'Kustomization/flux-system/jellyfin-old'],
      readme: 'kubernetes/apps/media/jellyfin/README.md',
    }),
    app('media', 'old', { kustomizations: ['Kustomization/flux-system/old'], disabled: true }),
  ];
  m.sources = [{ ...kobj('HelmRepository', 'flux-system', 'jellyfin', 'kubernetes/flux/repos/jellyfin.yaml', 1, null), url: 'https://jellyfin.github.io/jellyfin-helm', type: null, ref: null, interval: '1h' }];
  m.helmReleases = [{
    ...kobj('HelmRelease', 'media', 'jellyfin', jfHr, 2, 'media/jellyfin'),
    releaseName: 'jellyfin',
    targetNamespace: null,
    chart: { name: 'jellyfin', version: '2.1.0', sourceRef: { kind: 'HelmRepository', name: 'jellyfin', namespace: 'flux-system', explicitNamespace: true, source: src(jfHr, 12) }, url: 'https://jellyfin.github.io/jellyfin-helm', via: 'chart', sourceAt: src('kubernetes/flux/repos/jellyfin.yaml', 1), versionAt: src(jfHr, 10) },
    interval: '30m', timeout: null, dependsOn: [], valuesFrom: [], appTemplate: false,
    images: [{ repository: 'ghcr.io/jellyfin/jellyfin', tag: '10.10.3', digest: null, path: 'image', source: src(jfHr, 20) }],
    values: {
      image: { repository: 'ghcr.io/jellyfin/jellyfin', tag: '10.10.3' },
      resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '4Gi' } },
      securityContext: { runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] } },
      envFrom: [{ secretRef: { name: 'jellyfin-secret' } }],
    },
  }];
  const pvc = (name: string, line: number) => ({
    ...kobj('PersistentVolumeClaim', 'media', name, 'kubernetes/apps/media/jellyfin/app/pvc.yaml', line, 'media/jellyfin'),
    size: '10Gi', storageClass: 'longhorn', accessModes: ['ReadWriteOnce'], origin: 'manifest' as const, helmRelease: null, existingClaimOf: [],
  });
  const config = pvc('jellyfin-config', 1);
  // A Longhorn group label on the volume, and the RecurringJob of that group that backs it up.
  m.pvcs = [{ ...config, labels: { 'recurring-job-group.longhorn.io/backup': 'enabled' } }, pvc('jellyfin-cache', 14)];
  m.backupSignals = { 'PersistentVolumeClaim/media/jellyfin-config': [{ system: 'longhorn', detail: 'group backup', source: src('kubernetes/apps/media/jellyfin/app/pvc.yaml', 6) }] };
  m.backupObjects = [{
    ...kobj('RecurringJob', 'storage', 'backup-daily', 'kubernetes/apps/storage/longhorn/jobs.yaml', 1, 'storage/longhorn'),
    apiVersion: 'longhorn.io/v1beta2', group: 'longhorn.io', system: 'longhorn', schedule: '0 3 * * *', sourcePvc: null, groups: ['backup'], task: 'backup', repository: null,
  }];
  m.externalSecrets = [{
    ...kobj('ExternalSecret', 'media', 'jellyfin', 'kubernetes/apps/media/jellyfin/app/externalsecret.yaml', 2, 'media/jellyfin'),
    storeRef: { kind: 'ClusterSecretStore', name: 'onepassword', namespace: null, explicitNamespace: false, source: src('kubernetes/apps/media/jellyfin/app/externalsecret.yaml', 9) },
    stores: [{ kind: 'ClusterSecretStore', name: 'onepassword', namespace: null, explicitNamespace: false, source: src('kubernetes/apps/media/jellyfin/app/externalsecret.yaml', 9) }],
    storeRefMissing: false,
    refreshInterval: null, refreshPolicy: null, targetName: 'jellyfin-secret',
    data: [{ secretKey: 'API_KEY', remoteKey: 'jellyfin', property: 'api' }], dataFrom: [], keys: ['API_KEY'], unnamedKeysFrom: [], storeFound: true,
  }];
  m.networkPolicies = [{
    ...kobj('NetworkPolicy', 'database', 'default-deny', 'kubernetes/apps/database/netpol.yaml', 1, null),
    flavour: 'kubernetes', podSelector: {}, selectsAll: true, policyTypes: ['Ingress'], defaultDeny: true,
  }];
  m.monitors = [{ ...kobj('ServiceMonitor', 'database', 'postgres', 'kubernetes/apps/database/postgres/app/sm.yaml', 1, 'database/postgres'), monitorKind: 'ServiceMonitor', valuesPath: null, rules: 0 }];
  // The CloudNativePG Cluster the operator runs postgres' pods for (what a NetworkPolicy of its namespace selects).
  m.objects = [{ ...kobj('Cluster', 'database', 'postgres', 'kubernetes/apps/database/postgres/app/cluster.yaml', 1, 'database/postgres'), apiVersion: 'postgresql.cnpg.io/v1', group: 'postgresql.cnpg.io' }];
  m.findings = [{ code: 'BACKUP_MISSING', severity: 'warning', message: 'jellyfin-cache has no backup', source: src('kubernetes/apps/media/jellyfin/app/pvc.yaml', 14), appId: 'media/jellyfin' }];
  m.namespaces = ['database', 'media'];
  return m;
}
