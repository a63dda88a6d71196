/**
 * HELMRELEASE_CHART_NAME_PREFIXED: `chart: istio/base` from an HTTP HelmRepository (the helm CLI's
 * `repo/chart`, an outside review): Flux looks `istio/base` up in the index and finds nothing. Not for
 * an OCI HelmRepository (the path is appended to its URL), a GitRepository's chart path, a plain name,
 * a variable left unresolved, or a HelmRepository the repository does not define.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const release = (name: string, chart: string, kind = 'HelmRepository', source = 'istio') =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: istio-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${chart}\n      version: 1.21.0\n      sourceRef:\n        kind: ${kind}\n        name: ${source}\n        namespace: flux-system\n`;
const source = (name: string, kind: string, spec: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n${spec}`;

describe('HELMRELEASE_CHART_NAME_PREFIXED', () => {
  const repo = tempRepos(afterAll);
  it('warns of a repo/chart name from an HTTP HelmRepository, and of nothing else', async () => {
    const r = repo('chart-name');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('istio', './istio', '  postBuild:\n    substitute:\n      CHART: base\n'));
    r.put('istio/kustomization.yaml', 'resources:\n  - sources.yaml\n  - releases.yaml\n');
    r.put(
      'istio/sources.yaml',
      [
        source('istio', 'HelmRepository', '  url: https://istio-release.storage.googleapis.com/charts\n'),
        source('istio-oci', 'HelmRepository', '  type: oci\n  url: oci://ghcr.io/example\n'),
        source('istio-git', 'GitRepository', '  url: https://github.com/istio/istio.git\n  ref: {branch: master}\n'),
      ].join('---\n'),
    );
    r.put(
      'istio/releases.yaml',
      [
        release('istio-base', 'istio/base'),
        release('istiod', 'istiod'),
        release('oci', 'charts/istiod', 'HelmRepository', 'istio-oci'),
        release('git', 'manifests/charts/base', 'GitRepository', 'istio-git'),
        // Substituted, it is `istio/base` as Flux sees it; one left unresolved says nothing.
        release('variable', 'istio/${CHART}'),
        release('unresolved', 'istio/${MISSING}'),
        release('elsewhere', 'istio/gateway', 'HelmRepository', 'not-here'),
      ].join('---\n'),
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = analyse(model, parseConfig({})).findings.filter((f) => f.code === 'HELMRELEASE_CHART_NAME_PREFIXED');
    expect(found.map((f) => f.objectId)).toEqual(['HelmRelease/istio-system/istio-base', 'HelmRelease/istio-system/variable']);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('Write `chart: base`');
    expect(found[0]!.source.file).toBe('istio/releases.yaml');
  });
});

describe('FLUX_SPEC_INVALID for a HelmRelease’s chart', () => {
  const repo = tempRepos(afterAll);
  it('is an error where the chart spec lacks chart or sourceRef (one spec level too many), or there is no chart at all', async () => {
    const r = repo('chart-spec-invalid');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    const hr = (name: string, chart: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: kube-system\nspec:\n  interval: 1h\n${chart}`;
    r.put(
      'apps/releases.yaml',
      [
        hr('nested', '  chart:\n    spec:\n      spec:\n        chart: reflector\n        sourceRef: {kind: HelmRepository, name: emberstack}\n'),
        hr('good', '  chart:\n    spec:\n      chart: reflector\n      version: 9.0.0\n      sourceRef: {kind: HelmRepository, name: emberstack}\n'),
        hr('referenced', '  chartRef:\n    kind: OCIRepository\n    name: app-template\n'),
        hr('none', ''),
      ].join('---\n'),
    );
    r.put('apps/off.yaml.dis', hr('off', '  chart:\n    spec:\n      spec: {}\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = analyse(model, parseConfig({})).findings.filter((f) => f.code === 'FLUX_SPEC_INVALID');
    expect(found.map((f) => [f.objectId, f.severity])).toEqual([
      ['HelmRelease/kube-system/nested', 'error'],
      ['HelmRelease/kube-system/none', 'error'],
    ]);
    expect(found[0]!.message).toContain('has no spec.chart.spec.chart and spec.chart.spec.sourceRef, which its API requires');
    expect(found[1]!.message).toContain('has no spec.chart or spec.chartRef');
  });
});
