import { describe, expect, it } from 'vitest';
import { commentedKustomizationsGone } from '../../src/analysis/roadmap/checks/commented-kustomizations-gone.ts';
import { dependsOnPresent } from '../../src/analysis/roadmap/checks/depends-on-present.ts';
import { externalSecretRefreshInterval } from '../../src/analysis/roadmap/checks/externalsecret-refresh-interval.ts';
import { kyvernoPolicies } from '../../src/analysis/roadmap/checks/kyverno-policies.ts';
import { networkPolicyCoverage } from '../../src/analysis/roadmap/checks/network-policy-coverage.ts';
import { pvcBackupAnnotations } from '../../src/analysis/roadmap/checks/pvc-backup-annotations.ts';
import { serviceMonitorCoverage } from '../../src/analysis/roadmap/checks/servicemonitor-coverage.ts';
import { timeoutStandard } from '../../src/analysis/roadmap/checks/timeout-standard.ts';
import type { NamedCheck } from '../../src/analysis/roadmap/checks/types.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { itemFrom } from './item.ts';
import { app, externalSecret, kustomization, kyvernoPolicy, makeModel, monitor, networkPolicy, pvc, replicationSource } from './make-model.ts';

function measure(check: NamedCheck, markdown: string, model: RepoModel) {
  return check.run({ item: itemFrom(markdown), model, repo: model });
}

describe('externalsecret-refresh-interval', () => {
  const md = '### H-3.1: Add refreshInterval to ExternalSecrets\n**Status**: Not Started\n';
  const es = (name: string, refreshInterval: string | null, disabled: 'file' | null = null) =>
    externalSecret({ name, namespace: 'media', refreshInterval, disabled, file: `kubernetes/apps/media/${name}/app/externalsecret.yaml`, line: 3 });
  it('passes when every live ExternalSecret sets it (disabled ones do not count)', () => {
    const out = measure(externalSecretRefreshInterval, md, makeModel({ externalSecrets: [es('a', '15m'), es('b', '1h'), es('c', null, 'file')] }));
    expect(out.measured).toEqual({ done: 2, total: 2 });
    expect(out.shortfalls).toEqual([]);
  });
  it('partly passes, naming the ExternalSecrets without one, file:line', () => {
    const out = measure(externalSecretRefreshInterval, md, makeModel({ externalSecrets: [es('a', '15m'), es('b', null)] }));
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls).toEqual([
      { objectId: 'ExternalSecret/media/b', message: 'ExternalSecret media/b has no refreshInterval.', source: { file: 'kubernetes/apps/media/b/app/externalsecret.yaml', line: 3, col: 1 } },
    ]);
  });
  it('fails when none sets it', () => {
    expect(measure(externalSecretRefreshInterval, md, makeModel({ externalSecrets: [es('a', null), es('b', null)] })).measured).toEqual({ done: 0, total: 2 });
  });
});

describe('network-policy-coverage', () => {
  const md = [
    '### H-8.1: Implement NetworkPolicies',
    '**Status**: Not Started',
    '**Risk**: Critical namespace exposure, flat network security model',
    '',
    '1. **Security Namespace** - Deny all ingress',
    '   - File to create: `kubernetes/apps/security/network-policies.yaml`',
    '2. **Database Namespace** - Restrict',
    '   - Allow: productivity → database',
  ].join('\n');
  const namespaces = ['database', 'network', 'productivity', 'security'];
  const np = (namespace: string) => networkPolicy({ name: 'default-deny', namespace });
  it('measures only the namespaces the item names (not "network" from the risk text)', () => {
    const out = measure(networkPolicyCoverage, md, makeModel({ namespaces, networkPolicies: [np('security'), np('database')] }));
    expect(out.measured).toEqual({ done: 2, total: 2 });
  });
  it('partly passes, pointing at the line that names the namespace', () => {
    const out = measure(networkPolicyCoverage, md, makeModel({ namespaces, networkPolicies: [np('security')] }));
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls).toEqual([{ message: 'Namespace database has no NetworkPolicy.', source: { file: 'ROADMAP.md', line: 11, col: 1 } }]);
  });
  it('fails with none, and falls back to every app namespace when the item names none', () => {
    expect(measure(networkPolicyCoverage, md, makeModel({ namespaces })).measured).toEqual({ done: 0, total: 2 });
    const generic = measure(networkPolicyCoverage, '### H-8.1: Add NetworkPolicies\n**Status**: Not Started\n', makeModel({ namespaces, apps: [app('media', 'plex'), app('ai', 'ollama')], networkPolicies: [np('ai')] }));
    expect(generic.measured).toEqual({ done: 1, total: 2 });
    expect(generic.notes).toEqual(['The item names no namespace: every namespace with an app is measured.']);
  });
  it('measures nothing where the namespaces its paths name are none of this repository (a roadmap of another one)', () => {
    const other = measure(networkPolicyCoverage, md, makeModel({ namespaces: ['podinfo', 'cert-manager'], apps: [app('podinfo', 'podinfo')] }));
    expect(other.measured).toEqual({ done: 0, total: 0 });
    expect(other.notes).toEqual(['The item names namespaces this repository does not have (security): not measured.']);
    // `apps/base/` is a folder of this repository (flux2-kustomize-helm-example), not another one's namespace.
    const own = measure(
      networkPolicyCoverage,
      '### H-8.1: Implement NetworkPolicies\n**Status**: Not Started\n- File to create: `apps/base/network-policies.yaml`\n',
      makeModel({ namespaces: ['podinfo'], apps: [app('podinfo', 'podinfo')], files: [{ path: 'apps/base/podinfo/release.yaml', kind: 'yaml', size: 10 }] }),
    );
    expect(own.measured).toEqual({ done: 0, total: 1 });
  });
});

describe('servicemonitor-coverage', () => {
  const md = [
    '### H-7.1: Add ServiceMonitors for Operators',
    '**Status**: Not Started',
    '',
    '1. **Cilium** - CNI networking metrics',
    '   - File to create: `kubernetes/apps/kube-system/cilium/app/servicemonitor.yaml`',
    '2. **External-Secrets Operator**',
    '3. **Velero**',
  ].join('\n');
  const apps = [app('kube-system', 'cilium'), app('security', 'external-secrets'), app('storage', 'velero')];
  const mon = (a: string) => monitor({ name: a, namespace: 'x', appId: a });
  it('passes when each named operator has a monitor (values-enabled counts, PrometheusRule does not)', () => {
    const monitors = [mon('kube-system/cilium'), { ...mon('security/external-secrets'), monitorKind: 'values' as const }, mon('storage/velero')];
    expect(measure(serviceMonitorCoverage, md, makeModel({ apps, monitors })).measured).toEqual({ done: 3, total: 3 });
  });
  it('partly passes and names the operators without one', () => {
    const monitors = [mon('kube-system/cilium'), { ...mon('storage/velero'), monitorKind: 'PrometheusRule' as const }];
    const out = measure(serviceMonitorCoverage, md, makeModel({ apps, monitors }));
    expect(out.measured).toEqual({ done: 1, total: 3 });
    expect(out.shortfalls.map((s) => s.objectId)).toEqual(['security/external-secrets', 'storage/velero']);
  });
  it('fails, counting operators that are not apps of the repository', () => {
    const out = measure(serviceMonitorCoverage, md, makeModel({ apps: [app('kube-system', 'cilium')] }));
    expect(out.measured).toEqual({ done: 0, total: 3 });
    expect(out.shortfalls.map((s) => s.message)).toContain('Velero is named in the item but is not an app in the repository.');
  });
});

describe('kyverno-policies', () => {
  const md = [
    '### H-9.1: Expand Kyverno Policy Coverage',
    '**Status**: Not Started',
    '1. **Baseline**',
    '   - File to create: `kubernetes/apps/security/kyverno/policies/pss-baseline.yaml`',
    '2. **Labels**',
    '   - File to create: `kubernetes/apps/security/kyverno/policies/require-labels.yaml`',
    '',
    '**Implementation Order**:',
    '1. Deploy policies in `Audit` mode first',
    '2. Switch to `Enforce` mode',
  ].join('\n');
  it('passes when both exist, and reports their mode', () => {
    const out = measure(kyvernoPolicies, md, makeModel({ kyvernoPolicies: [kyvernoPolicy({ name: 'pss-baseline', action: 'Enforce' }), kyvernoPolicy({ name: 'require-labels', action: 'Audit' })] }));
    expect(out.measured).toEqual({ done: 2, total: 2 });
    expect(out.notes).toEqual(['pss-baseline: Enforce', 'require-labels: Audit', 'require-labels is not in Enforce mode yet.']);
  });
  it('partly passes; a disabled policy falls short', () => {
    const out = measure(kyvernoPolicies, md, makeModel({ kyvernoPolicies: [kyvernoPolicy({ name: 'pss-baseline' }), kyvernoPolicy({ name: 'require-labels', disabled: 'file' })] }));
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls[0]!.message).toBe('Policy require-labels exists but is disabled (file).');
  });
  it('fails when none exists, pointing at the line that asks for it', () => {
    const out = measure(kyvernoPolicies, md, makeModel());
    expect(out.measured).toEqual({ done: 0, total: 2 });
    expect(out.shortfalls.map((s) => s.source.line)).toEqual([8, 10]);
  });
});

describe('pvc-backup-annotations', () => {
  const md = ['### M-5.1: Add Backup Annotations to PVCs', '**Status**: Not Started', '- Critical apps:', '  - productivity/paperless', '  - media/jellyfin'].join('\n');
  const apps = [app('productivity', 'paperless'), app('media', 'jellyfin'), app('media', 'plex')];
  const claims = [
    pvc({ name: 'paperless-data', namespace: 'productivity', appId: 'productivity/paperless' }),
    pvc({ name: 'jellyfin-config', namespace: 'media', appId: 'media/jellyfin' }),
    pvc({ name: 'plex-config', namespace: 'media', appId: 'media/plex' }),
  ];
  const signal = { system: 'k8up' as const, detail: 'k8up.io/backup=true', source: { file: 'x.yaml', line: 1, col: 1 } };
  it('passes when every PVC of the named apps is backed up (annotation or VolSync source)', () => {
    const model = makeModel({ apps, namespaces: ['media', 'productivity'], pvcs: claims, backupSignals: { [claims[0]!.id]: [signal] }, backupObjects: [replicationSource({ name: 'jf', namespace: 'media', sourcePvc: 'jellyfin-config' })] });
    expect(measure(pvcBackupAnnotations, md, model).measured).toEqual({ done: 2, total: 2 });
  });
  it("counts an operator's volume its operator backs up (a CloudNativePG Cluster with a ScheduledBackup), as the backup matrix does", () => {
    const db = { ...pvc({ name: 'paperless-db', namespace: 'productivity', appId: 'productivity/paperless' }), origin: 'operator' as const, operator: { kind: 'CloudNativePG Cluster paperless-db', resource: 'paperless-db', volume: 'data' as const, instances: 1, backup: 'CloudNativePG: ScheduledBackup paperless-db (@daily)' } };
    const model = makeModel({ apps, namespaces: ['media', 'productivity'], pvcs: [claims[0]!, db], backupSignals: { [claims[0]!.id]: [signal] } });
    const md1 = ['### M-5.1: Add Backup Annotations to PVCs', '**Status**: Not Started', '- productivity/paperless'].join('\n');
    expect(measure(pvcBackupAnnotations, md1, model).measured).toEqual({ done: 2, total: 2 });
  });
  it('partly passes, naming the PVC', () => {
    const model = makeModel({ apps, namespaces: ['media', 'productivity'], pvcs: claims, backupSignals: { [claims[0]!.id]: [signal] } });
    const out = measure(pvcBackupAnnotations, md, model);
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls.map((s) => s.message)).toEqual(['PVC media/jellyfin-config has no backup annotation.']);
  });
  it('fails when none is annotated, and counts named apps that do not exist', () => {
    const model = makeModel({ apps: apps.slice(0, 1), namespaces: ['media', 'productivity'], pvcs: claims });
    const out = measure(pvcBackupAnnotations, md, model);
    expect(out.measured).toEqual({ done: 0, total: 2 });
    expect(out.shortfalls.map((s) => s.message)).toEqual([
      'media/jellyfin is named in the item but is not an app in the repository.',
      'PVC productivity/paperless-data has no backup annotation.',
    ]);
  });
});

describe('depends-on-present', () => {
  const md = [
    '### M-1.2: Add CoreDNS Dependency to k8s-gateway',
    '**Status**: Not Started',
    '**File**: `kubernetes/apps/network/k8s-gateway/ks.yaml`',
    '```yaml',
    'spec:',
    '  dependsOn:',
    '    - name: coredns',
    '      namespace: kube-system',
    '```',
  ].join('\n');
  const file = 'kubernetes/apps/network/k8s-gateway/ks.yaml';
  it('passes when the Kustomization in the named file depends on coredns', () => {
    const model = makeModel({ kustomizations: [kustomization({ name: 'k8s-gateway', file, dependsOn: ['cilium', 'coredns'] })] });
    expect(measure(dependsOnPresent, md, model)).toMatchObject({ measured: { done: 1, total: 1 }, notes: ['Required dependencies: coredns.'] });
  });
  it('partly passes when one of the file’s two Kustomizations lacks it', () => {
    const model = makeModel({ kustomizations: [kustomization({ name: 'k8s-gateway', file, dependsOn: ['coredns'] }), kustomization({ name: 'k8s-gateway-config', file, line: 20, dependsOn: ['cilium'] })] });
    const out = measure(dependsOnPresent, md, model);
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls).toEqual([{ objectId: 'Kustomization/flux-system/k8s-gateway-config', message: 'Kustomization k8s-gateway-config does not depend on coredns.', source: { file, line: 20, col: 1 } }]);
  });
  it('fails when it has no dependsOn', () => {
    const out = measure(dependsOnPresent, md, makeModel({ kustomizations: [kustomization({ name: 'k8s-gateway', file })] }));
    expect(out.measured).toEqual({ done: 0, total: 1 });
    expect(out.shortfalls[0]!.message).toBe('Kustomization k8s-gateway has no dependsOn.');
  });
});

describe('commented-kustomizations-gone', () => {
  const md = [
    '### M-1.3: Clean Up Commented Code',
    '**Status**: Not Started',
    '1. **longhorn-prereq** (disabled)',
    '   - File: `kubernetes/apps/storage/longhorn/ks.yaml`',
    '2. **openvpn** (disabled)',
    '   - File: `kubernetes/apps/network/external/ks.yaml`',
  ].join('\n');
  const commented = (name: string, file: string) => kustomization({ name, file, disabled: 'commented' });
  // The listed files are in the repository (their commented-out documents may be gone).
  const files = ['kubernetes/apps/storage/longhorn/ks.yaml', 'kubernetes/apps/network/external/ks.yaml'].map((path) => ({ path, kind: 'yaml' as const, size: 100 }));
  it('passes when both are gone (a *.dis file is not commented out)', () => {
    const model = makeModel({ files, kustomizations: [kustomization({ name: 'openvpn', file: 'kubernetes/apps/network/external/ks.dis', disabled: 'file' })] });
    expect(measure(commentedKustomizationsGone, md, model).measured).toEqual({ done: 2, total: 2 });
  });
  it('partly passes', () => {
    const out = measure(commentedKustomizationsGone, md, makeModel({ files, kustomizations: [commented('openvpn', 'kubernetes/apps/network/external/ks.yaml')] }));
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls[0]!.message).toBe('Kustomization openvpn is still commented out in kubernetes/apps/network/external/ks.yaml.');
  });
  it('fails when both are still there', () => {
    const model = makeModel({ files, kustomizations: [commented('openvpn', 'kubernetes/apps/network/external/ks.yaml'), commented('longhorn-prereq', 'kubernetes/apps/storage/longhorn/ks.yaml')] });
    expect(measure(commentedKustomizationsGone, md, model).measured).toEqual({ done: 0, total: 2 });
  });
  it('does not measure a listed file the repository does not have (a roadmap of another repository: never "done")', () => {
    const one = measure(commentedKustomizationsGone, md, makeModel({ files: files.slice(1) }));
    expect(one.measured).toEqual({ done: 1, total: 1 });
    expect(one.notes).toEqual(['Not in the repository, so not measured: kubernetes/apps/storage/longhorn/ks.yaml.']);
    expect(measure(commentedKustomizationsGone, md, makeModel()).measured).toEqual({ done: 0, total: 0 });
  });
});

describe('timeout-standard', () => {
  const md = [
    '### L-1.1: Review and Standardize Timeout Values',
    '**Status**: Not Started',
    '**Proposed Standards**:',
    '- **Critical Infrastructure** (cert-manager, prometheus, longhorn): 15m',
    '- **Network/Ingress**: 10m',
    '- **Standard Apps**: 5m',
  ].join('\n');
  const ks = (name: string, namespace: string, timeout: string | null) => kustomization({ name, namespace, timeout });
  it('passes when each Kustomization has its standard (300s equals 5m)', () => {
    const model = makeModel({ kustomizations: [ks('prometheus', 'observability', '15m'), ks('ingress-nginx', 'network', '10m'), ks('plex', 'media', '300s')] });
    const out = measure(timeoutStandard, md, model);
    expect(out.measured).toEqual({ done: 3, total: 3 });
    expect(out.notes).toEqual(['Critical Infrastructure: 15m', 'Network/Ingress: 10m', 'Standard Apps: 5m']);
  });
  it('partly passes and says which standard applies', () => {
    const model = makeModel({ kustomizations: [ks('longhorn', 'storage', '5m'), ks('plex', 'media', '5m')] });
    const out = measure(timeoutStandard, md, model);
    expect(out.measured).toEqual({ done: 1, total: 2 });
    expect(out.shortfalls[0]!.message).toBe('Kustomization longhorn has timeout 5m; the standard for Critical Infrastructure is 15m.');
  });
  it('fails when no timeout is set', () => {
    const out = measure(timeoutStandard, md, makeModel({ kustomizations: [ks('plex', 'media', null)] }));
    expect(out.measured).toEqual({ done: 0, total: 1 });
    expect(out.shortfalls[0]!.message).toBe('Kustomization plex has no timeout; the standard for Standard Apps is 5m.');
  });
  it('classes a Kustomization by the releases it deploys too (infra-controllers deploys cert-manager)', () => {
    const release = { id: 'HelmRelease/cert-manager/cert-manager', name: 'cert-manager', owner: 'Kustomization/flux-system/infra-controllers', disabled: null, chart: { name: 'cert-manager' } } as never;
    const model = makeModel({ kustomizations: [kustomization({ name: 'infra-controllers', namespace: 'flux-system', timeout: '5m' })], helmReleases: [release] });
    const out = measure(timeoutStandard, md, model);
    expect(out.measured).toEqual({ done: 0, total: 1 });
    expect(out.shortfalls[0]!.message).toBe('Kustomization infra-controllers has timeout 5m; the standard for Critical Infrastructure is 15m.');
  });
  it('matches the names a standard lists as whole names, not inside longer ones', () => {
    const model = makeModel({ kustomizations: [ks('prometheus', 'observability', '15m'), ks('prometheus-blackbox-exporter', 'observability', '5m'), ks('prometheus-pushgateway', 'observability', '5m')] });
    const out = measure(timeoutStandard, md, model);
    expect(out.measured).toEqual({ done: 3, total: 3 });
  });
  it('keeps to the files its scope names (`All ks.yaml files`), leaving the cluster\'s own files out', () => {
    const scoped = `${md}\n**Files to Update**: All \`ks.yaml\` files\n`;
    const files = ['kubernetes/flux/apps.yaml', 'kubernetes/apps/media/plex/ks.yaml'].map((path) => ({ path, kind: 'yaml' as const, size: 1 }));
    const model = makeModel({ files, kustomizations: [kustomization({ name: 'cluster-apps', file: files[0]!.path, timeout: null }), kustomization({ name: 'plex', namespace: 'media', file: files[1]!.path, timeout: '5m' })] });
    const out = measure(timeoutStandard, scoped, model);
    expect(out.measured).toEqual({ done: 1, total: 1 });
    expect(out.notes.at(-1)).toBe("Outside the item's scope (all `ks.yaml` files), not measured: the Kustomizations in kubernetes/flux/apps.yaml.");
  });
  it('measures nothing where its scope by file name matches no file of the repository', () => {
    const scoped = `${md}\n**Scope**: All \`ks.yaml\` files\n`;
    const out = measure(timeoutStandard, scoped, makeModel({ files: [{ path: 'clusters/production/apps.yaml', kind: 'yaml', size: 1 }], kustomizations: [ks('apps', 'flux-system', '5m')] }));
    expect(out.measured).toEqual({ done: 0, total: 0 });
  });
});
