/**
 * A Flux Operator ResourceSet whose inputs the repository holds is expanded into objects of the build
 * that applies it, as the operator makes them in that cluster: a tenant each of Namespace, Flux
 * Kustomization and HelmRelease (the operator's multi-tenancy shape). The generated Kustomizations are
 * built in turn, each tenant's release is an app of its own, and no RESOURCESET_NOT_EXPANDED is left.
 * Inputs of a Static provider count; those of a GitHub pull request provider are only known in the
 * cluster, and the note says so. (Before, every ResourceSet was a note, and its tenants' pages empty.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRepository, tempRepos } from '../support/temp-repo.ts';

const tenants = (inputs: string) => `apiVersion: fluxcd.controlplane.io/v1
kind: ResourceSet
metadata:
  name: tenants
  namespace: flux-system
spec:
${inputs}  resources:
    - apiVersion: v1
      kind: Namespace
      metadata:
        name: << inputs.tenant >>
    - apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata:
        name: << inputs.tenant >>-apps
        namespace: flux-system
      spec:
        interval: 10m
        prune: true
        targetNamespace: << inputs.tenant >>
        path: ./tenants/<< inputs.tenant >>
        sourceRef:
          kind: GitRepository
          name: flux-system
    - apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: podinfo
        namespace: << inputs.tenant >>
      spec:
        interval: 1h
        chart:
          spec:
            chart: podinfo
            version: << inputs.version | quote >>
            sourceRef:
              kind: HelmRepository
              name: podinfo
              namespace: flux-system
        values:
          replicaCount: << inputs.replicas | int >>
`;

describe('a ResourceSet whose inputs the repository holds', () => {
  const repo = tempRepos(afterAll);
  const scan = async (inputs: string, more: (put: (rel: string, text: string) => void) => void = () => {}) => {
    const r = repo('resourceset-expanded');
    bootstrap(r);
    r.put('clusters/prod/tenants.yaml', fluxKustomization('tenants', './infrastructure/tenants'));
    r.put('infrastructure/tenants/podinfo.yaml', helmRepository('podinfo', 'oci://ghcr.io/stefanprodan/charts'));
    r.put('infrastructure/tenants/tenants.yaml', tenants(inputs));
    for (const t of ['team1', 'team2']) r.put(`tenants/${t}/settings.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  tenant: ${t}\n`);
    more(r.put);
    return (await scanRepo(r.root, parseConfig({}))).model;
  };

  it('makes each tenant’s objects in the applying build, follows their Kustomizations, and shows each release as an app', async () => {
    const model = await scan('  inputs:\n    - tenant: team1\n      version: "6.7.x"\n      replicas: 2\n    - tenant: team2\n      version: "6.6.x"\n      replicas: 3\n');
    expect(model.findings.filter((f) => f.code === 'RESOURCESET_NOT_EXPANDED')).toEqual([]);
    const owner = 'Kustomization/flux-system/tenants';
    expect(model.objects.filter((o) => o.owner === owner).map((o) => o.id).sort()).toEqual([
      'HelmRelease/team1/podinfo', 'HelmRelease/team2/podinfo', 'HelmRepository/flux-system/podinfo',
      'Kustomization/flux-system/team1-apps', 'Kustomization/flux-system/team2-apps',
      'Namespace/_cluster/team1', 'Namespace/_cluster/team2', 'ResourceSet/flux-system/tenants',
    ]);
    // Where the template writes them, and as each input fills them in.
    const hr = model.helmReleases.find((h) => h.id === 'HelmRelease/team2/podinfo')!;
    expect([hr.source.file, hr.source.line, hr.chart.version, hr.values]).toEqual(['infrastructure/tenants/tenants.yaml', 32, '6.6.x', { replicaCount: 3 }]);
    // The generated Kustomizations are built: each tenant's folder, in its targetNamespace.
    expect(model.objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.id, o.owner])).toEqual([
      ['ConfigMap/team1/settings', 'Kustomization/flux-system/team1-apps'],
      ['ConfigMap/team2/settings', 'Kustomization/flux-system/team2-apps'],
    ]);
    // Each tenant's release is an app, with its Namespace; the set stays with the Kustomization that applies it.
    const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;
    expect(['HelmRelease/team1/podinfo', 'Namespace/_cluster/team1', 'HelmRelease/team2/podinfo', 'Namespace/_cluster/team2', 'ResourceSet/flux-system/tenants'].map(appOf)).toEqual(['team1/podinfo', 'team1/podinfo', 'team2/podinfo', 'team2/podinfo', 'flux-system/tenants']);
  });

  it('reads the defaultValues of a Static provider it names', async () => {
    const model = await scan('  inputsFrom:\n    - kind: ResourceSetInputProvider\n      name: team1\n', (put) =>
      put('infrastructure/tenants/team1.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSetInputProvider\nmetadata:\n  name: team1\n  namespace: flux-system\nspec:\n  type: Static\n  defaultValues:\n    tenant: team1\n    version: "6.7.x"\n    replicas: 1\n'),
    );
    expect(model.findings.filter((f) => f.code === 'RESOURCESET_NOT_EXPANDED')).toEqual([]);
    expect(model.helmReleases.map((h) => [h.id, h.chart.version])).toEqual([['HelmRelease/team1/podinfo', '6.7.x']]);
  });

  it('is not expanded where a GitHub pull request provider gives its inputs, and the note says so', async () => {
    const model = await scan('  inputsFrom:\n    - apiVersion: fluxcd.controlplane.io/v1\n      kind: ResourceSetInputProvider\n      name: flux-appx-prs\n', (put) =>
      put('infrastructure/tenants/prs.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSetInputProvider\nmetadata:\n  name: flux-appx-prs\n  namespace: flux-system\n  annotations:\n    fluxcd.controlplane.io/reconcile: "enabled"\n    fluxcd.controlplane.io/reconcileEvery: "5m"\nspec:\n  type: GitHubPullRequest\n  url: https://github.com/controlplaneio-fluxcd/flux-appx\n  filter:\n    labels:\n      - "deploy/flux-preview"\n  defaultValues:\n    chart: "charts/flux-appx"\n'),
    );
    expect(model.findings.filter((f) => f.code === 'RESOURCESET_NOT_EXPANDED').map((f) => f.message)).toEqual([
      'ResourceSet tenants makes 3 resources (HelmRelease, Kustomization, Namespace), for each input its providers (inputsFrom) give; the site cannot expand it, because its inputs come from ResourceSetInputProvider flux-appx-prs of type GitHubPullRequest, which the operator fetches in the cluster, so what it makes is not shown or checked.',
    ]);
    expect(model.helmReleases).toEqual([]);
    expect(model.templated?.map((t) => `${t.kind}/${t.name}`)).toEqual(['Namespace/<< inputs.tenant >>', 'Kustomization/<< inputs.tenant >>-apps', 'HelmRelease/podinfo']);
  });
});
