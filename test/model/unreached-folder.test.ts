/**
 * A folder with a kustomization.yaml that its parent's list leaves out (`production/omni` beside the
 * listed `production/shop`) gets one NOT_DEPLOYED note on its kustomization.yaml. Its listed files
 * said nothing and its unlisted ones were "not listed in" the folder's own kustomization.yaml (a
 * public repository), which read as if the rest were applied. Not claimed: a kustomize Component, and
 * a folder with nothing deployed above it (applied by hand at bootstrap).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('unreached-folder');
afterAll(remove);

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: production\ndata:\n  a: b\n`;

describe('a folder its parent does not list', () => {
  it('has one note on its kustomization.yaml and none per file', async () => {
    put('clusters/delta/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/delta'));
    put('clusters/delta/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system\n  - production\n');
    put('clusters/delta/production/kustomization.yaml', 'resources:\n  - shop\n');
    put('clusters/delta/production/shop/kustomization.yaml', 'resources:\n  - shop.yaml\ncomponents:\n  - ../../../../components/extra\n');
    put('clusters/delta/production/shop/shop.yaml', cm('shop'));
    put('clusters/delta/production/omni/kustomization.yaml', 'resources:\n  - a.yaml\n  - b.yaml\n');
    put('clusters/delta/production/omni/a.yaml', cm('omni-a'));
    put('clusters/delta/production/omni/b.yaml', cm('omni-b'));
    put('clusters/delta/production/omni/c.yaml', cm('omni-c'));
    put('components/extra/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n');
    put('components/extra/extra.yaml', cm('extra'));
    put('components/unused/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - unused.yaml\n');
    put('components/unused/unused.yaml', cm('unused'));
    put('bootstrap/crds/kustomization.yaml', 'resources:\n  - crd.yaml\n');
    put('bootstrap/crds/crd.yaml', cm('by-hand'));
    const { model } = await scanRepo(root, parseConfig({}));
    const notes = model.findings.filter((f) => f.code === 'NOT_DEPLOYED');
    expect(notes.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['clusters/delta/production/omni/kustomization.yaml:1']);
    expect(notes[0]!.message).toBe(
      "clusters/delta/production/omni is not deployed: no kustomization.yaml that a Flux build reaches lists the folder, and it is no Flux Kustomization's path, so Flux applies none of its 3 files. Its manifests are not checked.",
    );
  });
});

describe('a one-file folder its parent does not list', () => {
  const r = tempRepo('unreached-one-file');
  afterAll(r.remove);

  it('says Flux does not apply its one file (it said "applies its one file")', async () => {
    r.put('clusters/delta/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/delta'));
    r.put('clusters/delta/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n');
    r.put('clusters/delta/upgrade/kustomization.yaml', 'resources:\n  - plan.yaml\n');
    r.put('clusters/delta/upgrade/plan.yaml', cm('plan'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.message)).toEqual([
      "clusters/delta/upgrade is not deployed: no kustomization.yaml that a Flux build reaches lists the folder, and it is no Flux Kustomization's path, so Flux does not apply its one file. Its manifests are not checked.",
    ]);
  });
});

describe('a folder a ResourceSet may deploy', () => {
  const r = tempRepo('unreached-resourceset');
  afterAll(r.remove);

  it('is not claimed: the ResourceSet makes Kustomizations from templates the model does not expand', async () => {
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - tenants.yaml\n  - apps\n');
    r.put('clusters/main/tenants.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: tenants\n  namespace: flux-system\nspec:\n  inputs:\n    - name: team-a\n  resources:\n    - apiVersion: kustomize.toolkit.fluxcd.io/v1\n      kind: Kustomization\n      metadata:\n        name: << inputs.name >>\n        namespace: flux-system\n      spec:\n        path: ./tenants/<< inputs.name >>\n        sourceRef:\n          kind: GitRepository\n          name: flux-system\n');
    r.put('clusters/main/apps/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('clusters/main/apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
    r.put('clusters/main/team-a/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('clusters/main/team-a/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-a\n  namespace: team-a\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });
});

describe("a folder inside a deployed app's folder that the app's kustomization.yaml does not list", () => {
  const r = tempRepo('unreached-in-app');
  afterAll(r.remove);

  it('has its note, and its release is not shown as running in the app (an outside review found its chart on the page)', async () => {
    r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    r.put('clusters/home/bob.yaml', fluxKustomization('bob', './apps/bob'));
    // The list names the chart's source only; app/ with the release is listed by nothing.
    r.put('apps/bob/kustomization.yaml', 'namespace: bob\nresources:\n  - source.yaml\n');
    r.put('apps/bob/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: podinfo\n  namespace: bob\nspec:\n  interval: 10m\n  url: https://charts.example.org/podinfo\n');
    r.put('apps/bob/app/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/bob/app/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: bob\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: podinfo\n      version: 6.5.0\n      sourceRef:\n        kind: HelmRepository\n        name: podinfo\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file)).toEqual(['apps/bob/app/kustomization.yaml']);
    const app = model.apps.find((a) => a.name === 'bob')!;
    expect(app.notDeployed).toBeNull();
    expect(model.helmReleases.map((h) => [h.name, h.appId, h.disabled])).toEqual([['podinfo', app.id, 'unlisted']]);
  });
});

describe("a cluster root's own folder its build does not list", () => {
  const r = tempRepo('unreached-root-folder');
  afterAll(r.remove);

  it('is no unreached folder: the root is applied at bootstrap (a review saw it switched off)', async () => {
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - apps.yaml\n');
    r.put('clusters/prod/apps.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.kustomizations.find((k) => k.isRoot)?.disabled).toBeNull();
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED' && f.source.file.includes('flux-system'))).toEqual([]);
  });
});
