/**
 * NAMESPACE_MISSING stays silent where something the check cannot see may create the namespace, and
 * speaks where nothing can. Pinned here: a live Kustomization of another repository's GitRepository
 * and a kustomization.yaml's remote component (either may create any namespace), a ResourceSet whose
 * template makes Namespaces of a matching name, a live Namespace whose name is an unresolved variable
 * (silent for its own cluster only); a commented-out namespace.yaml creates nothing, and a namespace
 * another cluster's build makes is named in the message ("the build of prod does"). Each silence is
 * shown against the same repository without it, where the warning is there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { readPreinstalled } from '../../src/repo/bootstrap-read.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const configMap = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b\n`;

async function missing(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  const preinstalled = await readPreinstalled(root, model.files);
  return analyse(model, config, { preinstalled }).findings.filter((f) => f.code === 'NAMESPACE_MISSING');
}

describe('NAMESPACE_MISSING where something outside the check may create the namespace', () => {
  const repo = tempRepos(afterAll);

  it('is silent where a live Kustomization builds another repository (its build may make any namespace)', async () => {
    const r = repo('ns-external-source');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
    r.put('apps/cm.yaml', configMap('settings', 'platform'));
    // Without the other repository: nothing makes `platform`.
    expect((await missing(r.root)).map((f) => f.source.file)).toEqual(['apps/cm.yaml']);
    r.put(
      'clusters/home/platform.yaml',
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: platform\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/platform\n  ref:\n    branch: main\n---\n' +
        fluxKustomization('platform', './deploy').replace('name: flux-system\n', 'name: platform\n'),
    );
    expect(await missing(r.root)).toEqual([]);
  });

  it('is silent where a deployed kustomization.yaml takes a remote component', async () => {
    const r = repo('ns-remote-component');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
    r.put('apps/cm.yaml', configMap('settings', 'observability'));
    expect((await missing(r.root)).map((f) => f.source.file)).toEqual(['apps/cm.yaml']);
    r.put('apps/kustomization.yaml', 'resources:\n  - ./cm.yaml\ncomponents:\n  - https://github.com/example/components//observability?ref=v1.2.0\n');
    expect(await missing(r.root)).toEqual([]);
  });

  it('is silent for a namespace a live ResourceSet template makes by name, not for another', async () => {
    const r = repo('ns-resourceset');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./tenants.yaml\n  - ./cm.yaml\n  - ./other.yaml\n');
    r.put(
      'apps/tenants.yaml',
      [
        'apiVersion: fluxcd.controlplane.io/v1',
        'kind: ResourceSet',
        'metadata:',
        '  name: tenants',
        '  namespace: flux-system',
        'spec:',
        '  inputs:',
        '    - name: x',
        '  resourcesTemplate: |',
        '    apiVersion: v1',
        '    kind: Namespace',
        '    metadata:',
        '      name: app-<< inputs.name >>',
        '',
      ].join('\n'),
    );
    r.put('apps/cm.yaml', configMap('settings', 'app-x'));
    r.put('apps/other.yaml', configMap('settings', 'tools'));
    expect((await missing(r.root)).map((f) => f.source.file)).toEqual(['apps/other.yaml']);
  });

  it('is silent for a cluster that applies a Namespace named by an unresolved variable, not for another cluster', async () => {
    const r = repo('ns-unknown-name');
    for (const c of ['prod', 'lab']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
    }
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./cm.yaml\n');
    r.put('apps/prod/namespace.yaml', namespace('"${NS}"'));
    r.put('apps/prod/cm.yaml', configMap('settings', 'foo'));
    r.put('apps/lab/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
    r.put('apps/lab/cm.yaml', configMap('settings', 'foo'));
    const found = await missing(r.root);
    expect(found.map((f) => f.source.file)).toEqual(['apps/lab/cm.yaml']);
    expect(found[0]!.message).toContain('Namespace foo (cluster lab)');
  });
});

describe('NAMESPACE_MISSING where nothing in the cluster makes it', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where the namespace.yaml is commented out', async () => {
    const r = repo('ns-commented');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./cm.yaml\n');
    r.put('apps/namespace.yaml', '# apiVersion: v1\n# kind: Namespace\n# metadata:\n#   name: games\n');
    r.put('apps/cm.yaml', configMap('minecraft', 'games'));
    const found = await missing(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/cm.yaml']);
    expect(found[0]!.message).toContain('Namespace games is created by nothing in the repository');
  });

  it('says which other cluster build makes it', async () => {
    const r = repo('ns-other-cluster');
    for (const c of ['prod', 'lab']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
    }
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./cm.yaml\n');
    r.put('apps/prod/namespace.yaml', namespace('blog'));
    r.put('apps/prod/cm.yaml', configMap('blog', 'blog'));
    r.put('apps/lab/kustomization.yaml', 'resources:\n  - ./cm.yaml\n');
    r.put('apps/lab/cm.yaml', configMap('blog', 'blog'));
    const found = await missing(r.root);
    expect(found.map((f) => f.source.file)).toEqual(['apps/lab/cm.yaml']);
    expect(found[0]!.message).toContain('Namespace blog (cluster lab) is created by nothing cluster lab applies (the build of prod does), but ConfigMap blog is applied into it');
  });
});
