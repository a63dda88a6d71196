/**
 * NOT_DEPLOYED says why, and the why must be the app's (seventh round of outside-corpus.md):
 * - an app of a Kustomization nothing reaches said "Not listed in .../kustomization.yaml ... patch.yaml",
 *   a stray file among the objects its build makes: the reason is the Kustomization's;
 * - "Commented out in ... ("../_base")" where the same file still lists `../_base` as a component;
 * - a copy of a deployed app (an old file beside the one Flux applies) read "cert-manager/cert-manager-not-deployed
 *   is not deployed", as if the app did not run: it is named as the copy, and where the app is deployed is said.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('not-deployed-reasons');
afterAll(remove);

const release = (name: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`;

describe('reasons of NOT_DEPLOYED', async () => {
  for (const cluster of ['home', 'lab']) {
    put(`clusters/${cluster}/flux-system/kustomization.yaml`, 'resources:\n  - gotk-sync.yaml\n');
    put(`clusters/${cluster}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${cluster}`));
    put(`clusters/${cluster}/kustomization.yaml`, 'resources:\n  - flux-system\n  - infra.yaml\n  - shop.yaml\n');
    put(`clusters/${cluster}/infra.yaml`, fluxKustomization('infra', './infra'));
    put(`clusters/${cluster}/shop.yaml`, fluxKustomization('shop', './shop'));
  }
  // A profile no cluster uses, whose file still lists its base as a component below a commented-out old version.
  put('profiles/staging/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncomponents:\n  - ../base\n# components:\n#   - ../base\n');
  put('profiles/base/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - tools.yaml\n');
  put('profiles/base/tools.yaml', fluxKustomization('tools', './tools'));
  put('tools/kustomization.yaml', 'resources:\n  - job.yaml\n');
  put('tools/job.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tools\n  namespace: default\n');
  // The deployed release, and an old file of it beside the one Flux applies.
  put('infra/kustomization.yaml', 'resources:\n  - cert-manager/release.yaml\n');
  put('infra/cert-manager/release.yaml', release('cert-manager'));
  put('old/cert-manager.yaml', release('cert-manager'));
  // A second Kustomization file of the shop at the top of the repository, which nothing applies; the
  // shop's folder holds a patch file its kustomization.yaml does not list.
  put('orphan.yaml', fluxKustomization('shop', './shop'));
  put('shop/web/kustomization.yaml', 'resources:\n  - configmap.yaml\n');
  put('shop/web/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\n');
  put('shop/web/patch.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\ndata:\n  a: b\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const said = Object.fromEntries(model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => [f.source.file, f.message]));

  it("an unreached Kustomization's app: the Kustomization's reason, not a stray file's", () => {
    expect(said['orphan.yaml']).toMatch(/is not deployed: No Flux Kustomization reached from a cluster root deploys it/);
    expect(said['orphan.yaml']).not.toMatch(/patch\.yaml/);
  });

  it('an entry commented out where the same target is still listed took nothing away', () => {
    // (The top of the build that takes it in is named: profiles/staging lists profiles/base as a component.)
    expect(said['profiles/base/tools.yaml']).toBe("default/tools is not deployed: No Flux Kustomization reached from a cluster root deploys it: its folder is part of the kustomize build of profiles/staging, which no Flux Kustomization of this repository builds (one made outside it, by a cluster's Flux extension or a bootstrap, may). Its manifests are not checked.");
  });

  it('a copy of a deployed app is named as the copy, with where the app is deployed', () => {
    expect(said['old/cert-manager.yaml']).toBe(
      'The copy of cert-manager/cert-manager in old/cert-manager.yaml is not deployed: No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder). The app itself is deployed: home/cert-manager/cert-manager (infra/cert-manager/release.yaml), lab/cert-manager/cert-manager (infra/cert-manager/release.yaml). The copy\'s manifests are not checked.',
    );
  });
});

/**
 * A Kustomization not deployed, in a folder whose name a live app has, is known by its own name
 * (`cert-manager-resources` beside the live `cert-manager`), not as `cert-manager-not-deployed`, which
 * read as the live app's copy (outside review). Where its own name is taken too, the suffix follows it.
 */
describe('the id of an app not deployed beside a live one of its folder name', async () => {
  const repo = tempRepo('not-deployed-own-name');
  afterAll(repo.remove);
  repo.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
  repo.put('clusters/main/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - apps.yaml\n');
  repo.put('clusters/main/apps.yaml', fluxKustomization('cert-manager', './clusters/main/infra/cert-manager'));
  // Not listed: Flux applies neither. Both build a folder named cert-manager.
  repo.put('clusters/main/cert-manager-resources.yaml', fluxKustomization('cert-manager-resources', './clusters/main/resources/cert-manager'));
  repo.put('clusters/main/old-resources.yaml', fluxKustomization('cert-manager-resources', './clusters/main/old/cert-manager'));
  for (const dir of ['infra', 'resources', 'old']) repo.put(`clusters/main/${dir}/cert-manager/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${dir}\n  namespace: cert-manager\n`);
  const { model } = await scanRepo(repo.root, parseConfig({}));

  it('is its own Kustomization name, then that name with the suffix', () => {
    const idOf = (file: string) => model.apps.find((a) => a.kustomizations.some((k) => model.kustomizations.find((x) => x.id === k)?.source.file === file))?.id;
    expect(idOf('clusters/main/apps.yaml')).toBe('cert-manager/cert-manager');
    expect([idOf('clusters/main/cert-manager-resources.yaml'), idOf('clusters/main/old-resources.yaml')].sort()).toEqual(['cert-manager/cert-manager-resources', 'cert-manager/cert-manager-resources-not-deployed']);
  });
});

/**
 * A folder a Flux Kustomization's path takes in, where that Kustomization is not applied itself (its
 * file left out of the cluster's kustomization.yaml): the reason was "nothing includes its folder",
 * which is false; it is the Kustomization's, named with it (outside review, a public homelab).
 */
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('an app built by a Kustomization that is not applied', async () => {
  const repo = tempRepo('not-deployed-chain');
  afterAll(repo.remove);
  repo.put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  repo.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  // apps-kustomization.yaml is not listed: Flux never applies the `apps` Kustomization.
  repo.put('clusters/home/kustomization.yaml', 'resources:\n  - flux-system\n');
  repo.put('clusters/home/apps-kustomization.yaml', fluxKustomization('apps', './apps'));
  repo.put('apps/kustomization.yaml', 'resources:\n  - budget\n  - reader\n');
  for (const app of ['budget', 'reader']) {
    repo.put(`apps/${app}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
    repo.put(`apps/${app}/deployment.yaml`, deployment(app));
  }
  const { model } = await scanRepo(repo.root, parseConfig({}));
  const said = Object.fromEntries(model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => [f.source.file, f.message]));

  it("names the Kustomization that builds it and that Kustomization's own reason", () => {
    const budget = model.apps.find((a) => a.dir === 'apps/budget')!;
    expect(budget.notDeployed).toBe(
      'Built by Flux Kustomization flux-system/apps (clusters/home/apps-kustomization.yaml:1), which is not deployed itself: Not listed in clusters/home/kustomization.yaml: Flux builds this folder from that kustomization.yaml, whose resources do not name apps-kustomization.yaml, so Flux does not apply it.',
    );
    expect(said['apps/budget/deployment.yaml']).not.toMatch(/nothing includes its folder/);
  });
});

/**
 * Two copies of one release that neither is deployed (a tenant's values patch copied into each
 * environment's folder) were `apps/podinfo` and `apps/podinfo-not-deployed`: the suffix said of one
 * what is true of both. The folder that tells them apart names the second (outside review).
 */
describe('two not-deployed apps of one name', () => {
  const repo = tempRepo('not-deployed-twins');
  afterAll(repo.remove);

  it('are told apart by their folders, not by a state word', async () => {
    repo.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    repo.put('clusters/prod/infra.yaml', fluxKustomization('infra', './infra'));
    repo.put('infra/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: default\n');
    for (const env of ['production', 'staging']) repo.put(`tenants/${env}/podinfo-values.yaml`, release('podinfo').replace('namespace: podinfo', 'namespace: apps'));
    const { model } = await scanRepo(repo.root, parseConfig({}));
    const ids = model.apps.filter((a) => a.name.startsWith('podinfo')).map((a) => a.id).sort();
    expect(ids).toEqual(['apps/podinfo', 'apps/podinfo-staging']);
    expect(model.apps.filter((a) => a.name.startsWith('podinfo')).every((a) => a.notDeployed !== null)).toBe(true);
  });
});
