import type { App } from '../../src/model/app.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import type { KObject } from '../../src/model/k8s-object.ts';
import type { NetworkPolicy } from '../../src/model/network.ts';
import type { Monitor } from '../../src/model/observability.ts';
import type { KyvernoPolicy } from '../../src/model/policy.ts';
import { emptyRepoModel, type RepoModel } from '../../src/model/repo-model.ts';
import type { ExternalSecret } from '../../src/model/secrets.ts';
import type { BackupObject, Pvc } from '../../src/model/storage.ts';

/**
 * Small RepoModels for roadmap check tests: every list empty, and builders that fill in the
 * fields a check does not look at, so each test states only what matters to it.
 */
export function makeModel(parts: Partial<RepoModel> = {}): RepoModel {
  return emptyRepoModel('test', parts);
}

interface BaseOpts {
  name: string;
  namespace?: string | null;
  file?: string;
  line?: number;
  disabled?: KObject['disabled'];
  appId?: string | null;
}

function base(kind: string, group: string, o: BaseOpts): KObject {
  const namespace = o.namespace === undefined ? 'default' : o.namespace;
  return {
    id: `${kind}/${namespace ?? '_cluster'}/${o.name}`,
    apiVersion: group === '' ? 'v1' : `${group}/v1`,
    group,
    kind,
    name: o.name,
    namespace,
    source: { file: o.file ?? `kubernetes/apps/${namespace ?? 'cluster'}/${o.name}.yaml`, line: o.line ?? 1, col: 1 },
    disabled: o.disabled ?? null,
    owner: null,
    appId: o.appId ?? null,
    labels: {},
    annotations: {},
  };
}

export function app(namespace: string, name: string): App {
  const dir = `kubernetes/apps/${namespace}/${name}`;
  return {
    id: `${namespace}/${name}`,
    name,
    namespace,
    cluster: null,
    dir,
    dirs: [`${dir}/app`],
    source: { file: `${dir}/ks.yaml`, line: 1, col: 1 },
    kustomizations: [],
    objects: [],
    disabled: false,
    unreferenced: false,
    readme: null,
    description: null,
  };
}

export function kustomization(o: BaseOpts & { timeout?: string | null; dependsOn?: string[] }): FluxKustomization {
  const b = base('Kustomization', 'kustomize.toolkit.fluxcd.io', { namespace: 'flux-system', ...o });
  return {
    ...b,
    path: null,
    resolvedPath: null,
    interval: '1h',
    timeout: o.timeout ?? null,
    retryInterval: null,
    wait: null,
    prune: true,
    suspend: false,
    targetNamespace: null,
    sourceRef: null,
    dependsOn: (o.dependsOn ?? []).map((name) => ({ kind: 'Kustomization', name, namespace: b.namespace, explicitNamespace: false, source: b.source })),
    healthChecks: 0,
    postBuild: { substitute: [], substituteFrom: [] },
    decryption: null,
    components: [],
    patches: 0,
    reachedFromRoot: true,
    isRoot: false,
  };
}

export function externalSecret(o: BaseOpts & { refreshInterval?: string | null }): ExternalSecret {
  return {
    ...base('ExternalSecret', 'external-secrets.io', o),
    storeRef: null,
    stores: [],
    storeRefMissing: false,
    refreshInterval: o.refreshInterval ?? null,
    refreshPolicy: null,
    targetName: o.name,
    data: [],
    dataFrom: [],
    keys: [],
    unnamedKeysFrom: [],
    storeFound: true,
  };
}

export function networkPolicy(o: BaseOpts): NetworkPolicy {
  return { ...base('NetworkPolicy', 'networking.k8s.io', o), flavour: 'kubernetes', podSelector: {}, selectsAll: true, policyTypes: ['Ingress'], defaultDeny: true };
}

export function monitor(o: BaseOpts & { monitorKind?: Monitor['monitorKind'] }): Monitor {
  return { ...base(o.monitorKind ?? 'ServiceMonitor', 'monitoring.coreos.com', o), monitorKind: o.monitorKind ?? 'ServiceMonitor', valuesPath: null, rules: 0 };
}

export function kyvernoPolicy(o: BaseOpts & { action?: string | null }): KyvernoPolicy {
  return { ...base('ClusterPolicy', 'kyverno.io', { namespace: null, ...o }), action: o.action ?? null, background: true, rules: [] };
}

export function pvc(o: BaseOpts): Pvc {
  return { ...base('PersistentVolumeClaim', '', o), size: '1Gi', storageClass: 'longhorn', accessModes: ['ReadWriteOnce'], origin: 'manifest', helmRelease: null, existingClaimOf: [] };
}

export function replicationSource(o: BaseOpts & { sourcePvc: string }): BackupObject {
  return { ...base('ReplicationSource', 'volsync.backube', o), system: 'volsync', schedule: '0 * * * *', sourcePvc: o.sourcePvc, groups: [], task: null, repository: null };
}
