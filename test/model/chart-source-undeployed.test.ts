import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * home-ops keeps each chart's OCIRepository in a shared `repos/` folder; one commented out of that
 * folder's list is never created, so a deployed HelmRelease with a chartRef to it fails ("source not
 * found"). Its page showed the chart and version of the commented-out source as deployed.
 */
describe("a deployed HelmRelease's chart source", () => {
  const repo = tempRepos(afterAll);

  it('is only a source Flux creates: one commented out of its list gives no URL and no version', async () => {
    const r = repo('chart-source-undeployed');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./helmrelease.yaml\n  - ./repos\n');
    r.put('apps/repos/kustomization.yaml', 'resources:\n  - ./podinfo.yaml\n  # - ./app-template.yaml\n');
    const oci = (name: string, tag: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\n  namespace: demo\nspec:\n  interval: 1h\n  url: oci://ghcr.io/example/charts/${name}\n  ref:\n    tag: ${tag}\n`;
    r.put('apps/repos/app-template.yaml', oci('app-template', '4.6.0'));
    r.put('apps/repos/podinfo.yaml', oci('podinfo', '6.9.0'));
    const release = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: demo\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n`;
    r.put('apps/helmrelease.yaml', `${release('app-template')}---\n${release('podinfo')}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const chart = (name: string) => model.helmReleases.find((h) => h.name === name)!.chart;
    expect(chart('app-template')).toMatchObject({ version: null, url: null, sourceAt: null });
    expect(chart('podinfo')).toMatchObject({ name: 'podinfo', version: '6.9.0', url: 'oci://ghcr.io/example/charts/podinfo' });
  });
});
