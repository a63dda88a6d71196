import { describe, expect, it } from 'vitest';
import { dashboardMatrix } from '../../src/analysis/health/dashboards.ts';
import { fluxHygiene } from '../../src/analysis/health/flux-hygiene.ts';
import { monitoringMatrix } from '../../src/analysis/health/monitoring.ts';
import { networkMatrix } from '../../src/analysis/health/network.ts';
import { policyMatrix } from '../../src/analysis/health/policy.ts';
import { retentionMatrix } from '../../src/analysis/health/retention.ts';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { vpaMatrix } from '../../src/analysis/health/vpa.ts';
import type { Monitor } from '../../src/model/observability.ts';
import type { NetworkPolicy } from '../../src/model/network.ts';
import { app, hr, kobj, ks, model } from './make-model.ts';

const monitor = (appId: string, kind: Monitor['monitorKind'], id: string): Monitor => ({ ...kobj(kind, appId.split('/')[0]!, id, 'm.yaml', 1, { appId }), id: kind === 'values' ? `${id}#serviceMonitor` : `${kind}/${id}`, monitorKind: kind, valuesPath: kind === 'values' ? 'serviceMonitor' : null, rules: 0 });
const netpol = (ns: string, name: string, flavour: NetworkPolicy['flavour'], podSelector: Record<string, string>, defaultDeny = false): NetworkPolicy => ({
  ...kobj(flavour === 'kubernetes' ? 'NetworkPolicy' : flavour === 'cilium' ? 'CiliumNetworkPolicy' : 'CiliumClusterwideNetworkPolicy', flavour === 'cilium-clusterwide' ? null : ns, name, `np/${name}.yaml`),
  flavour, podSelector, selectsAll: Object.keys(podSelector).length === 0, policyTypes: ['Ingress'], defaultDeny,
});

describe('monitoring matrix', () => {
  const m = model({
    apps: [app('security', 'kyverno'), app('cert-manager', 'cert-manager'), app('observability', 'kube-prometheus-stack'), app('default', 'echo'), app('storage', 'old', { disabled: true })],
    helmReleases: [hr('security', 'kyverno', 'kyverno', {}), hr('cert-manager', 'cert-manager', 'cert-manager', {}), hr('observability', 'kube-prometheus-stack', 'kube-prometheus-stack', {}), hr('default', 'echo', 'app-template', {}), hr('storage', 'old', 'volsync', {})],
    monitors: [monitor('cert-manager/cert-manager', 'values', 'HelmRelease/cert-manager/cert-manager')],
  });
  const { result, findings } = monitoringMatrix(m);
  it('covers operators through values monitors and chart defaults; flags the rest', () => {
    expect(result.rows.map((r) => [r.appId, r.operator, r.monitored])).toEqual([
      ['cert-manager/cert-manager', 'cert-manager', true],
      ['default/echo', null, false],
      ['observability/kube-prometheus-stack', 'kube-prometheus-stack', true],
      ['security/kyverno', 'kyverno', false],
    ]);
    expect(findings.map((f) => [f.code, f.severity, f.appId])).toEqual([['MONITORING_MISSING', 'info', 'security/kyverno']]);
    expect([result.operators, result.operatorsMonitored]).toEqual([3, 2]);
  });
});

describe('network matrix', () => {
  const m = model({
    namespaces: ['a', 'b', 'c'],
    apps: [app('a', 'web'), app('b', 'api'), app('b', 'db'), app('c', 'x')],
    helmReleases: [hr('b', 'api', 'app-template', {})],
    networkPolicies: [netpol('a', 'deny', 'kubernetes', {}, true), netpol('b', 'api-only', 'cilium', { 'app.kubernetes.io/name': 'api' }), netpol('x', 'cw', 'cilium-clusterwide', { 'k8s:io.kubernetes.pod.namespace': 'c' })],
    objects: [
      kobj('Namespace', null, 'a', 'ns/a.yaml'), kobj('Namespace', null, 'b', 'ns/b.yaml'), kobj('Namespace', null, 'c', 'ns/c.yaml'), kobj('Namespace', null, 'd', 'ns/d.yaml'),
      ...['a', 'b', 'c'].map((ns) => kobj('Deployment', ns, 'web', `${ns}/deploy.yaml`, 1, { group: 'apps' })),
    ],
  });
  const { result, findings } = networkMatrix(m);
  it('selects namespaces by policy namespace, labels and cluster-wide namespace selectors', () => {
    expect(result.namespaces.map((n) => [n.namespace, n.policies.map((p) => p.name), n.defaultDeny])).toEqual([
      ['a', ['deny'], true],
      ['b', ['api-only'], false],
      ['c', ['cw'], false],
    ]);
    expect(result.apps.map((a) => [a.appId, a.policies.map((p) => p.name)])).toEqual([
      ['a/web', ['deny']],
      ['b/api', ['api-only']],
      ['b/db', []],
      ['c/x', ['cw']],
    ]);
    expect(findings).toEqual([]);
  });
  it('reports a namespace without any policy at its Namespace object, only where something runs (not d)', () => {
    const { findings: f } = networkMatrix({ ...m, networkPolicies: m.networkPolicies.slice(0, 1), namespaces: ['a', 'b', 'c', 'd'] });
    expect(f.map((x) => [x.code, x.severity, x.source.file])).toEqual([
      ['NETWORK_POLICY_MISSING', 'info', 'ns/b.yaml'],
      ['NETWORK_POLICY_MISSING', 'info', 'ns/c.yaml'],
    ]);
  });
});

describe('policy matrix', () => {
  const pol = (name: string, action: string | null, excl: string[]) => ({ ...kobj('ClusterPolicy', null, name, `p/${name}.yaml`, 1, { group: 'kyverno.io' }), action, background: true, rules: [{ name: `${name}-rule`, type: 'validate', excludeNamespaces: excl }] });
  const exc = (name: string, policies: string[]) => ({ ...kobj('PolicyException', 'security', name, `p/${name}.yaml`, 1, { group: 'kyverno.io' }), policies });
  it('lists action, exclusions and exceptions; flags exceptions to unknown policies', () => {
    const { result, findings } = policyMatrix(model({ kyvernoPolicies: [pol('no-priv', 'Enforce', ['kube-system']), pol('latest', 'Audit', [])], policyExceptions: [exc('jf', ['no-priv']), exc('typo', ['no-privileged'])] }));
    expect(result.policies.map((p) => [p.name, p.action, p.excludedNamespaces, p.exceptions.map((e) => e.id)])).toEqual([
      ['latest', 'Audit', [], []],
      ['no-priv', 'Enforce', ['kube-system'], ['PolicyException/security/jf']],
    ]);
    expect([result.enforce, result.audit]).toEqual([1, 1]);
    expect(findings.map((f) => [f.code, f.objectId])).toEqual([['KYVERNO_EXCEPTION_UNKNOWN_POLICY', 'PolicyException/security/typo']]);
  });
});

describe('flux hygiene', () => {
  const m = model({
    apps: [app('a', 'one', { kustomizations: ['Kustomization/flux-system/one'] }), app('a', 'two', { kustomizations: ['Kustomization/flux-system/two', 'Kustomization/flux-system/two-db'] }), app('a', 'three', { kustomizations: ['Kustomization/flux-system/three'] }), app('a', 'four', { kustomizations: ['Kustomization/flux-system/four'] })],
    kustomizations: [
      ks('one', 'a/one', 'apps/a/one/app'),
      ks('two', 'a/two', 'apps/a/two/app', { timeout: '10m' }),
      ks('two-db', 'a/two', 'apps/a/two/db', { retryInterval: null, prune: false }),
      ks('three', 'a/three', 'apps/a/three/app'),
      ks('four', 'a/four', 'apps/a/four', { owner: null }),
      ks('gone', null, 'apps/a/gone/app', { disabled: 'file' }),
      ks('root', null, 'apps', { isRoot: true, owner: null, timeout: null }),
    ],
  });
  const { result, findings } = fluxHygiene(m, { standards: { timeout: '5m' } });
  it('counts the spread of each setting over live Kustomizations', () => {
    expect(result.spread.timeout).toEqual({ '10m': 1, '5m': 4, unset: 1 });
    expect(result.spread.retryInterval).toEqual({ '1m': 5, unset: 1 });
    expect(result.spread.prune).toEqual({ false: 1, true: 5 });
  });
  it('reports values off the configured standard, except on roots', () => {
    expect(findings.map((f) => [f.code, f.objectId, f.message])).toEqual([
      ['FLUX_SETTING_OFF_STANDARD', 'Kustomization/flux-system/two', 'Kustomization flux-system/two has timeout 10m; the standard is 5m.'],
    ]);
  });
  it('lists switched-off and orphaned Kustomizations, and layouts with the odd ones out', () => {
    expect(result.disabled.map((d) => [d.id, d.how])).toEqual([['Kustomization/flux-system/gone', 'file']]);
    expect(result.orphaned.map((d) => d.id)).toEqual(['Kustomization/flux-system/four']);
    expect(result.layouts.map((l) => [l.appId, l.pattern, l.kind, l.oddOneOut])).toEqual([
      ['a/four', '.', 'flat', true],
      ['a/one', 'app', 'single', false],
      ['a/three', 'app', 'single', false],
      ['a/two', 'app+db', 'multi', false],
    ]);
  });
});

describe('versions inventory', () => {
  const img = (repository: string, tag: string | null, digest: string | null, line: number) => ({ repository, tag, digest, path: `image${line}`, source: { file: 'apps/a/x/app/helmrelease.yaml', line, col: 9 } });
  const m = model({
    helmReleases: [hr('a', 'chart', 'grafana', {}, { images: [img('docker.io/grafana/grafana', null, null, 20)] }), hr('a', 'x', 'app-template', {}, { appTemplate: true, images: [img('ghcr.io/a/pinned', '1.2.3', null, 10), img('ghcr.io/a/latest', 'latest', null, 11), img('ghcr.io/a/bare', null, null, 12), img('ghcr.io/a/digest', null, 'sha256:abc', 13)] })],
    objects: [
      kobj('HelmRelease', 'a', 'old', 'old.yaml', 4, { apiVersion: 'helm.toolkit.fluxcd.io/v2beta2', group: 'helm.toolkit.fluxcd.io' }),
      kobj('ExternalSecret', 'a', 'es', 'es.yaml', 2, { apiVersion: 'external-secrets.io/v1beta1', group: 'external-secrets.io' }),
      kobj('ExternalSecret', 'a', 'es1', 'es1.yaml', 2, { apiVersion: 'external-secrets.io/v1', group: 'external-secrets.io' }),
      kobj('Ingress', 'a', 'off', 'off.yaml', 2, { apiVersion: 'networking.k8s.io/v1beta1', group: 'networking.k8s.io', disabled: 'file' }),
    ],
  });
  const { result, findings } = versionsInventory(m);
  it('flags latest and tagless images (not digest-pinned ones) at the image line', () => {
    expect(result.images).toHaveLength(5);
    // A chart image without a tag follows the chart's appVersion: not flagged (line 20).
    expect(findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => [f.source.line, f.severity])).toEqual([[11, 'warning'], [12, 'warning']]);
  });
  it('flags deprecated API versions of live objects at the object line', () => {
    expect(findings.filter((f) => f.code === 'DEPRECATED_API_VERSION').map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['old.yaml:4', 'es.yaml:2']);
    expect(result.deprecated.map((d) => d.replacement)).toEqual(['external-secrets.io/v1', 'helm.toolkit.fluxcd.io/v2']);
  });
});

describe('retention', () => {
  const kps = (retentionSize: string, storage: string) => hr('observability', 'kps', 'kube-prometheus-stack', { prometheus: { prometheusSpec: { retention: '14d', retentionSize, storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage } } } } } } } });
  it('warns when retentionSize reaches the volume, informs when it uses under a fifth, is quiet between', () => {
    expect(retentionMatrix(model({ helmReleases: [kps('20GB', '20Gi')] })).findings.map((f) => [f.code, f.severity])).toEqual([['RETENTION_EXCEEDS_VOLUME', 'warning']]);
    expect(retentionMatrix(model({ helmReleases: [kps('2GB', '12Gi')] })).findings.map((f) => [f.code, f.severity])).toEqual([['RETENTION_UNDERUSES_VOLUME', 'info']]);
    const ok = retentionMatrix(model({ helmReleases: [kps('10GB', '12Gi')] }));
    expect(ok.findings).toEqual([]);
    expect(ok.result.rows[0]!.ratio).toBeCloseTo(10 / 12);
  });
});

describe('dashboards and VPAs', () => {
  it('finds sidecar ConfigMaps, chart-values dashboards and JSON files; lists components without one', () => {
    const m = model({
      apps: [app('observability', 'grafana'), app('storage', 'longhorn'), app('security', 'kyverno')],
      helmReleases: [hr('observability', 'grafana', 'grafana', { dashboards: { default: { longhorn: { gnetId: 13032 } } } }), hr('storage', 'longhorn', 'longhorn', {}), hr('security', 'kyverno', 'kyverno', {})],
      objects: [kobj('ConfigMap', 'observability', 'flux-dash', 'd.yaml', 1, { labels: { grafana_dashboard: 'true' } }), kobj('ConfigMap', 'observability', 'plain', 'p.yaml')],
      files: [{ path: 'dashboards/cilium.json', kind: 'other', size: 10 }],
    });
    const { result } = dashboardMatrix(m);
    expect(result.dashboards.map((d) => [d.name, d.kind])).toEqual([['cilium', 'json-file'], ['default/longhorn', 'chart-values'], ['flux-dash', 'configmap']]);
    expect(result.withoutDashboards).toEqual(['security/kyverno']);
  });
  it('lists VPAs with their updateMode per app', () => {
    const v = { ...kobj('VerticalPodAutoscaler', 'ai', 'ollama', 'vpa.yaml', 1, { appId: 'ai/ollama' }), target: 'Deployment/ollama', updateMode: 'Off' };
    // (Apps that run pods: a release each; an app of configuration only is not asked for a VPA.)
    const { result } = vpaMatrix(model({ vpas: [v], apps: [app('ai', 'ollama'), app('ai', 'other'), app('ai', 'config')], helmReleases: [hr('ai', 'ollama', 'ollama', {}), hr('ai', 'other', 'other', {})] }));
    expect(result.byMode).toEqual({ Off: 1 });
    expect(result.appsWithout).toEqual(['ai/other']);
  });
});
