import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * A configMapGenerator makes `web-values-<hash>` unless told otherwise, and kustomize renames the
 * references to it only in the fields its nameReference rules know, none of them a HelmRelease's
 * valuesFrom: helm-controller then finds no ConfigMap `web-values` (checked with `kubectl kustomize`).
 * Flux's documentation adds a kustomizeconfig.yaml (`configurations:`) with a nameReference for
 * spec/valuesFrom/name. The model took the generator's name as found either way.
 */
describe('valuesFrom a generated ConfigMap with a hash suffix', () => {
  const repo = tempRepos(afterAll);
  const scan = async (kustomization: string, extra: Record<string, string> = {}, valuesFrom = '  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n', generatorExtra = '') => {
    const r = repo('values-hashed');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }).replace('spec:\n', `spec:\n${valuesFrom}`));
    r.put('apps/web/values.yaml', 'replicaCount: 2\n');
    r.put('apps/web/kustomization.yaml', `resources:\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: web-values\n    files:\n      - values.yaml=values.yaml\n${generatorExtra}${kustomization}`);
    for (const [path, text] of Object.entries(extra)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return { findings: model.findings.filter((f) => f.code === 'VALUES_FROM_HASHED').map((f) => [f.severity, `${f.source.file}:${f.source.line}`]), replicas: (model.helmReleases[0]?.values as { replicaCount?: number } | undefined)?.replicaCount };
  };

  it('is a warning at the valuesFrom entry; the values are still shown', async () => {
    expect(await scan('')).toEqual({ findings: [['warning', 'apps/web/helmrelease.yaml:8']], replicas: 2 });
  });

  it('is nothing with disableNameSuffixHash, or with a configurations: nameReference for valuesFrom', async () => {
    expect((await scan('generatorOptions:\n  disableNameSuffixHash: true\n')).findings).toEqual([]);
    // generatorOptions' true wins over the generator's own false (checked with kubectl kustomize).
    expect((await scan('generatorOptions:\n  disableNameSuffixHash: true\n', {}, undefined, '    options:\n      disableNameSuffixHash: false\n')).findings).toEqual([]);
    const config = 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n';
    expect((await scan('configurations:\n  - kustomizeconfig.yaml\n', { 'apps/web/kustomizeconfig.yaml': config })).findings).toEqual([]);
  });

  it('is nothing where the valuesFrom entry is optional', async () => {
    expect((await scan('', {}, '  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n      optional: true\n')).findings).toEqual([]);
  });
});

describe('valuesFrom a hashed generator, with the nameReference in a base', () => {
  const repo = tempRepos(afterAll);

  it('is renamed: kustomize merges the configurations of what a kustomization includes (checked with kubectl kustomize)', async () => {
    const r = repo('values-hashed-base-config');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - namespace.yaml\nconfigurations:\n  - kustomizeconfig.yaml\n');
    r.put('apps/base/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
    r.put('apps/base/kustomizeconfig.yaml', 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n');
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ../base\n  - helmrelease.yaml\nconfigMapGenerator:\n  - name: web-values\n    files:\n      - values.yaml\n');
    r.put('apps/web/values.yaml', 'replicaCount: 2\n');
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }).replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'VALUES_FROM_HASHED')).toEqual([]);
  });
});

/**
 * helm-controller reads valuesFrom in the release's own namespace
 * (https://fluxcd.io/flux/components/helm/helmreleases/#values-references). A secretGenerator in a
 * sibling folder that a parent kustomization builds with the release makes `settings-<hash>` in its
 * own folder's namespace: `kubectl kustomize apps` gives Secret settings-<hash> in namespace shop and
 * the release in namespace blog, so it is not the Secret the blog release reads, which an
 * ExternalSecret beside it makes. The lookup took the nearest generator by folder and name alone.
 */
describe('valuesFrom a Secret, with a hashed secretGenerator of that name elsewhere', () => {
  const repo = tempRepos(afterAll);
  const scan = async (shopNamespace: string, blogExtra: Record<string, string> = {}, blogResources = '[helmrelease.yaml, externalsecret.yaml]') => {
    const r = repo('values-hashed-sibling');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources: [shop, blog]\n');
    r.put('apps/shop/kustomization.yaml', `namespace: ${shopNamespace}\nsecretGenerator:\n  - name: settings\n    literals: [MODE=fast]\n`);
    r.put('apps/blog/kustomization.yaml', `namespace: blog\nresources: ${blogResources}\n`);
    r.put('apps/blog/helmrelease.yaml', helmRelease({ name: 'blog' }).replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: Secret\n      name: settings\n'));
    r.put('apps/blog/externalsecret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: blog-settings\nspec:\n  refreshInterval: 1h\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  target: {name: settings}\n  dataFrom:\n    - extract: {key: blog}\n');
    for (const [path, text] of Object.entries(blogExtra)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'VALUES_FROM_HASHED').map((f) => `${f.source.file}:${f.source.line}`);
  };

  it("is nothing where the generator makes its Secret in another namespace than the release's", async () => {
    expect(await scan('shop')).toEqual([]);
  });

  it('is nothing where an ExternalSecret makes a Secret of that name in the release\'s namespace, a generator there too', async () => {
    expect(await scan('blog')).toEqual([]);
  });

  it('is still a warning where the sibling generator makes it in the release\'s namespace and nothing else does', async () => {
    expect(await scan('blog', {}, '[helmrelease.yaml]')).toEqual(['apps/blog/helmrelease.yaml:7']);
  });

  it('is nothing for a generator of a folder no build with the release includes: the Secret is simply not in the repository', async () => {
    // Each Flux Kustomization builds its folder alone: no kustomize build holds both, so no
    // nameReference could rename the release's reference, and the release reads no generator's Secret.
    const r = repo('values-hashed-other-build');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('blog', './apps/blog') + '---\n' + fluxKustomization('shop', './apps/shop'));
    r.put('apps/shop/kustomization.yaml', 'namespace: blog\nsecretGenerator:\n  - name: settings\n    literals: [MODE=fast]\n');
    r.put('apps/blog/kustomization.yaml', 'namespace: blog\nresources: [helmrelease.yaml]\n');
    r.put('apps/blog/helmrelease.yaml', helmRelease({ name: 'blog' }).replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: Secret\n      name: settings\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'VALUES_FROM_HASHED')).toEqual([]);
    expect(model.helmReleases[0]?.valuesFrom).toEqual([{ kind: 'Secret', name: 'settings', valuesKey: null, found: false, line: 7 }]);
  });
});

/**
 * One base, two overlays each built by its own Flux Kustomization: `hashref` takes the base as it is,
 * `hashcfg` merges into its generator and adds a `configurations:` nameReference for valuesFrom. kustomize
 * adds the hashes and fixes the references once, at the end of one build, with that build's
 * configurations only: `kubectl kustomize apps/hashref` gives `valuesFrom.name: podinfo-values` beside
 * ConfigMap `podinfo-values-<hash>`, `apps/hashcfg` the hashed name in both. Outside review: the
 * sibling's nameReference hid hashref's warning, whichever overlay was listed first.
 */
describe('valuesFrom a hashed generator of a base, fixed in one overlay and not in its sibling', () => {
  const repo = tempRepos(afterAll);
  const config = 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n';
  const renaming = 'resources: [../../base/hr]\nconfigurations: [kustomizeconfig.yaml]\nconfigMapGenerator:\n  - name: podinfo-values\n    behavior: merge\n    literals:\n      - "extra.yaml=foo: bar"\n';
  const scan = async (overlays: readonly string[], hashcfg = renaming) => {
    const r = repo('values-hashed-overlays');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', overlays.map((o) => fluxKustomization(o, `./apps/${o}`, `  targetNamespace: ${o}\n`)).join('---\n'));
    r.put('base/hr/kustomization.yaml', 'resources: [repo.yaml, hr.yaml]\nconfigMapGenerator:\n  - name: podinfo-values\n    literals:\n      - "values.yaml=replicaCount: 1"\n');
    r.put('base/hr/repo.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: podinfo}\nspec: {interval: 1h, url: https://stefanprodan.github.io/podinfo}\n');
    r.put('base/hr/hr.yaml', helmRelease({ name: 'podinfo', source: 'podinfo' }).replace('        namespace: flux-system\n', '').replace('spec:\n', 'spec:\n  valuesFrom:\n    - kind: ConfigMap\n      name: podinfo-values\n'));
    r.put('apps/hashref/kustomization.yaml', 'resources: [../../base/hr]\n');
    r.put('apps/hashcfg/kustomization.yaml', hashcfg);
    r.put('apps/hashcfg/kustomizeconfig.yaml', config);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'VALUES_FROM_HASHED').map((f) => [`${f.source.file}:${f.source.line}`, /in the build of Kustomization (\S+) takes/.exec(f.message)?.[1] ?? null]);
  };

  it('is a warning for the overlay without the nameReference, in either order, naming its build', async () => {
    expect(await scan(['hashcfg', 'hashref'])).toEqual([['base/hr/hr.yaml:7', 'flux-system/hashref']]);
    expect(await scan(['hashref', 'hashcfg'])).toEqual([['base/hr/hr.yaml:7', 'flux-system/hashref']]);
  });

  it('is nothing where the one overlay deployed renames the reference; without a build named where every build misses it', async () => {
    expect(await scan(['hashcfg'])).toEqual([]);
    expect(await scan(['hashref'])).toEqual([['base/hr/hr.yaml:7', null]]);
  });

  it("is the same where the sibling's merge drops the hash (disableNameSuffixHash): that is its build's name only", async () => {
    const unhashed = 'resources: [../../base/hr]\nconfigMapGenerator:\n  - name: podinfo-values\n    behavior: merge\n    options:\n      disableNameSuffixHash: true\n    literals:\n      - "extra.yaml=foo: bar"\n';
    expect(await scan(['hashcfg', 'hashref'], unhashed)).toEqual([['base/hr/hr.yaml:7', 'flux-system/hashref']]);
  });
});
