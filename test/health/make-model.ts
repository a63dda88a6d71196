/** Hand-built RepoModels for the health matrices: only the fields each matrix reads are filled. */
import type { App } from '../../src/model/app.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import type { HelmRelease } from '../../src/model/helm-release.ts';
import type { KObject } from '../../src/model/k8s-object.ts';
import { emptyRepoModel, type RepoModel } from '../../src/model/repo-model.ts';

export function kobj(kind: string, ns: string | null, name: string, file: string, line = 1, extra: Partial<KObject> = {}): KObject {
  return { id: `${kind}/${ns ?? '_cluster'}/${name}`, apiVersion: 'v1', group: '', kind, name, namespace: ns, source: { file, line, col: 1 }, disabled: null, owner: 'Kustomization/flux-system/root', appId: null, labels: {}, annotations: {}, ...extra };
}

export function app(ns: string, name: string, extra: Partial<App> = {}): App {
  const dir = `apps/${ns}/${name}`;
  return { id: `${ns}/${name}`, name, namespace: ns, cluster: null, dir, dirs: [`${dir}/app`], source: { file: `${dir}/ks.yaml`, line: 1, col: 1 }, kustomizations: [], objects: [], disabled: false, unreferenced: false, readme: null, description: null, ...extra };
}

export function hr(ns: string, name: string, chart: string, values: unknown, extra: Partial<HelmRelease> = {}): HelmRelease {
  return {
    ...kobj('HelmRelease', ns, name, `apps/${ns}/${name}/app/helmrelease.yaml`, 1, { group: 'helm.toolkit.fluxcd.io', apiVersion: 'helm.toolkit.fluxcd.io/v2', appId: `${ns}/${name}` }),
    releaseName: name,
    targetNamespace: null,
    chart: { name: chart, version: '1.0.0', sourceRef: null, url: null, via: 'chart', sourceAt: null, versionAt: null },
    interval: '1h',
    timeout: null,
    dependsOn: [],
    valuesFrom: [],
    appTemplate: false,
    images: [],
    values,
    ...extra,
  };
}

export function ks(name: string, appId: string | null, resolvedPath: string, extra: Partial<FluxKustomization> = {}): FluxKustomization {
  return {
    ...kobj('Kustomization', 'flux-system', name, `apps/${appId ?? 'x'}/ks.yaml`, 1, { group: 'kustomize.toolkit.fluxcd.io', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', appId }),
    path: `./${resolvedPath}`, resolvedPath, interval: '30m', timeout: '5m', retryInterval: '1m', wait: true, prune: true, suspend: false, targetNamespace: null, sourceRef: null, dependsOn: [], healthChecks: 0,
    postBuild: { substitute: [], substituteFrom: [] }, decryption: null, components: [], patches: 0, reachedFromRoot: true, isRoot: false, ...extra,
  };
}

export function model(parts: Partial<RepoModel>): RepoModel {
  return emptyRepoModel('test', parts);
}
