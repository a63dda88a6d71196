/**
 * source-controller packages a GitRepository's artifact without what its ignore rules leave out (the
 * `.sourceignore` files, its spec.ignore, else the default list), and kustomize-controller builds only
 * what the artifact holds. The scan builds this repository's own Kustomizations from that artifact:
 * a folder a `.sourceignore` names under a path whose kustomization.yaml Flux generates was shown as
 * deployed (reviewer's probe: `clusters/prod/apps/archive/` named in `.sourceignore`, `old-podinfo`
 * listed as active), and an entry or a path the rules leave out was no finding.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const gitRepository = (ignore: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@github.com/example/fleet\n  ref:\n    branch: main\n${ignore ? `  ignore: |\n${ignore.split('\n').filter(Boolean).map((l) => `    ${l}\n`).join('')}` : ''}`;

const release = (name: string, ns: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\n${helmRelease({ name, namespace: ns, chart: 'podinfo' })}`;

describe("a GitRepository artifact's ignore rules in the Flux builds of this repository", () => {
  const repo = tempRepos(afterAll);

  const scan = async (root: string) => (await scanRepo(root, parseConfig({}))).model;
  const appOf = (model: Awaited<ReturnType<typeof scan>>, name: string) => model.apps.find((a) => a.id === model.helmReleases.find((h) => h.name === name)?.appId);

  it('leaves a folder a root .sourceignore names out of the kustomization.yaml Flux generates for the path above it: its release is not deployed, and its app says why', async () => {
    const r = repo('sourceignore-generated');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', `${gitRepository('')}---\n${fluxKustomization('flux-system', './clusters/prod')}`);
    r.put('clusters/prod/charts.yaml', helmRepository('charts', 'https://stefanprodan.github.io/podinfo'));
    r.put('clusters/prod/apps/podinfo/release.yaml', release('podinfo', 'podinfo'));
    r.put('clusters/prod/apps/retired/old-podinfo.yaml', release('old-podinfo', 'old-podinfo'));
    r.put('.sourceignore', '# retired\nclusters/prod/apps/retired/\n');
    const model = await scan(r.root);
    expect(appOf(model, 'podinfo')?.notDeployed).toBeNull();
    expect(appOf(model, 'old-podinfo')?.notDeployed).toBe(
      'Not in Flux\'s artifact: `clusters/prod/apps/retired/` of .sourceignore:2 leaves clusters/prod/apps/retired/old-podinfo.yaml out of the artifact Flux builds from, so the build of Kustomization flux-system/flux-system (spec.path "./clusters/prod") does not take it in.',
    );
    // Without the .sourceignore, Flux's generated list takes it in.
    rmSync(join(r.root, '.sourceignore'));
    expect(appOf(await scan(r.root), 'old-podinfo')?.notDeployed).toBeNull();
  });

  it("stops the build at a file a kustomization.yaml names that a folder's own .sourceignore leaves out (kubectl kustomize of the artifact fails)", async () => {
    const r = repo('sourceignore-named');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - release.yaml\n  - secret.example.yaml\n');
    r.put('apps/web/release.yaml', release('web', 'web'));
    r.put('apps/web/secret.example.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-example\n  namespace: web\n');
    r.put('apps/.sourceignore', '*.example.yaml\n');
    const model = await scan(r.root);
    const missing = model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(missing.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error apps/web/kustomization.yaml:5']);
    expect(missing[0]!.message).toContain('names apps/web/secret.example.yaml, which `*.example.yaml` of apps/.sourceignore:1 leaves out of the artifact Flux builds from');
    expect(missing[0]!.message).toContain('Take the path out of that pattern');
    expect(appOf(model, 'web')?.notDeployed).toContain('Kustomization flux-system/web cannot be built');
    // The checkout builds; the artifact, without the file, does not.
    if (kubectlKustomize(join(r.root, 'apps/web')) !== 'absent') {
      expect(kubectlKustomize(join(r.root, 'apps/web'))).not.toBe('failed');
      rmSync(join(r.root, 'apps/web/secret.example.yaml'));
      expect(kubectlKustomize(join(r.root, 'apps/web'))).toBe('failed');
    }
  });

  it('says a spec.path the GitRepository\'s spec.ignore leaves out cannot be built ("kustomization path not found"), and what it holds is not deployed', async () => {
    const r = repo('spec-ignore-path');
    r.put('kubernetes/flux/gotk-sync.yaml', `${gitRepository('/*\n!/kubernetes\n')}---\n${fluxKustomization('flux-system', './kubernetes/flux')}`);
    r.put('kubernetes/flux/charts.yaml', helmRepository('charts', 'https://stefanprodan.github.io/podinfo'));
    r.put('kubernetes/flux/infra.yaml', fluxKustomization('infra', './infra'));
    r.put('infra/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - release.yaml\n');
    r.put('infra/release.yaml', release('ingress', 'ingress'));
    const model = await scan(r.root);
    const path = model.findings.filter((f) => f.code === 'FLUX_PATH_MISSING');
    expect(path.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error kubernetes/flux/infra.yaml:8']);
    expect(path[0]!.message).toContain('names infra, which `/*` of the spec.ignore of GitRepository flux-system/flux-system (kubernetes/flux/gotk-sync.yaml:11) leaves out of the artifact Flux builds from (every file of it)');
    expect(appOf(model, 'ingress')?.notDeployed).toContain('Kustomization flux-system/infra cannot be built (its spec.path is left out of the artifact by `/*` of the spec.ignore');
  });

  it('takes back with a later `!` of spec.ignore a file below a folder an earlier pattern left out, as source-controller does', async () => {
    const r = repo('spec-ignore-reinclude');
    r.put('kubernetes/flux/gotk-sync.yaml', `${gitRepository('/*\n!/kubernetes\n/kubernetes/apps/staging/\n!/kubernetes/apps/staging/shared.yaml\n')}---\n${fluxKustomization('flux-system', './kubernetes/flux')}`);
    r.put('kubernetes/flux/charts.yaml', helmRepository('charts', 'https://stefanprodan.github.io/podinfo'));
    r.put('kubernetes/flux/apps.yaml', fluxKustomization('apps', './kubernetes/apps'));
    r.put('kubernetes/apps/prod/web.yaml', release('web', 'web'));
    r.put('kubernetes/apps/staging/web-staging.yaml', release('web-staging', 'web-staging'));
    r.put('kubernetes/apps/staging/shared.yaml', release('shared', 'shared'));
    const model = await scan(r.root);
    expect(appOf(model, 'web')?.notDeployed).toBeNull();
    expect(appOf(model, 'shared')?.notDeployed).toBeNull();
    expect(appOf(model, 'web-staging')?.notDeployed).toContain('`/kubernetes/apps/staging/` of the spec.ignore of GitRepository flux-system/flux-system');
  });

  it("leaves .github/ out by default; a .sourceignore's pattern replaces that list, and Flux's generated list of the root then stops at a workflow", async () => {
    const r = repo('default-github');
    r.put('flux-system/gotk-sync.yaml', `${gitRepository('')}---\n${fluxKustomization('flux-system', './')}`);
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    r.put('.github/workflows/ci.yaml', 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n');
    const codes = async () => (await scan(r.root)).findings.filter((f) => f.source.file === '.github/workflows/ci.yaml' && f.code.startsWith('KUSTOMIZE_')).map((f) => `${f.code} ${f.severity}`);
    expect(await codes()).toEqual([]);
    r.put('.sourceignore', 'docs/\n');
    expect(await codes()).toEqual(['KUSTOMIZE_NOT_KUBERNETES_YAML error']);
  });
});
