import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import type { Finding } from '../../src/model/finding.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlVersion } from '../../scripts/corpus-check/kustomize-oracle.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const KUBECTL = kubectlVersion() !== null;

/** `kubectl kustomize DIR`'s error, or null when it builds. */
function kubectlError(dir: string, args: readonly string[] = []): string | null {
  try {
    execFileSync('kubectl', ['kustomize', ...args, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    return null;
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
}

/** A git work tree of the folder, everything added (git lists a link as one entry, not what it points to). */
function gitInit(root: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-C', root, '-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'init');
}

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: web\ndata:\n  mode: fast\n';

/**
 * Each field of a kustomization.yaml that names a file, with an entry naming one that is not there
 * (the line of that entry is the last line of the text). kustomize reads each while it builds and
 * stops ("evalsymlink failure ...: no such file or directory"); the kustomize-controller runs the
 * same library, so Flux applies nothing of the Kustomization. These were silent (a missing patch file
 * was a warning), though the build fails as a whole.
 */
const CASES: [string, string][] = [
  ['resource', 'resources:\n  - configmap.yaml\n  - service.yaml\n'],
  ['component', 'resources:\n  - configmap.yaml\ncomponents:\n  - ../../components/alerts\n'],
  ['configMapGenerator file', 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: web-values\n    files:\n      - values.yaml=helm-values.yaml\n'],
  ['configMapGenerator envs', 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: web-env\n    envs:\n      - web.env\n'],
  ['secretGenerator env', 'resources:\n  - configmap.yaml\nsecretGenerator:\n  - name: web-secret\n    env: secret.env\n'],
  ['configurations', 'resources:\n  - configmap.yaml\nconfigurations:\n  - kustomizeconfig.yaml\n'],
  ['crds', 'resources:\n  - configmap.yaml\ncrds:\n  - crd.yaml\n'],
  ['patches path', 'resources:\n  - configmap.yaml\npatches:\n  - path: patch.yaml\n'],
  ['patchesStrategicMerge', 'resources:\n  - configmap.yaml\npatchesStrategicMerge:\n  - patch.yaml\n'],
  ['patchesJson6902', 'resources:\n  - configmap.yaml\npatchesJson6902:\n  - target:\n      version: v1\n      kind: ConfigMap\n      name: settings\n    path: patch.yaml\n'],
  ['replacements', 'resources:\n  - configmap.yaml\nreplacements:\n  - path: replacement.yaml\n'],
  ['openapi', 'resources:\n  - configmap.yaml\nopenapi:\n  path: schema.json\n'],
  ['transformers', 'resources:\n  - configmap.yaml\ntransformers:\n  - labels.yaml\n'],
];

describe('a file a built kustomization.yaml names that is not in the repository', () => {
  const repo = tempRepos(afterAll);

  /**
   * The repository; unless `keeps` is false, another folder's generator reads a script that is there,
   * so the repository is known to keep such files (a copy of only its YAML would not).
   */
  const write = (name: string, kustomization: string, keeps = true) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/configmap.yaml', CONFIG_MAP);
    r.put('apps/web/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${kustomization}`);
    if (keeps) {
      r.put('apps/tools/kustomization.yaml', 'configMapGenerator:\n  - name: tools\n    files:\n      - backup.sh\n');
      r.put('apps/tools/backup.sh', '#!/bin/sh\necho backup\n');
    }
    return r;
  };
  const at = (findings: readonly Finding[], line: number) => findings.filter((f) => f.source.file === 'apps/web/kustomization.yaml' && f.source.line === line);

  for (const [field, kustomization] of CASES) {
    it(`stops the build (${field}): an error at the entry, once, and the app is not deployed`, async () => {
      const r = write(`file-missing-${field.replace(/\W+/g, '-')}`, kustomization);
      if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toMatch(/no such file or directory/);
      const { model } = await scanRepo(r.root, parseConfig({}));
      const line = kustomization.trimEnd().split('\n').length + 2;
      const here = at(model.findings, line);
      expect(here.map((f) => `${f.severity} ${f.code}`)).toEqual(['error KUSTOMIZE_FILE_MISSING']);
      expect(here[0]!.message).toMatch(/^Kustomization flux-system\/web cannot be built: .* (which|that) is not in the repository.* kustomize stops/);
      expect(model.apps.filter((a) => a.name === 'web').map((a) => a.notDeployed)).toEqual([expect.stringMatching(/Kustomization flux-system\/web cannot be built \(a file a kustomization\.yaml it builds names is not in the repository, apps\/web\/kustomization\.yaml:\d+\)/)]);
    });
  }

  it('in a copy that keeps no file generators read but YAML (an extract of the manifests), is judged for YAML files and folders alone', async () => {
    const kustomization = 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: web-scripts\n    files:\n      - run.sh\n      - values.yaml\n';
    const lines = async (root: string) => (await scanRepo(root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => f.source.line);
    // The script may be left out of such a copy; the YAML file would be in it.
    expect(await lines(write('file-missing-copy', kustomization, false).root)).toEqual([9]);
    // Where another generator's script is there, the repository keeps them: this one is missing.
    expect(await lines(write('file-missing-whole', kustomization).root)).toEqual([8, 9]);
  });

  // Outside review: `files: [config/config.json]` beside a config.json of the folder itself (the entry names
  // config/config/config.json) in a repository whose generators read nothing else: kustomize stops, nothing was said.
  it('in a git work tree (every committed file is there), is judged for every file, not YAML alone', async () => {
    const kustomization = 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: web-config\n    files:\n      - config/config.json\n';
    const r = write('file-missing-git', kustomization, false);
    r.put('apps/web/config.json', '{}\n');
    const lines = async () => (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => f.source.line);
    // A copy of the folder (no git): the JSON file may have been left out of it.
    expect(await lines()).toEqual([]);
    gitInit(r.root);
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toMatch(/no such file or directory/);
    expect(await lines()).toEqual([8]);
  });

  it("never repeats a secretGenerator's entry: it may be a value written where a file belongs", async () => {
    const r = write('secret-literal-as-file', 'resources:\n  - configmap.yaml\nsecretGenerator:\n  - name: web-secret\n    files:\n      - password=hunter2\n      - hunter3\n    envs:\n      - hunter4\n');
    const found = (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(found.map((f) => f.source.line)).toEqual([8, 9, 11]);
    expect(found[0]!.message).toContain('The secretGenerator "web-secret" names a file for key "password", which is not in the repository');
    for (const f of found) expect(f.message).not.toMatch(/hunter/);
  });

  it("a file or folder that is a symbolic link: Flux's source-controller leaves links out of its artifact (kustomize itself follows them)", async () => {
    const r = write('symlinked', 'resources:\n  - configmap.yaml\n  - shared.yaml\n  - ./common\n');
    r.put('shared/shared.yaml', CONFIG_MAP.replace('settings', 'shared'));
    r.put('shared/common/kustomization.yaml', 'resources:\n  - common.yaml\n');
    r.put('shared/common/common.yaml', CONFIG_MAP.replace('settings', 'common'));
    symlinkSync('../../shared/shared.yaml', join(r.root, 'apps/web/shared.yaml'));
    symlinkSync('../../shared/common', join(r.root, 'apps/web/common'));
    gitInit(r.root);
    // kustomize follows the links (with Flux's load restrictor); the artifact would not have them.
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'), ['--load-restrictor', 'LoadRestrictionsNone'])).toBeNull();
    const found = (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(found.map((f) => [f.source.line, f.message.match(/apps\/web\/\S+ is a symbolic link/)?.[0]])).toEqual([
      [5, 'apps/web/shared.yaml is a symbolic link'],
      [6, 'apps/web/common is a symbolic link'],
    ]);
  });

  it("a file of a kind source-controller leaves out of every artifact by default (an image, an archive), unless spec.ignore replaces the list", async () => {
    const r = write('default-ignored', 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: web-assets\n    files:\n      - logo.png\n      - favicon.ico\nsecretGenerator:\n  - name: web-bundle\n    files:\n      - bundle.zip\n');
    r.put('apps/web/logo.png', 'not really a png\n');
    r.put('apps/web/favicon.ico', 'not really an icon\n');
    r.put('apps/web/bundle.zip', 'not really a zip\n');
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toBeNull();
    const found = (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(found.map((f) => f.source.line)).toEqual([8, 13]);
    expect(found[0]!.message).toContain("names apps/web/logo.png, which Flux's source-controller leaves out of the artifact by default");
    expect(found[0]!.message).toContain("set the GitRepository's spec.ignore, which replaces the default list");
    expect(found[1]!.message).toContain('The secretGenerator "web-bundle" names a file, which Flux\'s source-controller leaves out');
    expect(found[1]!.message).not.toContain('bundle.zip');
    // Another repository's GitRepository and its spec.ignore say nothing of this repository's artifact.
    r.put('clusters/prod/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: extra\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/extra\n  ignore: |\n    /docs\n');
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => f.source.line)).toEqual([8, 13]);
    // This repository's own GitRepository with spec.ignore replaces the default list: the image is in its artifact.
    r.put('clusters/prod/flux-system/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/fleet\n  ignore: |\n    /docs\n');
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
  });

  it('a file git ignores: in the work tree (kustomize on the checkout builds), never committed, so not in the artifact', async () => {
    const r = write('git-ignored', 'resources:\n  - configmap.yaml\n  - local.yaml\nconfigMapGenerator:\n  - name: web-values\n    files:\n      - values.yaml=helm-values.yaml\n');
    r.put('apps/web/local.yaml', CONFIG_MAP.replace('settings', 'local'));
    r.put('apps/web/helm-values.yaml', 'replicas: 2\n');
    r.put('.gitignore', 'local.yaml\nhelm-values.yaml\n');
    gitInit(r.root);
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toBeNull();
    const found = (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(found.map((f) => [f.severity, f.source.line, f.message.match(/names (\S+), which git ignores: it is in this work tree, but not committed/)?.[1]])).toEqual([
      ['error', 5, 'apps/web/local.yaml'],
      ['error', 9, 'apps/web/helm-values.yaml'],
    ]);
    // Outside git (a folder walked), nothing says the file is not committed.
    rmSync(join(r.root, '.git'), { recursive: true, force: true });
    expect((await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
  });

  it('a symbolic link in a folder Flux generates the kustomization.yaml for: not in the list, its object not applied', async () => {
    const r = repo('symlinked-generated');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/configmap.yaml', CONFIG_MAP);
    r.put('shared/shared.yaml', CONFIG_MAP.replace('settings', 'shared'));
    symlinkSync('../../shared/shared.yaml', join(r.root, 'apps/web/shared.yaml'));
    gitInit(r.root);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const owners = Object.fromEntries(model.objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.source.file, o.owner]));
    expect(owners).toEqual({ 'apps/web/configmap.yaml': 'Kustomization/flux-system/web', 'apps/web/shared.yaml': null, 'shared/shared.yaml': null });
  });

  it("a file a component of a Kustomization's spec.components names: Flux adds the component to the path's build, which stops", async () => {
    const r = repo('component-file-missing');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  components:\n    - ../../components/volsync\n'));
    r.put('apps/web/configmap.yaml', CONFIG_MAP);
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./claim.yaml\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => [f.severity, f.source.file, f.source.line])).toEqual([['error', 'components/volsync/kustomization.yaml', 4]]);
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed).toMatch(/^Kustomization flux-system\/web cannot be built \(a file a kustomization.yaml it builds names is not in the repository, components\/volsync\/kustomization.yaml:4\)/);
  });

  it('one error for a shared component that stops several Kustomizations, naming them all', async () => {
    const r = repo('component-file-missing-shared');
    bootstrap(r);
    for (const app of ['web', 'api', 'db']) {
      r.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`, `  targetNamespace: ${app}\n  components:\n    - ../../components/volsync\n`));
      r.put(`apps/${app}/configmap.yaml`, CONFIG_MAP);
    }
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./claim.yaml\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Kustomizations flux-system\/(web|api|db), flux-system\/(web|api|db) and flux-system\/(web|api|db) cannot be built: .* so Flux applies nothing of these Kustomizations\./);
    expect(model.apps.filter((a) => a.notDeployed?.includes('components/volsync/kustomization.yaml:4'))).toHaveLength(3);
  });

  it('a symbolic link that points outside the repository: not read, and missing from the artifact too', async () => {
    const r = write('symlinked-outside', 'resources:\n  - configmap.yaml\n  - outside.yaml\n');
    const outside = repo('outside-target');
    outside.put('outside.yaml', CONFIG_MAP.replace('settings', 'outside'));
    symlinkSync(join(outside.root, 'outside.yaml'), join(r.root, 'apps/web/outside.yaml'));
    gitInit(r.root);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'SYMLINK_OUTSIDE_REPO').map((f) => f.source.file)).toEqual(['apps/web/outside.yaml']);
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => [f.source.line, f.message.match(/apps\/web\/\S+ is a symbolic link/)?.[0]])).toEqual([[5, 'apps/web/outside.yaml is a symbolic link']]);
  });

  it('is silent where the file is there: a dotenv and a JSON schema (not YAML), a file the configuration leaves out', async () => {
    const r = write('file-present', 'resources:\n  - configmap.yaml\n  - extra/service.yaml\nconfigMapGenerator:\n  - name: web-env\n    envs:\n      - web.env\nopenapi:\n  path: schema.json\n');
    r.put('apps/web/web.env', 'MODE=fast\n');
    r.put('apps/web/schema.json', '{"definitions": {}}\n');
    r.put('apps/web/extra/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: web\nspec:\n  ports:\n    - port: 80\n');
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toBeNull();
    const { model } = await scanRepo(r.root, parseConfig({ exclude: ['apps/web/extra/**'] }));
    expect(model.findings.filter((f) => /MISSING$/.test(f.code) && f.source.file === 'apps/web/kustomization.yaml')).toEqual([]);
    expect(model.apps.filter((a) => a.notDeployed).map((a) => a.notDeployed)).toEqual([]);
  });

  it('is silent where the artifact Flux builds from may hold more than the folder read (included repositories, submodules), not where it holds less (ignores)', async () => {
    const kustomization = 'resources:\n  - configmap.yaml\n  - ../../vendor/shared/rbac.yaml\n';
    const missing = async (name: string, extra: Record<string, string>) => {
      const r = write(name, kustomization);
      for (const [path, text] of Object.entries(extra)) r.put(path, text);
      return (await scanRepo(r.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').length;
    };
    const gitRepository = (spec: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.org/fleet.git\n${spec}`;
    expect(await missing('artifact-plain', {})).toBe(1);
    // .sourceignore or spec.ignore only leave paths out: a file the tree lacks is missing from the artifact too.
    expect(await missing('artifact-sourceignore', { '.sourceignore': 'apps/_template/\n' })).toBe(1);
    expect(await missing('artifact-spec-ignore', { 'clusters/prod/flux-system/source.yaml': gitRepository('  ignore: |\n    /apps/_template/\n') })).toBe(1);
    // spec.include copies another repository into the artifact (vendor/shared here).
    expect(await missing('artifact-include', { 'clusters/prod/flux-system/source.yaml': gitRepository('  include:\n    - repository:\n        name: shared\n      fromPath: deploy\n      toPath: vendor/shared\n') })).toBe(0);
    // Submodules Flux fetches may not be checked out here.
    expect(await missing('artifact-submodule', { '.gitmodules': '[submodule "vendor/shared"]\n\tpath = vendor/shared\n\turl = https://example.org/shared.git\n' })).toBe(0);
  });

  it('reads one-line JSON transformers and upper-case URLs as kustomize does, and takes no Markdown as a kept generator file', async () => {
    const json = write('inline-json', 'resources:\n  - configmap.yaml\ntransformers:\n  - \'{"apiVersion":"builtin","kind":"NamespaceTransformer","metadata":{"name":"ns","namespace":"web"}}\'\n');
    if (KUBECTL) expect(kubectlError(join(json.root, 'apps/web'))).toBeNull();
    expect((await scanRepo(json.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
    // kustomize fetches `HTTPS://...` as it does `https://...` (no local file is looked for).
    const url = write('upper-case-url', 'resources:\n  - configmap.yaml\n  - HTTPS://example.org/x.yaml\n');
    expect((await scanRepo(url.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
    // Without a scheme it fetches github.com/... only: gitlab.com/... is a path of the repository to it.
    const gitlab = write('scheme-less-gitlab', 'resources:\n  - configmap.yaml\n  - gitlab.com/example/deploy//base?ref=v1.0.0\n');
    if (KUBECTL) expect(kubectlError(join(gitlab.root, 'apps/web'))).toMatch(/no such file or directory/);
    const said = (await scanRepo(gitlab.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING');
    expect(said.map((f) => f.source.line)).toEqual([5]);
    expect(said[0]!.message).toContain('has no scheme, so kustomize reads it as the path apps/web/gitlab.com/example/deploy/base of this repository');
    // A copy of the YAML and Markdown only: a generator that reads a README.md proves nothing of the scripts.
    const md = write('markdown-kept', 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: dashboards\n    files:\n      - dashboards/node.json\n', false);
    md.put('apps/docs/kustomization.yaml', 'configMapGenerator:\n  - name: docs\n    files:\n      - README.md\n');
    md.put('apps/docs/README.md', '# Docs\n');
    expect((await scanRepo(md.root, parseConfig({}))).model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
  });

  it('a listed folder that holds no YAML (a README.md alone) is a folder without kustomization.yaml, not missing', async () => {
    const r = write('folder-readme-only', 'resources:\n  - configmap.yaml\n  - ./docs-only\n');
    r.put('apps/web/docs-only/README.md', '# Nothing to deploy here yet\n');
    if (KUBECTL) expect(kubectlError(join(r.root, 'apps/web'))).toMatch(/unable to find one of 'kustomization.yaml'/);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.source.file === 'apps/web/kustomization.yaml').map((f) => `${f.severity} ${f.code} ${f.source.line}`)).toEqual(['error KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION 5']);
  });

  it('is no error for a kustomization.yaml no Flux build runs, nor for an OCI artifact (CI may write the file before it pushes)', async () => {
    const r = write('file-missing-unbuilt', 'resources:\n  - configmap.yaml\nconfigurations:\n  - kustomizeconfig.yaml\n');
    // Not listed by the root: clusters/prod/web.yaml now takes its path from an OCIRepository.
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web').replace('kind: GitRepository\n    name: flux-system', 'kind: OCIRepository\n    name: web-manifests'));
    r.put('apps/draft/kustomization.yaml', 'resources:\n  - configmap.yaml\nconfigMapGenerator:\n  - name: draft\n    files:\n      - draft.conf\n');
    r.put('apps/draft/configmap.yaml', CONFIG_MAP.replace('settings', 'draft'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING')).toEqual([]);
  });
});

/**
 * A missing entry a letter or two away from a file beside it is a typo: the finding names that file
 * (outside review: `sealed-secret-cloudlfare-token.yaml` listed, `sealed-secret-cloudflare-token.yaml`
 * there, reported apart as not deployed). Only one such file, and only names of five letters or more.
 */
describe('a missing entry that is a typo of a file beside it', () => {
  const repo = tempRepos(afterAll);

  it('names the file', async () => {
    const r = repo('file-missing-typo');
    bootstrap(r);
    r.put('clusters/prod/secrets.yaml', fluxKustomization('secrets', './secrets'));
    r.put('secrets/kustomization.yaml', 'resources:\n  - sealed-secret-cloudlfare-token.yaml\n  - other-missing.yaml\n');
    r.put('secrets/sealed-secret-cloudflare-token.yaml', CONFIG_MAP);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const messages = model.findings.filter((f) => f.code === 'KUSTOMIZE_FILE_MISSING').map((f) => f.message);
    expect(messages.find((m) => m.includes('cloudlfare'))).toContain('which is not in the repository (did you mean sealed-secret-cloudflare-token.yaml, beside it?)');
    expect(messages.find((m) => m.includes('other-missing'))).not.toContain('did you mean');
  });
});
