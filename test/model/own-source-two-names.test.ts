import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { repositoryOf } from '../../src/repo/build/external-source.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

/**
 * cluster-template's older layout: gotk-sync.yaml's GitRepository `flux-system` (the root's source)
 * and, applied by the root, a GitRepository `home-kubernetes` with the same URL that every app
 * Kustomization uses. The app Kustomizations outnumber the root, so `home-kubernetes` was taken for
 * the repository's own source and the root's `flux-system` for another repository's artifact: all
 * the root applies (sources, settings, a plain Secret) was "unreferenced", charts had no repository,
 * and its findings were dropped. An outside review found it (albatrossflavour/home-ops).
 */
describe('one repository under two GitRepository names', () => {
  const repo = tempRepos(afterAll);
  const git = (name: string, url: string, branch: string | null = 'main') => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 30m\n${branch === null ? '' : `  ref:\n    branch: ${branch}\n`}  url: ${url}\n`;
  const ks = (name: string, path: string, source: string, extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 30m\n  path: ${path}\n  prune: true\n${extra}  sourceRef:\n    kind: GitRepository\n    name: ${source}\n`;

  const layout = async (name: string, appsUrl: string, appsBranch: string | null = 'main') => {
    const r = repo(name);
    r.put('kubernetes/flux/flux-system/gotk-sync.yaml', `${git('flux-system', 'ssh://git@github.com/example/home-ops')}---\n${ks('flux-system', './kubernetes/flux', 'flux-system')}`);
    r.put('kubernetes/flux/config/cluster.yaml', `${git('home-kubernetes', appsUrl, appsBranch)}---\n${ks('cluster-apps', './kubernetes/apps', 'home-kubernetes')}`);
    r.put('kubernetes/flux/repositories/charts.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.example.org\n');
    r.put('kubernetes/flux/settings/leaked.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: registry-creds\n  namespace: flux-system\nstringData:\n  password: s3cr3t-Passw0rd-123\n');
    r.put('kubernetes/apps/default/kustomization.yaml', 'resources:\n  - ./echo/ks.yaml\n  - ./web/ks.yaml\n');
    for (const app of ['echo', 'web']) {
      r.put(`kubernetes/apps/default/${app}/ks.yaml`, ks(app, `./kubernetes/apps/default/${app}/app`, 'home-kubernetes', '  targetNamespace: default\n'));
      r.put(`kubernetes/apps/default/${app}/app/helmrelease.yaml`, `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${app}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${app}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { model, findings: analyse(model, config).findings };
  };

  it('reads both names as this repository: the root applies its folder, and what it applies is checked', async () => {
    // The app Kustomizations read the same repository over HTTPS: still one repository.
    const { model, findings } = await layout('two-names', 'https://github.com/example/home-ops.git');
    expect(model.objects.filter((o) => o.source.file.startsWith('kubernetes/flux/') && o.kind !== 'Kustomization').map((o) => `${o.kind}/${o.name} ${o.owner}`).sort()).toEqual([
      'GitRepository/flux-system Kustomization/flux-system/flux-system',
      'GitRepository/home-kubernetes Kustomization/flux-system/flux-system',
      'HelmRepository/charts Kustomization/flux-system/flux-system',
      'Secret/registry-creds Kustomization/flux-system/flux-system',
    ]);
    expect(model.helmReleases.map((h) => h.chart.url)).toEqual(['https://charts.example.org', 'https://charts.example.org']);
    expect(findings.filter((f) => f.code === 'PLAIN_SECRET').map((f) => f.source.file)).toEqual(['kubernetes/flux/settings/leaked.yaml']);
  });

  it('reads a GitRepository of the same URL that names no ref (the default branch) as this repository too', async () => {
    // An outside review: the root's `flux-system` (branch main) was another artifact beside `cluster`
    // (no ref), and with one Kustomization external the source checks were off for the whole repository.
    const { model } = await layout('no-ref', 'https://github.com/example/home-ops.git', null);
    expect(model.objects.find((o) => o.kind === 'HelmRepository')?.owner).toBe('Kustomization/flux-system/flux-system');
    expect(model.kustomizations.find((k) => k.name === 'flux-system')?.externalSource).toBeUndefined();
  });

  it('keeps a GitRepository of the same URL but another branch another tree', async () => {
    const { model } = await layout('other-branch', 'https://github.com/example/home-ops.git', 'staging');
    expect(model.objects.find((o) => o.kind === 'HelmRepository')?.owner).toBeNull();
  });

  it('keeps a GitRepository of another URL another repository', async () => {
    const { model } = await layout('other-repository', 'https://github.com/example/apps.git');
    expect(model.kustomizations.find((k) => k.name === 'cluster-apps')?.externalSource).toBeUndefined();
    expect(model.objects.find((o) => o.kind === 'HelmRepository')?.owner).toBeNull();
  });

  it('compares Git URLs by host and path, whatever the scheme, user, port or .git', () => {
    const same = ['https://github.com/Example/Home-Ops.git', 'ssh://git@github.com/example/home-ops', 'git@github.com:example/home-ops.git', 'ssh://git@github.com:22/example/home-ops/', 'http://github.com/example/home-ops'];
    expect(new Set(same.map(repositoryOf))).toEqual(new Set(['github.com/example/home-ops']));
    expect(repositoryOf('https://gitlab.com/example/home-ops')).not.toBe(repositoryOf('https://github.com/example/home-ops'));
  });
});
