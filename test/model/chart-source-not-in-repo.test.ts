/**
 * A chartRef whose OCIRepository is not in the repository: the chart's name is unknown, and no view
 * takes the OCIRepository's name for it (outside review: axeII/home-ops's glance names OCIRepository
 * `glance`, which in fact serves app-template; the page said chart "glance"). The page names the source
 * instead; app-template's values still make it app-template's where that matters (an untagged image
 * there floats).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const glance = `---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: &app glance
spec:
  interval: 1h
  chartRef:
    kind: OCIRepository
    name: *app
  values:
    controllers:
      glance:
        containers:
          glance:
            image:
              repository: glanceapp/glance
            env:
              TZ: Europe/Paris
`;

describe('a chartRef to an OCIRepository not in the repository', () => {
  const repo = tempRepos(afterAll);

  async function scan() {
    const r = repo('chart-source-not-in-repo');
    r.put('clusters/main/apps.yaml', fluxKustomization('glance', './kubernetes/apps/default/glance/app', '  targetNamespace: default\n'));
    r.put('kubernetes/apps/default/glance/app/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n');
    r.put('kubernetes/apps/default/glance/app/helmrelease.yaml', glance);
    return (await scanRepo(r.root, parseConfig({}))).model;
  }

  it('has no chart name: the source is named as the source, never as the chart', async () => {
    const model = await scan();
    const hr = model.helmReleases.find((h) => h.name === 'glance')!;
    expect(hr.chart).toMatchObject({ name: null, version: null, via: 'chartRef', url: null, sourceAt: null });
    expect(hr.chart.sourceRef).toMatchObject({ kind: 'OCIRepository', name: 'glance' });
    const facts = appFacts(model, 'default/glance')!;
    expect(facts.charts[0]).toMatchObject({ chart: null, chartOf: 'chart of OCIRepository/glance, not in the repository', sourceRef: 'OCIRepository/glance' });
    const md = renderAppReadme(facts);
    expect(md).toContain('chart of OCIRepository/glance, not in the repository');
  });

  it('the versions inventory has no chart name for it, and its untagged app-template image floats', async () => {
    const model = await scan();
    const inv = versionsInventory(model).result;
    expect(inv.charts.find((c) => c.helmRelease.endsWith('/glance'))).toMatchObject({ chart: null, source: 'OCIRepository/glance' });
    expect(versionsInventory(model).findings.map((f) => f.code)).toContain('IMAGE_TAG_LATEST');
  });
});
