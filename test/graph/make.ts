/**
 * Builders for model objects with sensible defaults, so that each test states only the facts it is
 * about. Positions are made up but stable: every object gets its own file, dependsOn entries lines.
 */
import type { App } from '../../src/model/app.ts';
import type { ExternalSecret, SecretStore } from '../../src/model/secrets.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import type { HelmRelease } from '../../src/model/helm-release.ts';
import type { KObject, ObjectRef } from '../../src/model/k8s-object.ts';
import type { Monitor } from '../../src/model/observability.ts';
import type { Pvc } from '../../src/model/storage.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';

type Dep = string | { name: string; namespace?: string };

function base(kind: string, group: string, name: string, namespace: string | null, file: string): KObject {
  return {
    id: `${kind}/${namespace ?? '_cluster'}/${name}`,
    apiVersion: `${group}/v1`,
    group,
    kind,
    name,
    namespace,
    source: { file, line: 1, col: 1 },
    disabled: null,
    owner: null,
    appId: null,
    labels: {},
    annotations: {},
  };
}

function refs(deps: readonly Dep[], ownNamespace: string | null, file: string): ObjectRef[] {
  return deps.map((d, i) => {
    const dep = typeof d === 'string' ? { name: d } : d;
    return {
      kind: null,
      name: dep.name,
      namespace: dep.namespace ?? ownNamespace,
      explicitNamespace: dep.namespace !== undefined,
      source: { file, line: 10 + i, col: 7 },
    };
  });
}

export interface KsInput extends Partial<Omit<FluxKustomization, 'dependsOn'>> {
  name: string;
  dependsOn?: Dep[];
}

/** A Flux Kustomization in flux-system unless told otherwise, reached from the root, no wait. */
export function ks(input: KsInput): FluxKustomization {
  const namespace = input.namespace === undefined ? 'flux-system' : input.namespace;
  const file = input.source?.file ?? `kubernetes/apps/${input.appId?.split('/')[0] ?? 'default'}/${input.name}/ks.yaml`;
  const { dependsOn, ...rest } = input;
  return {
    ...base('Kustomization', 'kustomize.toolkit.fluxcd.io', input.name, namespace, file),
    path: `./kubernetes/apps/${input.name}/app`,
    resolvedPath: `kubernetes/apps/${input.name}/app`,
    interval: '1h',
    timeout: null,
    retryInterval: null,
    wait: null,
    prune: true,
    suspend: false,
    targetNamespace: null,
    sourceRef: null,
    healthChecks: 0,
    postBuild: { substitute: [], substituteFrom: [] },
    decryption: null,
    components: [],
    patches: 0,
    reachedFromRoot: true,
    isRoot: false,
    ...rest,
    dependsOn: refs(dependsOn ?? [], namespace, file),
  };
}

export interface HrInput extends Partial<Omit<HelmRelease, 'dependsOn'>> {
  name: string;
  dependsOn?: Dep[];
}

export function hr(input: HrInput): HelmRelease {
  const namespace = input.namespace === undefined ? 'default' : input.namespace;
  const file = input.source?.file ?? `kubernetes/apps/${namespace}/${input.name}/app/helmrelease.yaml`;
  const { dependsOn, ...rest } = input;
  return {
    ...base('HelmRelease', 'helm.toolkit.fluxcd.io', input.name, namespace, file),
    releaseName: input.name,
    targetNamespace: null,
    chart: { name: input.name, version: '1.0.0', sourceRef: null, url: null, via: 'chart', sourceAt: null, versionAt: null },
    interval: '1h',
    timeout: null,
    valuesFrom: [],
    appTemplate: false,
    images: [],
    values: {},
    ...rest,
    dependsOn: refs(dependsOn ?? [], namespace, file),
  };
}

export function app(input: Partial<App> & { name: string; namespace: string }): App {
  const id = input.id ?? (input.cluster ? `${input.cluster}/${input.namespace}/${input.name}` : `${input.namespace}/${input.name}`);
  const dir = `kubernetes/apps/${input.namespace}/${input.name}`;
  return {
    id,
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
    ...input,
  };
}

export function pvc(input: Partial<Pvc> & { name: string; namespace: string }): Pvc {
  return {
    ...base('PersistentVolumeClaim', '', input.name, input.namespace, `kubernetes/apps/${input.namespace}/${input.name}/app/pvc.yaml`),
    size: '1Gi',
    storageClass: null,
    accessModes: ['ReadWriteOnce'],
    origin: 'manifest',
    helmRelease: null,
    existingClaimOf: [],
    ...input,
  };
}

export function externalSecret(input: Partial<ExternalSecret> & { name: string; namespace: string; store: string }): ExternalSecret {
  const { store, ...rest } = input;
  const file = `kubernetes/apps/${input.namespace}/${input.name}/app/externalsecret.yaml`;
  return {
    ...base('ExternalSecret', 'external-secrets.io', input.name, input.namespace, file),
    storeRef: { kind: 'ClusterSecretStore', name: store, namespace: null, explicitNamespace: false, source: { file, line: 8, col: 5 } },
    stores: [{ kind: 'ClusterSecretStore', name: store, namespace: null, explicitNamespace: false, source: { file, line: 8, col: 5 } }],
    storeRefMissing: false,
    refreshInterval: null,
    refreshPolicy: null,
    targetName: input.name,
    data: [],
    dataFrom: [],
    keys: [],
    unnamedKeysFrom: [],
    storeFound: true,
    ...rest,
  };
}

export function secretStore(input: Partial<SecretStore> & { name: string }): SecretStore {
  return {
    ...base('ClusterSecretStore', 'external-secrets.io', input.name, null, `kubernetes/apps/external-secrets/stores/${input.name}.yaml`),
    provider: 'onepassword',
    ...input,
  };
}

export function monitor(input: Partial<Monitor> & { name: string; namespace: string }): Monitor {
  return {
    ...base('ServiceMonitor', 'monitoring.coreos.com', input.name, input.namespace, `kubernetes/apps/${input.namespace}/${input.name}/app/servicemonitor.yaml`),
    monitorKind: 'ServiceMonitor',
    valuesPath: null,
    rules: 0,
    ...input,
  };
}

/** A model slice with everything the graph analysis reads; unlisted collections are empty. */
export function model(parts: Partial<RepoModel>): Pick<RepoModel, 'kustomizations' | 'helmReleases' | 'apps' | 'pvcs' | 'externalSecrets' | 'secretStores' | 'monitors' | 'objects' | 'defaultStorageClass'> {
  return {
    kustomizations: [],
    defaultStorageClass: null,
    helmReleases: [],
    apps: [],
    pvcs: [],
    externalSecrets: [],
    secretStores: [],
    monitors: [],
    objects: [],
    ...parts,
  };
}

/**
 * One app per Kustomization name (namespace `ns`), the app owning the Kustomization; handy when
 * a test is about app-level rules.
 */
export function appWithKs(namespace: string, name: string, deps: Dep[] = [], extra: Partial<Omit<FluxKustomization, 'dependsOn'>> = {}) {
  const a = app({ name, namespace });
  const k = ks({ name, dependsOn: deps, appId: a.id, ...extra });
  a.kustomizations = [k.id];
  return { app: a, ks: k };
}
