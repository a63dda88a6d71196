import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

/**
 * A deployed HelmRelease whose chart source the repository does not define: helm-controller says the
 * source is not found and installs nothing. It was silent (the app page showed the chart without a
 * source). Judged only where the repository keeps sources of that kind itself.
 */
describe('a HelmRelease whose chart source the repository does not define', () => {
  const repo = tempRepos(afterAll);

  /** A cluster with the HelmRepositories `defined` in flux-system and a HelmRelease of `source`. */
  const check = async (name: string, o: { source: string; defined: string[]; deployed?: boolean; extra?: Record<string, string> }) => {
    const r = repo(name);
    bootstrap(r);
    if (o.deployed !== false) r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/prod/sources.yaml', o.defined.map((d) => helmRepository(d, `https://charts.example.org/${d}`)).join('---\n') || '# none\n');
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web', source: o.source }));
    for (const [path, text] of Object.entries(o.extra ?? {})) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'HELMRELEASE_SOURCE_MISSING');
  };

  it('is a warning at the sourceRef, with the likely name', async () => {
    const found = await check('chart-source-typo', { source: 'bitnamii', defined: ['bitnami', 'jetstack'] });
    expect(found.map((f) => [f.severity, f.source.file, f.source.line])).toEqual([['warning', 'apps/web/helmrelease.yaml', 12]]);
    expect(found[0]!.message).toBe(
      "HelmRelease web/web takes its chart from HelmRepository flux-system/bitnamii, which this repository does not define (it defines 2 other HelmRepositories): helm-controller reports the source as not found and installs nothing, unless something outside the repository creates it. Did you mean 'flux-system/bitnami'?",
    );
  });

  it('is a warning where every definition of the source is switched off (commented out)', async () => {
    const off = helmRepository('bitnami', 'https://charts.example.org/bitnami').split('\n').map((l) => (l ? `# ${l}` : l)).join('\n');
    const found = await check('chart-source-commented', { source: 'bitnami', defined: ['jetstack'], extra: { 'clusters/prod/old-sources.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\n  namespace: flux-system\n---\n${off}` } });
    expect(found.map((f) => f.message)).toEqual([
      'HelmRelease web/web takes its chart from HelmRepository flux-system/bitnami, which no Flux build of this repository creates: helm-controller reports the source as not found and installs nothing, unless something outside the repository creates it. It is defined at clusters/prod/old-sources.yaml:7, but commented out, so Flux does not create it.',
    ]);
  });

  it('says where a namePrefix renamed the source, since kustomize leaves the sourceRef as written', async () => {
    const found = await check('chart-source-prefixed', {
      source: 'bitnami',
      defined: ['jetstack'],
      extra: {
        'clusters/prod/team.yaml': fluxKustomization('team', './team'),
        'team/kustomization.yaml': 'namePrefix: team-\nresources:\n  - ./repository.yaml\n',
        'team/repository.yaml': helmRepository('bitnami', 'https://charts.example.org/bitnami'),
      },
    });
    expect(found.map((f) => f.message)).toEqual([
      "HelmRelease web/web takes its chart from HelmRepository flux-system/bitnami, which this repository does not define (it defines 2 other HelmRepositories): helm-controller reports the source as not found and installs nothing, unless something outside the repository creates it. HelmRepository bitnami is written at team/repository.yaml:1, but its build names it flux-system/team-bitnami (a namePrefix, nameSuffix or patch): kustomize does not rename a HelmRelease's sourceRef with it. Write the built name in the sourceRef, or teach kustomize the reference (a nameReference in `configurations`).",
    ]);
  });

  it('is silent where the source is defined, or the release is not deployed', async () => {
    expect(await check('chart-source-there', { source: 'bitnami', defined: ['bitnami'] })).toEqual([]);
    expect(await check('chart-source-undeployed', { source: 'bitnmai', defined: ['bitnami'], deployed: false })).toEqual([]);
  });

  it('is silent where the repository keeps no source of that kind (a fleet whose sources live in another repository)', async () => {
    expect(await check('chart-source-elsewhere', { source: 'bitnami', defined: [] })).toEqual([]);
  });

  it("is silent where a Kustomization applies another repository's artifact, which may define the source", async () => {
    const shared = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: monitoring-shared\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: https://example.org/monitoring-shared.git\n  ref:\n    tag: v4.0.0\n---\n' + fluxKustomization('monitoring-shared', './applications').replace('name: flux-system\n', 'name: monitoring-shared\n');
    expect(await check('chart-source-external', { source: 'prometheus-community', defined: ['bitnami'], extra: { 'clusters/prod/monitoring.yaml': shared } })).toEqual([]);
  });

  it("still checks where the other artifact is Flux's own distribution (a repository running Flux from flux-manifests)", async () => {
    const flux = 'apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: OCIRepository\nmetadata:\n  name: flux-manifests\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: oci://ghcr.io/fluxcd/flux-manifests\n  ref:\n    tag: v2.4.0\n---\n' + fluxKustomization('flux', './').replace('kind: GitRepository\n    name: flux-system\n', 'kind: OCIRepository\n    name: flux-manifests\n');
    const found = await check('chart-source-flux-manifests', { source: 'prometheus-community', defined: ['bitnami'], extra: { 'clusters/prod/flux.yaml': flux } });
    expect(found.map((f) => f.source.file)).toEqual(['apps/web/helmrelease.yaml']);
  });

  // Outside review: a Kustomization no root reaches, and a kustomization.yaml no build from a root runs,
  // apply nothing to the cluster, so what they would bring in excuses nothing.
  it('still checks where the other artifact or the remote resource is in a place no cluster applies', async () => {
    const shared = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: monitoring-shared\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: https://example.org/monitoring-shared.git\n  ref:\n    tag: v4.0.0\n---\n' + fluxKustomization('monitoring-shared', './applications').replace('name: flux-system\n', 'name: monitoring-shared\n');
    const found = await check('chart-source-outside-unreached', { source: 'prometheus-community', defined: ['bitnami'], extra: { 'old/monitoring.yaml': shared, 'old/remote/kustomization.yaml': 'resources:\n  - https://github.com/example/sources//charts?ref=v1\n' } });
    expect(found.map((f) => f.source.file)).toEqual(['apps/web/helmrelease.yaml']);
  });

  // Outside review: a flux-system kustomization.yaml installing Flux from its repository's manifests.
  it("still checks beside a remote resource that is Flux's own install", async () => {
    const found = await check('chart-source-flux-install', { source: 'prometheus-community', defined: ['bitnami'], extra: { 'clusters/prod/flux-system/kustomization.yaml': 'resources:\n  - https://github.com/fluxcd/flux2//manifests/install?ref=v2.5.1\n  - gotk-sync.yaml\n' } });
    expect(found.map((f) => f.source.file)).toEqual(['apps/web/helmrelease.yaml']);
  });

  it('is silent where a kustomization.yaml takes a remote resource, which may define the source', async () => {
    expect(await check('chart-source-remote', { source: 'prometheus-community', defined: ['bitnami'], extra: { 'apps/kustomization.yaml': 'resources:\n  - ./web/helmrelease.yaml\n  - https://github.com/example/sources//charts?ref=v1\n' } })).toEqual([]);
  });

  // Remote content may define a source the repository lacks, not move one the repository defines
  // (outside review: a release written beside its HelmRepository, moved to `traefik` by its folder's
  // `namespace:`, beside remote Longhorn manifests, which switched the check off).
  it('still says a source the repository defines is not where the release looks, beside a remote resource', async () => {
    const remote = 'resources:\n  - ./web/helmrelease.yaml\n  - https://github.com/example/sources//charts?ref=v1\n';
    const found = await check('chart-source-remote-apart', { source: 'bitnami', defined: ['bitnami'], extra: { 'apps/kustomization.yaml': remote, 'apps/web/helmrelease.yaml': helmRelease({ name: 'web', namespace: 'web', source: 'bitnami' }).replace('        namespace: flux-system\n', '') } });
    expect(found.map((f) => f.source.file)).toEqual(['apps/web/helmrelease.yaml']);
    expect(found[0]!.message).toContain("HelmRepository bitnami is in flux-system (clusters/prod/sources.yaml:1), and a sourceRef without a namespace means the HelmRelease's own, web.");
  });

  it("is silent for the bootstrap's own source and for what a ResourceSet may make", async () => {
    const fromGit = await check('chart-source-flux-system', {
      source: 'bitnami',
      defined: ['bitnami'],
      extra: { 'apps/web/helmrelease.yaml': helmRelease({ name: 'web', namespace: 'web' }).replace('kind: HelmRepository\n        name: charts', 'kind: GitRepository\n        name: flux-system') },
    });
    expect(fromGit).toEqual([]);
    const resourceSet = 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  inputs:\n    - repo: podinfo\n  resources:\n    - apiVersion: source.toolkit.fluxcd.io/v1\n      kind: HelmRepository\n      metadata:\n        name: charts-<< inputs.repo >>\n        namespace: flux-system\n      spec:\n        url: https://charts.example.org\n';
    expect(await check('chart-source-resourceset', { source: 'charts-podinfo', defined: ['bitnami'], extra: { 'clusters/prod/charts.yaml': resourceSet } })).toEqual([]);
  });
});
