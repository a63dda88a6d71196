/**
 * VALUES_FROM_MISSING: a HelmRelease's valuesFrom names a ConfigMap or Secret that nothing in the
 * repository makes; helm-controller fails the release ("could not find ConfigMap"). Outside review:
 * spegel's `spegel-values` (home-ops makes it with a configMapGenerator beside the release; the slice had
 * lost it) got no finding and no line on the app page, which named no valuesFrom source at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ociRepository = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: spegel\nspec:\n  interval: 5m\n  ref:\n    tag: 0.3.0\n  url: oci://ghcr.io/spegel-org/helm-charts/spegel\n';
const release = (valuesFrom: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: spegel\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: spegel\n  valuesFrom:\n${valuesFrom}`;
const SPEGEL_VALUES = '    - kind: ConfigMap\n      name: spegel-values\n';

describe('VALUES_FROM_MISSING', () => {
  const repo = tempRepos(afterAll);

  /** home-ops' layout: kube-system/spegel/app with its own Flux Kustomization (targetNamespace kube-system). */
  const scan = async (valuesFrom: string, kustomization: string, extra: Record<string, string> = {}) => {
    const r = repo('values-from-missing');
    bootstrap(r, 'main');
    r.put('clusters/main/spegel.yaml', fluxKustomization('spegel', './kubernetes/apps/kube-system/spegel/app', '  targetNamespace: kube-system\n'));
    r.put('kubernetes/apps/kube-system/spegel/app/kustomization.yaml', kustomization);
    r.put('kubernetes/apps/kube-system/spegel/app/helmrelease.yaml', `${ociRepository}---\n${release(valuesFrom)}`);
    for (const [path, text] of Object.entries(extra)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'VALUES_FROM_MISSING').map((f) => `${f.severity} ${f.source.file}:${f.source.line} ${f.message}`);
    const app = model.apps.find((a) => a.name === 'spegel')!;
    return { found, facts: appFacts(model, app.id)! };
  };

  it('warns at the entry of a ConfigMap nothing makes, and the page says it is not defined', async () => {
    const { found, facts } = await scan(SPEGEL_VALUES, 'resources:\n  - ./helmrelease.yaml\n');
    expect(found).toEqual([expect.stringMatching(/^warning kubernetes\/apps\/kube-system\/spegel\/app\/helmrelease.yaml:21 HelmRelease kube-system\/spegel takes values from ConfigMap "spegel-values", which nothing in this repository makes .*could not find ConfigMap/)]);
    expect(facts.charts[0]!.valuesFrom).toEqual([{ kind: 'ConfigMap', name: 'spegel-values', optional: false, defined: false, ref: { file: 'kubernetes/apps/kube-system/spegel/app/helmrelease.yaml', line: 21 } }]);
  });

  it('is silent where a generator beside the release makes it, and the page names it, defined', async () => {
    const { found, facts } = await scan(SPEGEL_VALUES, 'resources:\n  - ./helmrelease.yaml\nconfigMapGenerator:\n  - name: spegel-values\n    files:\n      - values.yaml=./helm-values.yaml\ngeneratorOptions:\n  disableNameSuffixHash: true\n', {
      'kubernetes/apps/kube-system/spegel/app/helm-values.yaml': 'spegel:\n  containerdRegistryConfigPath: /etc/cri/conf.d/hosts\n',
    });
    expect(found).toEqual([]);
    expect(facts.charts[0]!.valuesFrom.map((v) => `${v.kind}/${v.name} ${v.defined}`)).toEqual(['ConfigMap/spegel-values true']);
  });

  it('says it of a Secret too, but not of an optional entry', async () => {
    const secret = '    - kind: Secret\n      name: spegel-auth\n    - kind: ConfigMap\n      name: spegel-extra\n      optional: true\n';
    const { found, facts } = await scan(secret, 'resources:\n  - ./helmrelease.yaml\n');
    expect(found.map((f) => f.slice(0, f.indexOf(' which')))).toEqual(['warning kubernetes/apps/kube-system/spegel/app/helmrelease.yaml:21 HelmRelease kube-system/spegel takes values from Secret "spegel-auth",']);
    expect(facts.charts[0]!.valuesFrom.map((v) => `${v.kind}/${v.name} ${v.optional} ${v.defined}`)).toEqual(['Secret/spegel-auth false false', 'ConfigMap/spegel-extra true false']);
  });

  /** A ConfigMap and a Secret of the names the release reads, kept in flux-system (a "shared values" folder), with `annotations` on both. */
  const shared = (annotations = '') => ({
    'clusters/main/shared.yaml': fluxKustomization('shared', './kubernetes/shared'),
    'kubernetes/shared/kustomization.yaml': 'resources:\n  - ./values.yaml\n  - ./auth.yaml\n',
    'kubernetes/shared/values.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-values\n  namespace: flux-system\n${annotations}data:\n  values.yaml: "replicas: 2"\n`,
    'kubernetes/shared/auth.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: spegel-auth\n  namespace: flux-system\n${annotations}stringData:\n  values.yaml: "password: x"\n`,
  });
  const fromShared = '    - kind: ConfigMap\n      name: shared-values\n    - kind: Secret\n      name: spegel-auth\n';

  it('says where it is of one only another namespace holds: helm-controller reads the release\'s own', async () => {
    const { found, facts } = await scan(fromShared, 'resources:\n  - ./helmrelease.yaml\n', shared());
    expect(found).toEqual([
      expect.stringMatching(/^warning kubernetes\/apps\/kube-system\/spegel\/app\/helmrelease.yaml:21 HelmRelease kube-system\/spegel takes values from ConfigMap "shared-values", which this repository makes only in namespace flux-system, not in kube-system, where helm-controller reads it: .*could not find ConfigMap.* Make it in kube-system/),
      expect.stringMatching(/^warning kubernetes\/apps\/kube-system\/spegel\/app\/helmrelease.yaml:23 HelmRelease kube-system\/spegel takes values from Secret "spegel-auth", which this repository makes only in namespace flux-system, not in kube-system/),
    ]);
    expect(facts.charts[0]!.valuesFrom.map((v) => `${v.kind}/${v.name} ${v.defined} ${v.definedOnlyIn}`)).toEqual(['ConfigMap/shared-values false flux-system', 'Secret/spegel-auth false flux-system']);
    // The Secrets the app uses say the same of spegel-auth.
    expect(facts.secrets.used.find((u) => u.name === 'spegel-auth')).toMatchObject({ defined: false, definedOnlyIn: ['flux-system'] });
  });

  it('is silent where a replicator copies it into the release\'s namespace (reflector annotations)', async () => {
    const reflector = '  annotations:\n    reflector.v1.k8s.emberstack.com/reflection-allowed: "true"\n    reflector.v1.k8s.emberstack.com/reflection-auto-enabled: "true"\n    reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces: "kube-system"\n';
    const { found, facts } = await scan(fromShared, 'resources:\n  - ./helmrelease.yaml\n', shared(reflector));
    expect(found).toEqual([]);
    expect(facts.charts[0]!.valuesFrom.map((v) => `${v.kind}/${v.name} ${v.defined}`)).toEqual(['ConfigMap/shared-values true', 'Secret/spegel-auth true']);
  });

  it('is silent where something the repository cannot see may make it, or the release is not deployed', async () => {
    // A remote resource its build puts in kube-system.
    expect((await scan(SPEGEL_VALUES, 'resources:\n  - ./helmrelease.yaml\n  - https://example.org/spegel/values.yaml\n')).found).toEqual([]);
    // A kustomize generator configuration, whose objects are not read here.
    expect((await scan(SPEGEL_VALUES, 'resources:\n  - ./helmrelease.yaml\ngenerators:\n  - ./values-generator.yaml\n', { 'kubernetes/apps/kube-system/spegel/app/values-generator.yaml': 'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: spegel-values\nliterals:\n  - values.yaml=a\n' })).found).toEqual([]);
    // The release is left out of its folder's kustomization.yaml: helm-controller never sees it.
    expect((await scan(SPEGEL_VALUES, 'resources: []\n')).found).toEqual([]);
  });
});
