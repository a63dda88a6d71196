import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A file of several Flux Kustomizations beside the folders they build. home-ops names those of one
 * app after the app's folder (`cert-manager/ks.yaml`: cert-manager, cert-manager-issuers): one app.
 * A platform repository's `infra/flux-ks.yaml` (crds, storage, each its own release and namespace,
 * storage depending on crds) holds several apps; it was one app in flux-system, the dependency inside it.
 */
const release = (name: string, ns: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`;

describe('a file of several Flux Kustomizations', () => {
  const repo = tempRepos(afterAll);

  it('is one app per Kustomization where none is named after the folder', async () => {
    const r = repo('ks-file-split');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - infra/flux-ks.yaml\n');
    r.put('clusters/prod/infra/flux-ks.yaml', `${fluxKustomization('crds', './clusters/prod/infra/crds', '  wait: true\n')}---\n${fluxKustomization('storage', './clusters/prod/infra/storage', '  dependsOn:\n    - name: crds\n')}`);
    r.put('clusters/prod/infra/crds/release.yaml', release('snapshot-controller', 'kube-system'));
    r.put('clusters/prod/infra/storage/release.yaml', release('longhorn', 'longhorn-system'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.helmReleases.find((h) => h.name === name)!.appId;
    expect([appOf('snapshot-controller'), appOf('longhorn')]).toEqual(['kube-system/crds', 'longhorn-system/storage']);
  });

  it('is one app where they share a targetNamespace, whatever their names (victoria-metrics: vm-operator-crds, vm-operator, vm-cluster)', async () => {
    const r = repo('ks-file-abbreviated');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/observability/kustomization.yaml', 'resources:\n  - ./victoria-metrics/ks.yaml\n');
    const vm = 'kubernetes/apps/observability/victoria-metrics';
    r.put(`${vm}/ks.yaml`, ['crds', 'operator', 'cluster'].map((x) => fluxKustomization(x === 'crds' ? 'vm-operator-crds' : `vm-${x}`, `./${vm}/${x}`, '  targetNamespace: observability\n')).join('---\n'));
    for (const x of ['crds', 'operator', 'cluster']) r.put(`${vm}/${x}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vm-${x}\n`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(new Set(model.kustomizations.filter((k) => k.name.startsWith('vm-')).map((k) => k.appId))).toEqual(new Set(['observability/victoria-metrics']));
  });

  it("is one app where they are named after the app's folder (home-ops ks.yaml)", async () => {
    const r = repo('ks-file-one-app');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/cert-manager/kustomization.yaml', 'resources:\n  - ./cert-manager/ks.yaml\n');
    r.put('kubernetes/apps/cert-manager/cert-manager/ks.yaml', `${fluxKustomization('cert-manager', './kubernetes/apps/cert-manager/cert-manager/app', '  targetNamespace: cert-manager\n')}---\n${fluxKustomization('cert-manager-issuers', './kubernetes/apps/cert-manager/cert-manager/issuers', '  targetNamespace: cert-manager\n  dependsOn:\n    - name: cert-manager\n')}`);
    r.put('kubernetes/apps/cert-manager/cert-manager/app/release.yaml', release('cert-manager', 'cert-manager'));
    r.put('kubernetes/apps/cert-manager/cert-manager/issuers/issuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ks = model.kustomizations.filter((k) => k.name.startsWith('cert-manager'));
    expect(new Set(ks.map((k) => k.appId))).toEqual(new Set(['cert-manager/cert-manager']));
  });
});
