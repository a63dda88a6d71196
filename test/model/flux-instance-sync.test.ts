/**
 * A cluster bootstrapped by the Flux Operator has no gotk-sync.yaml: its FluxInstance's spec.sync
 * makes the `flux-system` source and Kustomization that apply the sync path. Found on a public fleet
 * repository: with only a FluxInstance in `clusters/prod/flux-system/`, the objects beside the
 * cluster's Kustomizations were applied by nothing, and a sync path not named like a bootstrap
 * folder had no root at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const instance = (path: string, kind = 'GitRepository') =>
  `apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n  distribution:\n    version: 2.7.x\n  sync:\n    kind: ${kind}\n    url: https://example.com/fleet.git\n    ref: refs/heads/main\n    path: ${path}\n`;
const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: runtime-info\n  namespace: flux-system\ndata:\n  ENV: prod\n';

/** The home-ops layout around the flux-instance release: cluster-apps in kubernetes/flux/cluster applies kubernetes/apps, whose flux-instance Kustomization applies the release's folder. */
const homeOps = (put: (file: string, text: string) => void) => {
  put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
  put('kubernetes/apps/kustomization.yaml', 'resources:\n  - flux-system\n');
  put('kubernetes/apps/flux-system/kustomization.yaml', 'resources:\n  - ./flux-instance/ks.yaml\n');
  put('kubernetes/apps/flux-system/flux-instance/ks.yaml', fluxKustomization('flux-instance', './kubernetes/apps/flux-system/flux-instance/app'));
};

describe('a FluxInstance’s spec.sync', () => {
  const repo = tempRepos(afterAll);

  it('applies its path: the Kustomizations there and the objects beside them', async () => {
    const { root, put } = repo('flux-instance-sync');
    put('fleet/prod/flux-system/flux-instance.yaml', instance('fleet/prod'));
    put('fleet/prod/runtime-info.yaml', settings);
    put('fleet/prod/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    expect([sync.resolvedPath, sync.isRoot, sync.source.file, sync.source.line]).toEqual(['fleet/prod', true, 'fleet/prod/flux-system/flux-instance.yaml', 10]);
    expect(model.apps.find((a) => a.kustomizations.includes(sync.id))?.description).toBe('Made in the cluster by FluxInstance flux from its spec.sync (fleet/prod/flux-system/flux-instance.yaml): applies ./fleet/prod of this repository.');
    const owner = (kind: string) => model.objects.find((o) => o.kind === kind)?.owner;
    expect(owner('FluxInstance')).toBe(sync.id);
    expect(owner('ConfigMap')).toBe(sync.id);
    expect(model.kustomizations.find((k) => k.name === 'apps')!.reachedFromRoot).toBe(true);
    expect(owner('Deployment')).toBe('Kustomization/flux-system/apps');
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });

  it("is also a flux-instance chart's values.instance.sync, in the namespace the release installs to", async () => {
    // The home-ops shape: the release installs Flux and its sync applies kubernetes/flux/cluster, whose
    // Kustomizations were roots of nothing, the one without a namespace put in `default` (outside review).
    const { root, put } = repo('flux-instance-chart');
    put('kubernetes/apps/flux-system/flux-instance/app/ocirepository.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: flux-instance\n  namespace: flux-system\nspec:\n  url: oci://ghcr.io/controlplaneio-fluxcd/charts/flux-instance\n  ref:\n    tag: 0.30.0\n');
    put('kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: flux-instance\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: flux-instance\n  values:\n    instance:\n      sync:\n        kind: GitRepository\n        url: https://github.com/example/home-ops.git\n        ref: refs/heads/main\n        path: kubernetes/flux/cluster\n');
    put('kubernetes/apps/flux-system/flux-instance/app/kustomization.yaml', 'namespace: flux-system\nresources:\n  - ocirepository.yaml\n  - helmrelease.yaml\n');
    homeOps(put);
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    expect([sync.namespace, sync.resolvedPath, sync.isRoot, sync.source.file, sync.source.line]).toEqual(['flux-system', 'kubernetes/flux/cluster', true, 'kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml', 12]);
    expect(model.kustomizations.find((k) => k.name === 'cluster-apps')?.owner).toBe(sync.id);
    // Part of the app that installs the release; its description is the sync's own, not that app's.
    const app = model.apps.find((a) => a.kustomizations.includes(sync.id));
    expect([app?.id, app?.description]).toEqual(['flux-system/flux-instance', null]);
    expect(sync.annotations['atlas.gitops/description']).toContain('Made in the cluster by the FluxInstance that HelmRelease flux-instance (chart flux-instance) makes from its values.instance.sync');
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });

  it("is read through valuesFrom too: a configMapGenerator of the release's helm/values.yaml (the cluster-template's earlier shape)", async () => {
    const { root, put } = repo('flux-instance-chart-values-from');
    put('kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: flux-instance\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: flux-instance\n  valuesFrom:\n    - kind: ConfigMap\n      name: flux-instance-values\n  values:\n    instance:\n      sync:\n        interval: 30m\n');
    put('kubernetes/apps/flux-system/flux-instance/app/helm/values.yaml', 'instance:\n  sync:\n    kind: GitRepository\n    url: https://github.com/example/home-ops.git\n    ref: refs/heads/main\n    path: kubernetes/flux/cluster\n');
    put('kubernetes/apps/flux-system/flux-instance/app/kustomization.yaml', 'namespace: flux-system\nresources:\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: flux-instance-values\n    files:\n      - values.yaml=./helm/values.yaml\n');
    homeOps(put);
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    // (The inline values win where both say: its interval.)
    expect([sync.resolvedPath, sync.isRoot, sync.interval]).toEqual(['kubernetes/flux/cluster', true, '30m']);
    expect(model.kustomizations.find((k) => k.name === 'cluster-apps')?.owner).toBe(sync.id);
  });

  it("sets a valuesFrom targetPath entry's text over the values file before it (helm-controller's order)", async () => {
    const { root, put } = repo('flux-instance-chart-target-path');
    put('kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: flux-instance\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: flux-instance\n  valuesFrom:\n    - kind: ConfigMap\n      name: flux-instance-values\n    - kind: ConfigMap\n      name: flux-instance-values\n      valuesKey: path\n      targetPath: instance.sync.path\n');
    put('kubernetes/apps/flux-system/flux-instance/app/helm/values.yaml', 'instance:\n  sync:\n    kind: GitRepository\n    url: https://github.com/example/home-ops.git\n    ref: refs/heads/main\n    path: kubernetes/flux/old\n');
    put('kubernetes/apps/flux-system/flux-instance/app/kustomization.yaml', 'namespace: flux-system\nresources:\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: flux-instance-values\n    files:\n      - values.yaml=./helm/values.yaml\n    literals:\n      - path=kubernetes/flux/cluster\n');
    homeOps(put);
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    expect([sync.resolvedPath, sync.isRoot]).toEqual(['kubernetes/flux/cluster', true]);
    expect(model.kustomizations.find((k) => k.name === 'cluster-apps')?.owner).toBe(sync.id);
  });

  // The Flux Operator names both `spec.sync.name` where set (its Sync type: "When not specified, the name
  // is set to the namespace name"): the cluster's Kustomizations then read this repository by that name.
  it('names its source and Kustomization spec.sync.name where set', async () => {
    const { root, put } = repo('flux-instance-sync-name');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('clusters/prod').replace('  sync:\n', '  sync:\n    name: home-kubernetes\n'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps').replace('name: flux-system\n', 'name: home-kubernetes\n'));
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.madeInCluster)!;
    expect([sync.id, sync.sourceRef?.name, sync.isRoot]).toEqual(['Kustomization/flux-system/home-kubernetes', 'home-kubernetes', true]);
    expect(model.kustomizations.find((k) => k.name === 'apps')?.owner).toBe(sync.id);
  });

  it('expands a ResourceSet it applies into objects of its build, and says why where it cannot', async () => {
    const { root, put } = repo('flux-instance-resourceset');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('clusters/prod'));
    put('clusters/prod/flux-system/operator.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: operator\n  namespace: flux-system\nspec:\n  resources:\n    - apiVersion: source.toolkit.fluxcd.io/v1\n      kind: OCIRepository\n      metadata:\n        name: op\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata:\n        name: op\n');
    put('clusters/prod/flux-system/tenants.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: tenants\n  namespace: flux-system\nspec:\n  inputs:\n    - tenant: a\n    - tenant: b\n  resourcesTemplate: |\n    apiVersion: v1\n    kind: Namespace\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'RESOURCESET_NOT_EXPANDED').map((f) => [f.source.file, f.message])).toEqual([
      ['clusters/prod/flux-system/tenants.yaml', 'ResourceSet tenants makes the objects of its resourcesTemplate, for each of its 2 inputs; the site cannot expand it, because spec.resourcesTemplate makes an object without apiVersion, kind or metadata.name, so what it makes is not shown or checked.'],
    ]);
    // The operator's resources (no inputs: made once), in the ResourceSet's namespace, applied by the sync's build.
    const sync = model.kustomizations.find((k) => k.madeInCluster)!;
    expect(model.helmReleases.map((h) => [h.id, h.owner, h.source.file])).toEqual([['HelmRelease/flux-system/op', sync.id, 'clusters/prod/flux-system/operator.yaml']]);
  });

  it('adds nothing where the repository has the sync Kustomization already, or syncs an artifact built elsewhere', async () => {
    const { root, put } = repo('flux-instance-bootstrapped');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('clusters/prod'));
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    // An OCI artifact's root, and a path no folder of this repository has: another artifact.
    put('clusters/staging/flux-system/flux-instance.yaml', instance('./', 'OCIRepository'));
    put('clusters/test/flux-system/flux-instance.yaml', instance('deploy/test', 'OCIRepository'));
    put('clusters/dev/flux-system/flux-instance.yaml', instance('clusters/dev', 'Bucket'));
    put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.kustomizations.filter((k) => k.name === 'flux-system').map((k) => k.source.file)).toEqual(['clusters/prod/flux-system/gotk-sync.yaml']);
  });

  it('follows an OCIRepository sync of a folder of this repository (the gitless layout: CI pushes this tree as the artifact)', async () => {
    const { root, put } = repo('flux-instance-oci');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('clusters/prod', 'OCIRepository').replace('https://example.com/fleet.git', 'oci://ghcr.io/example/fleet'));
    put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps').replace('kind: GitRepository', 'kind: OCIRepository'));
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    expect([sync.resolvedPath, sync.isRoot, sync.source.file]).toEqual(['clusters/prod', true, 'clusters/prod/flux-system/flux-instance.yaml']);
    expect(model.apps.find((a) => a.kustomizations.includes(sync.id))?.description).toContain('applies ./clusters/prod of the OCI artifact oci://ghcr.io/example/fleet');
    expect(model.kustomizations.find((k) => k.name === 'apps')!.reachedFromRoot).toBe(true);
    expect(model.objects.find((o) => o.kind === 'Deployment')?.owner).toBe('Kustomization/flux-system/apps');
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });

  it('whose sync path is a variable, filled in per cluster: an unreached folder may be one it syncs, and its note says so', async () => {
    const { root, put } = repo('flux-instance-templated');
    put('bootstrap/flux-instance.yaml', instance('${FLUX_SYNC_PATH}'));
    put('clusters/dev/luke/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/dev/luke'));
    put('clusters/dev/moose/apps.yaml', fluxKustomization('apps', './apps/podinfo'));
    put('apps/podinfo/cm.yaml', settings.replace('runtime-info', 'podinfo'));
    const { model } = await scanRepo(root, parseConfig({}));
    const notes = model.findings.filter((f) => f.code === 'NOT_DEPLOYED' && f.source.file === 'clusters/dev/moose/apps.yaml');
    expect(notes.map((f) => f.message)).toEqual([
      'flux-system/apps is not deployed: No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder), unless FluxInstance flux (bootstrap/flux-instance.yaml:13) syncs it: its spec.sync.path is ${FLUX_SYNC_PATH}, filled in where the instance is applied. Its manifests are not checked.',
    ]);
  });

  it("reads an OCIRepository sync in the folder the repository's own CI pushes as that artifact, its root too", async () => {
    const { root, put } = repo('flux-instance-oci-pushed');
    put('deploy/clusters/prod/flux-system/flux-instance.yaml', instance('./clusters/prod', 'OCIRepository').replace('https://example.com/fleet.git', 'oci://ghcr.io/example/fleet'));
    put('deploy/clusters/prod/apps.yaml', fluxKustomization('apps', './apps').replace('kind: GitRepository', 'kind: OCIRepository'));
    put('deploy/apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    put('.github/workflows/push.yaml', 'on: push\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - run: flux push artifact oci://ghcr.io/example/fleet:$(git rev-parse --short HEAD) --path=./deploy --source=x --revision=y\n');
    put('staging/flux-instance.yaml', instance('./', 'OCIRepository').replace('https://example.com/fleet.git', 'oci://ghcr.io/example/fleet-staging').replace('namespace: flux-system', 'namespace: flux-staging'));
    put('staging/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    put('scripts/push-staging.sh', 'flux push artifact oci://ghcr.io/example/fleet-staging:latest --path=staging\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const sync = model.kustomizations.find((k) => k.name === 'flux-system')!;
    expect([sync.resolvedPath, sync.isRoot]).toEqual(['deploy/clusters/prod', true]);
    expect(model.apps.find((a) => a.kustomizations.includes(sync.id))?.description).toContain('applies ./clusters/prod of the OCI artifact oci://ghcr.io/example/fleet, which the repository pushes from ./deploy (./deploy/clusters/prod here).');
    expect(model.objects.find((o) => o.kind === 'Deployment')?.owner).toBe('Kustomization/flux-system/apps');
    expect(model.kustomizations.find((k) => k.name === 'flux-staging')?.resolvedPath).toBe('staging');
    expect(model.objects.find((o) => o.kind === 'ConfigMap')?.owner).toBe('Kustomization/flux-staging/flux-staging');
  });
});

/**
 * A fleet repository whose clusters read their infrastructure from other repositories at the same
 * path (`./clusters/prod` of fleet-infra.git): such a Kustomization is not the instance's own sync
 * (an outside review found the cluster's app then deployed by `infra`, with this repository's
 * podinfo as its content and no external source). Only one reading this repository's URL is.
 */
describe('a Kustomization of the sync path from another repository', () => {
  const repo = tempRepos(afterAll);
  const gitRepository = (name: string, url: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: ${url}\n  ref:\n    branch: main\n`;
  const kustomization = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./clusters/prod\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: ${name}\n`;

  it('leaves the sync to the instance, and is an app of the other repository', async () => {
    const { root, put } = repo('flux-instance-other-repo');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('./clusters/prod'));
    put('clusters/prod/flux-system/infra.yaml', `${gitRepository('infra', 'https://github.com/acme/fleet-infra.git')}---\n${kustomization('infra')}`);
    put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - flux-instance.yaml\n  - infra.yaml\n');
    put('clusters/prod/podinfo/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  template:\n    spec:\n      containers:\n        - name: podinfo\n          image: ghcr.io/stefanprodan/podinfo:6.7.0\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const podinfo = model.objects.find((o) => o.kind === 'Deployment' && o.name === 'podinfo');
    expect(podinfo?.owner).toBe('Kustomization/flux-system/flux-system');
    expect(model.kustomizations.find((k) => k.name === 'infra')?.externalSource).toBe(true);
  });

  it('is still the sync where it reads the instance URL (an earlier bootstrap)', async () => {
    const { root, put } = repo('flux-instance-same-repo');
    put('clusters/prod/flux-system/flux-instance.yaml', instance('./clusters/prod'));
    put('clusters/prod/flux-system/sync.yaml', `${gitRepository('fleet', 'https://example.com/fleet')}---\n${kustomization('fleet')}`);
    put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - flux-instance.yaml\n  - sync.yaml\n');
    put('clusters/prod/settings.yaml', settings);
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.kustomizations.map((k) => k.name)).toEqual(['fleet']);
  });
});
