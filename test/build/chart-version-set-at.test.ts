import { afterAll, describe, expect, it } from 'vitest';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

/**
 * A chart version an overlay's patch pins (a kustomization.yaml's, a Component's, a Flux
 * Kustomization's spec.patches) is cited at that patch entry, not at the base's HelmRelease, whose
 * file says another version (outside review: production's podinfo showed "helmrelease.yaml:1 ...
 * 6.7.0" where that file says 6.5.0), as an image an overlay sets is (image-set-at.test.ts). So is the
 * tag an overlay pins on the OCIRepository a chartRef takes its chart from.
 */
describe('where a chart version an overlay pins is cited', () => {
  const repo = tempRepos(afterAll);
  const pin = (kind: string, name: string, path: string, value: string) => `  - target:\n      kind: ${kind}\n      name: ${name}\n    patch: |\n      - op: replace\n        path: ${path}\n        value: ${value}\n`;
  const cited = async (root: string) => {
    const { model } = await scanRepo(root, parseConfig({}));
    const releases = model.helmReleases.map((h) => `${h.namespace} ${h.chart.version} ${h.chart.versionAt ? `${h.chart.versionAt.file}:${h.chart.versionAt.line}` : null}`).sort();
    const rows = versionsInventory(model).result.charts.map((c) => `${c.version} ${c.ref.file}:${c.ref.line}`).sort();
    const all = model.apps.flatMap((a) => appFacts(model, a.id) ?? []);
    const facts = all.flatMap((f) => f.charts).map((c) => `${c.version} ${c.versionRef ? `${c.versionRef.file}:${c.versionRef.line}` : '-'}`).sort();
    // The README export's Version cell.
    const readme = all.flatMap((f) => renderAppReadme(f).split('\n').filter((l) => l.startsWith('| web |')).map((l) => l.split(' | ')[2])).sort();
    return { releases, rows, facts, readme };
  };

  it("an overlay's kustomization.yaml patch; the base built by itself stays at its own line", async () => {
    const r = repo('chart-version-overlay');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps', './apps/prod')}---\n${fluxKustomization('base', './apps/base')}`);
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/base/kustomization.yaml', 'namespace: web\nresources:\n  - release.yaml\n');
    r.put('apps/base/release.yaml', helmRelease({ name: 'web', version: '6.5.0' }));
    r.put('apps/prod/kustomization.yaml', `namespace: prod\nresources:\n  - ../base\npatches:\n${pin('HelmRelease', 'web', '/spec/chart/spec/version', '6.7.0')}`);
    // Line 5 is the overlay's `- target:`; line 10 the base's `version:`.
    expect(await cited(r.root)).toEqual({
      releases: ['prod 6.7.0 apps/prod/kustomization.yaml:5', 'web 6.5.0 apps/base/release.yaml:10'],
      rows: ['6.5.0 apps/base/release.yaml:10', '6.7.0 apps/prod/kustomization.yaml:5'],
      facts: ['6.5.0 -', '6.7.0 apps/prod/kustomization.yaml:5'],
      readme: ['6.5.0', '6.7.0 (set at apps/prod/kustomization.yaml:5)'],
    });
  });

  it("a Flux Kustomization's spec.patches entry", async () => {
    const r = repo('chart-version-flux-patch');
    bootstrap(r);
    const patches = '  patches:\n    - patch: |\n        apiVersion: helm.toolkit.fluxcd.io/v2\n        kind: HelmRelease\n        metadata:\n          name: web\n        spec:\n          chart:\n            spec:\n              version: 2.0.0\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', `  targetNamespace: web\n${patches}`));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('apps/release.yaml', helmRelease({ name: 'web', version: '1.0.0' }));
    // Line 15 is the entry's `- patch:`.
    expect((await cited(r.root)).releases).toEqual(['web 2.0.0 clusters/prod/apps.yaml:15']);
  });

  it("a chartRef's version: the OCIRepository's tag line, or the overlay's patch of it", async () => {
    const r = repo('chart-version-chartref');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps', './apps/prod')}---\n${fluxKustomization('base', './apps/base')}`);
    const oci = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: web\nspec:\n  interval: 1h\n  url: oci://ghcr.io/acme/charts/web\n  ref:\n    tag: 1.0.0\n';
    const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: web\n';
    r.put('apps/base/kustomization.yaml', 'namespace: web\nresources:\n  - oci.yaml\n  - release.yaml\n');
    r.put('apps/base/oci.yaml', oci);
    r.put('apps/base/release.yaml', release);
    r.put('apps/prod/kustomization.yaml', `namespace: prod\nresources:\n  - ../base\npatches:\n${pin('OCIRepository', 'web', '/spec/ref/tag', '1.1.0')}`);
    // (The page cites the patch only: the tag written in the OCIRepository's own file is where a reader looks.)
    const { releases, facts } = await cited(r.root);
    expect({ releases, facts }).toEqual({ releases: ['prod 1.1.0 apps/prod/kustomization.yaml:5', 'web 1.0.0 apps/base/oci.yaml:9'], facts: ['1.0.0 -', '1.1.0 apps/prod/kustomization.yaml:5'] });
  });
});
