/**
 * Issue 18: a HelmRelease's chart is resolved once, at model time (src/repo/extract/chart-source.ts),
 * and every view reads that. Shapes in test/fixtures/repos/chart-sources/README.md.
 */
import { describe, expect, it } from 'vitest';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { detectAppLayout } from '../../src/analysis/runbooks/add-app-detect.ts';
import { chartNamesByFile } from '../../src/lib/export/changelog-md.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import type { HelmRelease } from '../../src/model/helm-release.ts';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';
import { scanFixture } from './scan-fixture.ts';

const m = await scanFixture('chart-sources');
const chart = (id: string) => {
  const c = m.helmReleases.find((h) => h.id === `HelmRelease/${id}`)!.chart;
  const r = c.sourceRef;
  return { name: c.name, version: c.version, via: c.via, source: r ? `${r.kind}/${r.namespace}/${r.name}` : null, url: c.url, at: c.sourceAt ? `${c.sourceAt.file}:${c.sourceAt.line}` : null };
};

describe('the chart of a HelmRelease, each shape Flux accepts', () => {
  it('chart.spec with a HelmRepository: name and version as written, the repository URL', () => {
    expect(chart('media/redis')).toEqual({ name: 'redis', version: '19.6.0', via: 'chart', source: 'HelmRepository/flux-system/bitnami', url: 'https://charts.example.invalid/bitnami', at: 'apps/repositories.yaml:2' });
  });

  it('chart.spec with an OCI HelmRepository (type: oci): its oci:// URL', () => {
    expect(chart('media/jellyfin')).toMatchObject({ name: 'app-template', version: '3.5.1', url: 'oci://ghcr.example.invalid/bjw-s/helm' });
  });

  it('chart.spec with a GitRepository: the chart is a path (named by its folder) and Flux ignores version', () => {
    expect(chart('default/podinfo')).toEqual({ name: 'podinfo', version: null, via: 'chart', source: 'GitRepository/flux-system/podinfo-charts', url: 'https://git.example.invalid/podinfo.git', at: 'apps/repositories.yaml:21' });
  });

  it("chartRef to an OCIRepository in the release's namespace: the URL's last segment, version from ref.tag", () => {
    expect(chart('tools/echo')).toEqual({ name: 'echo-server', version: '2.1.0', via: 'chartRef', source: 'OCIRepository/tools/echo', url: 'oci://ghcr.example.invalid/charts/echo-server', at: 'apps/tools/echo.yaml:1' });
  });

  it('chartRef to an OCIRepository in another namespace: version from ref.semver', () => {
    expect(chart('tools/echo-shared')).toMatchObject({ name: 'echo-server', version: '1.x', source: 'OCIRepository/flux-system/shared-echo', at: 'apps/repositories.yaml:32' });
  });

  it('chartRef to a HelmChart: its chart and version, the URL of the HelmChart\'s own source', () => {
    expect(chart('cert-manager/cert-manager')).toEqual({ name: 'cert-manager', version: 'v1.15.3', via: 'chartRef', source: 'HelmChart/flux-system/cert-manager', url: 'https://charts.example.invalid/jetstack', at: 'apps/repositories.yaml:63' });
  });

  it('a reference without a namespace means the release\'s own: an OCIRepository of that name elsewhere is not it', () => {
    // Flux reports "OCIRepository tools/whoami not found"; the one in flux-system (tag 9.9.9) must not lend its version.
    // Its name is no chart's either: unknown (chart-source-not-in-repo.test.ts).
    expect(chart('tools/whoami')).toEqual({ name: null, version: null, via: 'chartRef', source: 'OCIRepository/tools/whoami', url: null, at: null });
  });

  it('an archived release no build reaches: the one OCIRepository of that name beside it stands in', () => {
    expect(chart('home/old-app')).toMatchObject({ name: 'app-template', version: '5.0.1', at: '.archive/old-app/app/ocirepository.yaml:2' });
  });
});

describe('every view reads the resolved chart', () => {
  it('the app page and README', () => {
    expect(appFacts(m, 'tools/echo')!.charts).toEqual([expect.objectContaining({ chart: 'echo-server', version: '2.1.0', repository: 'oci://ghcr.example.invalid/charts/echo-server', sourceRef: 'OCIRepository/echo' })]);
    expect(appFacts(m, 'cert-manager/cert-manager')!.charts[0]).toMatchObject({ chart: 'cert-manager', version: 'v1.15.3', repository: 'https://charts.example.invalid/jetstack' });
    expect(appFacts(m, 'tools/whoami')!.charts[0]).toMatchObject({ chart: null, chartOf: 'chart of OCIRepository/whoami, not in the repository', version: null, repository: null });
  });

  it('the versions inventory', () => {
    const rows = new Map(versionsInventory(m).result.charts.map((c) => [c.helmRelease, c]));
    expect(rows.get('HelmRelease/tools/echo-shared')).toMatchObject({ chart: 'echo-server', version: '1.x', url: 'oci://ghcr.example.invalid/charts/echo-server' });
    expect(rows.get('HelmRelease/default/podinfo')).toMatchObject({ chart: 'podinfo', version: null });
  });

  it('the add-an-app runbook counts the resolved charts, by name whichever way each is referenced', () => {
    const layout = detectAppLayout(m);
    // echo-server through its own OCIRepository and through flux-system's; app-template through an OCI HelmRepository; cert-manager through a HelmChart.
    expect(layout.chart.name.counts).toEqual(expect.arrayContaining([{ value: 'echo-server', n: 2 }, { value: 'app-template', n: 1 }, { value: 'cert-manager', n: 1 }]));
    expect(layout.chart.via.counts).toEqual([{ value: 'chartRef', n: 2 }]);
    expect(layout.chart.source.counts).toEqual([{ value: 'OCIRepository flux-system/shared-echo', n: 1 }, { value: 'OCIRepository oci://ghcr.example.invalid/charts/echo-server', n: 1 }]);
  });

  it('the changelog names a version bump in an OCIRepository file after its chart', () => {
    expect(chartNamesByFile(m).get('apps/tools/echo.yaml')).toBe('echo-server');
    expect(chartNamesByFile(m).get('apps/media/redis.yaml')).toBe('redis');
  });
});

describe('one repository, two clusters', () => {
  const ks = (name: string, path: string) =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ${path}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
  const overlay = (c: string, tag: string) => ({
    [`clusters/${c}/apps.yaml`]: ks('apps', `./apps/${c}`),
    [`apps/${c}/kustomization.yaml`]: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/echo\npatches:\n  - path: tag.yaml\n',
    [`apps/${c}/tag.yaml`]: `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: echo\n  namespace: tools\nspec:\n  ref:\n    tag: ${tag}\n`,
  });
  const files: Record<string, string> = {
    ...overlay('staging', '2.0.0-rc.1'),
    ...overlay('production', '1.9.0'),
    'apps/base/echo/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - oci.yaml\n  - release.yaml\n',
    'apps/base/echo/oci.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: echo\n  namespace: tools\nspec:\n  url: oci://ghcr.example.invalid/charts/echo-server\n  ref:\n    tag: 1.0.0\n',
    'apps/base/echo/release.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: echo\n  namespace: tools\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: echo\n',
  };
  const model = buildModel({
    name: 't',
    files: Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1 })),
    docs: Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs),
    findings: [],
  });

  it("each cluster's release takes the version of its own cluster's OCIRepository", () => {
    expect(model.clusters).toEqual(['production', 'staging']);
    expect(model.helmReleases.map((h: HelmRelease) => [h.id, h.chart.version]).sort()).toEqual([
      ['HelmRelease/tools/echo@production', '1.9.0'],
      ['HelmRelease/tools/echo@staging', '2.0.0-rc.1'],
    ]);
  });
});
