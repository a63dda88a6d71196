/**
 * valuesFrom a ConfigMap a base's configMapGenerator makes and an overlay's or a component's
 * generator of the same name changes (`behavior: merge` or `replace`). kustomize runs the generators
 * of a build in its order (a kustomization's resources, then its own generators, then its components,
 * v5.1 on; Flux appends spec.components to the path's list), and the object helm-controller reads
 * has the data after the last of them. The lookup read the base's generator alone: the overlay's
 * values were ignored (outside review, D-probe-merge and D-probe-merge4). The oracle is kubectl
 * kustomize of the path (with the Flux components written into its list).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const BASE_VALUES = 'grafana:\n  enabled: true\nprometheus:\n  retention: 7d\n';
const PROD_VALUES = 'grafana:\n  enabled: false\nprometheus:\n  retention: 30d\n';
const COMPONENT_VALUES = 'prometheus:\n  retention: 14d\n  replicas: 2\n';

/** The data of ConfigMap kps-values-<hash> the oracle builds of `dir`; undefined without kubectl. */
function oracleData(dir: string): Record<string, string> | undefined {
  const built = kubectlKustomize(dir);
  if (built === 'absent') return undefined;
  expect(built).not.toBe('failed');
  const objects = parseAllDocuments((built as { output: string }).output).map((d) => d.toJS() as { kind: string; metadata: { name: string }; data?: Record<string, string> });
  return objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('kps-values'))!.data ?? {};
}

describe('valuesFrom a generated ConfigMap that another generator of the build changes', () => {
  const repo = tempRepos(afterAll);

  /**
   * A release in apps/base reading `keys` of kps-values (each optional but the first), which the base
   * generates from values.yaml; apps/prod lists the base with `prod` (more of its kustomization.yaml)
   * and its values.yaml; Flux builds apps/prod with `fluxComponents`. Also written: apps/oracle, a copy
   * of apps/prod with the Flux components in its list.
   */
  const write = (name: string, prod: string, keys: readonly string[], fluxComponents: readonly string[] = [], files: Record<string, string> = {}) => {
    const r = repo(name);
    bootstrap(r);
    const components = fluxComponents.length === 0 ? '' : `  components:\n${fluxComponents.map((c) => `    - ../../components/${c}\n`).join('')}`;
    r.put('clusters/prod/apps.yaml', fluxKustomization('kps', './apps/prod', `  targetNamespace: monitoring\n${components}`));
    const valuesFrom = keys.map((k, i) => `    - kind: ConfigMap\n      name: kps-values\n      valuesKey: ${k}\n${i > 0 ? '      optional: true\n' : ''}`).join('');
    r.put('apps/base/hr.yaml', helmRelease({ name: 'kps', chart: 'kube-prometheus-stack' }).replace('spec:\n', `spec:\n  valuesFrom:\n${valuesFrom}`));
    r.put('apps/base/kustomization.yaml', 'resources: [hr.yaml]\nconfigMapGenerator:\n  - name: kps-values\n    files: [values.yaml]\ngeneratorOptions:\n  disableNameSuffixHash: true\n');
    r.put('apps/base/values.yaml', BASE_VALUES);
    const kustomization = `resources: [../base]\n${prod}`;
    r.put('apps/prod/kustomization.yaml', kustomization);
    r.put('apps/prod/values.yaml', PROD_VALUES);
    const oracleComponents = fluxComponents.length === 0 ? '' : `components:\n${fluxComponents.map((c) => `  - ../../components/${c}\n`).join('')}`;
    r.put('apps/oracle/kustomization.yaml', `${kustomization}${oracleComponents}`);
    r.put('apps/oracle/values.yaml', PROD_VALUES);
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    return r;
  };
  const releaseValues = async (root: string) => (await scanRepo(root, parseConfig({}))).model.helmReleases.find((h) => h.name === 'kps')!.values;
  /** The values helm-controller merges from the oracle's ConfigMap, key by key (these values are two levels deep). */
  const fromOracle = (data: Record<string, string>, keys: readonly string[]) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const k of keys) {
      if (data[k] === undefined) continue;
      for (const [top, v] of Object.entries(parse(data[k]) as Record<string, Record<string, unknown>>)) out[top] = { ...out[top], ...v };
    }
    return out;
  };

  it('takes the key an overlay’s merge adds', async () => {
    const keys = ['values.yaml', 'overlay-values.yaml'];
    const r = write('merge-adds', 'configMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [overlay-values.yaml=values.yaml]\n', keys);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ grafana: { enabled: false }, prometheus: { retention: '30d' } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) expect(fromOracle(data, keys)).toEqual(values);
  });

  it('takes the overlay’s value of a key the base’s generator also sets', async () => {
    const r = write('merge-overrides', 'configMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [values.yaml]\n', ['values.yaml']);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ grafana: { enabled: false }, prometheus: { retention: '30d' } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) expect(fromOracle(data, ['values.yaml'])).toEqual(values);
  });

  it('drops the base’s keys where the overlay replaces the object', async () => {
    const keys = ['values.yaml', 'overlay-values.yaml'];
    const r = write('replace', 'configMapGenerator:\n  - name: kps-values\n    behavior: replace\n    files: [overlay-values.yaml=values.yaml]\n', keys);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ grafana: { enabled: false }, prometheus: { retention: '30d' } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) {
      expect(Object.keys(data)).toEqual(['overlay-values.yaml']);
      expect(fromOracle(data, keys)).toEqual(values);
    }
  });

  it('takes a merge of a component Flux adds through spec.components', async () => {
    const component = { 'components/vals/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [values.yaml]\n', 'components/vals/values.yaml': COMPONENT_VALUES };
    const r = write('merge-flux-component', '', ['values.yaml'], ['vals'], component);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ prometheus: { retention: '14d', replicas: 2 } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) expect(fromOracle(data, ['values.yaml'])).toEqual(values);
  });

  it('takes the key a merge adds to a ConfigMap written as a manifest', async () => {
    const keys = ['values.yaml', 'overlay-values.yaml'];
    const manifest = {
      'apps/base/kustomization.yaml': 'resources: [hr.yaml, cm.yaml]\n',
      'apps/base/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kps-values\ndata:\n  values.yaml: |\n${BASE_VALUES.replace(/^/gm, '    ').trimEnd()}\n`,
    };
    const r = write('merge-manifest', 'configMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [overlay-values.yaml=values.yaml]\n', keys, [], manifest);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ grafana: { enabled: false }, prometheus: { retention: '30d' } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) expect(fromOracle(data, keys)).toEqual(values);
  });

  // kustomize (v5.1 on) runs a kustomization's own generators before its components: the component's merge is the last.
  it('runs a component’s merge after the merge of the kustomization that lists it', async () => {
    const component = { 'components/vals/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [values.yaml]\n', 'components/vals/values.yaml': COMPONENT_VALUES };
    const r = write('merge-order', 'configMapGenerator:\n  - name: kps-values\n    behavior: merge\n    files: [values.yaml]\n', ['values.yaml'], ['vals'], component);
    const values = await releaseValues(r.root);
    expect(values).toEqual({ prometheus: { retention: '14d', replicas: 2 } });
    const data = oracleData(join(r.root, 'apps/oracle'));
    if (data) expect(fromOracle(data, ['values.yaml'])).toEqual(values);
  });
});
