import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * kustomize reads a kustomization.yaml only with its kind's apiVersion (v1beta1; v1alpha1 for a
 * Component) or none: `kustomize.config.k8s.io/v1beta1beta1` (a public repository's sed gone wrong)
 * stops the build, and Flux applies nothing of the Kustomization. `kubectl kustomize` is the oracle.
 */
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n';

function kubectlRefuses(dir: string): boolean | null {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (run.error) return null;
  return run.status !== 0 && /apiVersion for (Kustomization|Component) should be/.test(run.stderr);
}

describe("a listed kustomization.yaml's apiVersion", () => {
  const repo = tempRepos(afterAll);

  async function check(files: Record<string, string>) {
    const r = repo('kustomize-api-version');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { root: r.root, errors: analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZE_WRONG_API_VERSION').map((f) => `${f.source.file}:${f.source.line}`) };
  }

  it('that kustomize refuses stops the build', async () => {
    const bad = await check({ 'apps/kustomization.yaml': 'resources:\n  - git\n', 'apps/git/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n', 'apps/git/cm.yaml': cm });
    expect(kubectlRefuses(join(bad.root, 'apps')) ?? true).toBe(true);
    expect(bad.errors).toEqual(['apps/git/kustomization.yaml:1']);
    const component = await check({ 'apps/kustomization.yaml': 'components:\n  - comp\n', 'apps/comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources:\n  - cm.yaml\n', 'apps/comp/cm.yaml': cm });
    expect(kubectlRefuses(join(component.root, 'apps')) ?? true).toBe(true);
    expect(component.errors).toEqual(['apps/comp/kustomization.yaml:1']);
  });

  it('that is right, or left out, is fine', async () => {
    const ok = await check({ 'apps/kustomization.yaml': 'resources:\n  - git\n  - plain\n', 'apps/git/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n', 'apps/git/cm.yaml': cm, 'apps/plain/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'apps/plain/cm.yaml': cm.replace('name: a', 'name: b') });
    expect(kubectlRefuses(join(ok.root, 'apps')) ?? false).toBe(false);
    expect(ok.errors).toEqual([]);
  });
});

/**
 * Components kustomize refuses: one a Flux Kustomization's spec.components adds with a Kustomization's
 * apiVersion (read as strictly as one a kustomization.yaml lists), and a file named where a component
 * folder belongs ("must build at directory: file is not directory"). Outside review (home-ops
 * repositories): neither was said, and the objects were shown as deployed.
 */
describe('components kustomize refuses', () => {
  const repo = tempRepos(afterAll);
  async function check(files: Record<string, string>, spec = '') {
    const r = repo('kustomize-component-refused');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', spec));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const errors = analyse(model, config).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    // The ConfigMap the component adds, and whether the app that holds it is deployed.
    const b = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'b' && o.owner !== null);
    const deployed = b !== undefined && model.apps.find((a) => a.id === b.appId)?.notDeployed === null;
    // Why the app of the path's own ConfigMap is not deployed (null: it is).
    const a = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'a' && o.owner !== null);
    const held = model.apps.find((x) => x.id === a?.appId)?.notDeployed ?? null;
    return { root: r.root, errors, deployed, held };
  }
  const kubectlSays = (dir: string, what: RegExp): boolean | null => {
    const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    return run.error ? null : run.status !== 0 && what.test(run.stderr);
  };
  const component = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Component\nresources:\n  - cm.yaml\n`;
  const cmB = cm.replace('name: a', 'name: b');

  it("spec.components: a Component written with the Kustomization's apiVersion stops the build", async () => {
    const bad = await check({ 'apps/cm.yaml': cm, 'comp/kustomization.yaml': component('kustomize.config.k8s.io/v1beta1'), 'comp/cm.yaml': cmB }, '  components:\n    - ../comp\n');
    expect(bad.errors).toEqual(['KUSTOMIZE_WRONG_API_VERSION comp/kustomization.yaml:1']);
    // What Flux runs: the path's kustomization.yaml with the component added.
    const r = repo('kustomize-component-oracle');
    r.put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\ncomponents:\n  - ../comp\n');
    r.put('apps/cm.yaml', cm);
    r.put('comp/kustomization.yaml', component('kustomize.config.k8s.io/v1beta1'));
    r.put('comp/cm.yaml', cmB);
    expect(kubectlSays(join(r.root, 'apps'), /apiVersion for Component should be/) ?? true).toBe(true);
    const ok = await check({ 'apps/cm.yaml': cm, 'comp/kustomization.yaml': component('kustomize.config.k8s.io/v1alpha1'), 'comp/cm.yaml': cmB }, '  components:\n    - ../comp\n');
    expect(ok.errors).toEqual([]);
    expect(ok.deployed).toBe(true);
  });

  it('a file under components: stops the build, in a kustomization.yaml and in spec.components', async () => {
    const listed = await check({ 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\ncomponents:\n  - ../comp/cm.yaml\n', 'apps/cm.yaml': cm, 'comp/cm.yaml': cmB });
    expect(listed.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:4']);
    expect(kubectlSays(join(listed.root, 'apps'), /must build at directory/) ?? true).toBe(true);
    const flux = await check({ 'apps/cm.yaml': cm, 'comp/cm.yaml': cmB }, '  components:\n    - ../comp/cm.yaml\n');
    expect(flux.errors).toEqual(['KUSTOMIZE_FIELD_INVALID clusters/home/apps.yaml:14']);
    expect(flux.deployed).toBe(false);
  });

  // kustomize reads a folder under components: only as kind: Component, and one under resources: only
  // as a Kustomization; either way it stops, and Flux applies nothing (outside review: a component
  // folder written kind: Kustomization was not said, and every app was shown active).
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n';

  it('a folder under components: whose kustomization.yaml is kind Kustomization stops the build', async () => {
    const bad = await check({ 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\ncomponents:\n  - ../comp\n', 'apps/cm.yaml': cm, 'comp/kustomization.yaml': kustomization, 'comp/cm.yaml': cmB });
    expect(bad.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:4']);
    expect(bad.held).toMatch(/cannot be built.*under components: that is no Component/);
    expect(kubectlSays(join(bad.root, 'apps'), /expected kind 'Component' for path .* but got 'Kustomization'/) ?? true).toBe(true);
    // Without a kind, a kustomization file is a Kustomization too.
    const kindless = await check({ 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\ncomponents:\n  - ../comp\n', 'apps/cm.yaml': cm, 'comp/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'comp/cm.yaml': cmB });
    expect(kindless.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:4']);
    expect(kubectlSays(join(kindless.root, 'apps'), /expected kind 'Component'/) ?? true).toBe(true);
  });

  it('a folder under resources: whose kustomization.yaml is kind Component stops the build', async () => {
    const bad = await check({ 'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n  - ../comp\n', 'apps/cm.yaml': cm, 'comp/kustomization.yaml': component('kustomize.config.k8s.io/v1alpha1'), 'comp/cm.yaml': cmB });
    expect(bad.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:3']);
    expect(bad.held).toMatch(/cannot be built.*a Component under resources:/);
    expect(kubectlSays(join(bad.root, 'apps'), /expected kind != 'Component'/) ?? true).toBe(true);
  });

  it('spec.components: a folder whose kustomization.yaml is kind Kustomization stops the build, and its apps are not deployed', async () => {
    const r = repo('kustomize-component-kind');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  components:\n    - ../comp\n'));
    r.put('apps/cm.yaml', cm);
    r.put('comp/kustomization.yaml', kustomization);
    r.put('comp/cm.yaml', cmB);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_FIELD_INVALID clusters/home/apps.yaml:14']);
    const a = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'a' && o.owner !== null)!;
    expect(model.apps.find((x) => x.id === a.appId)?.notDeployed).toMatch(/cannot be built/);
    // What Flux runs: the path's kustomization.yaml with the component added.
    const oracle = repo('kustomize-component-kind-oracle');
    oracle.put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\ncomponents:\n  - ../comp\n');
    oracle.put('apps/cm.yaml', cm);
    oracle.put('comp/kustomization.yaml', kustomization);
    oracle.put('comp/cm.yaml', cmB);
    expect(kubectlSays(join(oracle.root, 'apps'), /expected kind 'Component'/) ?? true).toBe(true);
    // A folder without any kustomization.yaml stops it too (kustomize: "unable to find one of 'kustomization.yaml'").
    const plain = await check({ 'apps/cm.yaml': cm, 'comp/cm.yaml': cmB }, '  components:\n    - ../comp\n');
    expect(plain.errors).toEqual(['KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION clusters/home/apps.yaml:14']);
    expect(plain.held).toMatch(/cannot be built/);
    rmSync(join(oracle.root, 'comp/kustomization.yaml'));
    expect(kubectlSays(join(oracle.root, 'apps'), /unable to find one of 'kustomization.yaml'/) ?? true).toBe(true);
  });
});
