/**
 * HELMRELEASE_CHART_UNPINNED: a chart from a HelmRepository without a version (or `*`) is upgraded by
 * Flux to each new chart version at the next reconcile. Not for a pinned version, a range its owner
 * wrote, a variable, a GitRepository's chart (whose version Flux ignores) or a chartRef.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const release = (name: string, chartSpec: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  interval: 1h\n  chart:\n    spec:\n${chartSpec}`;
const fromRepo = (version: string | null) =>
  `      chart: ${'web'}\n${version === null ? '' : `      version: ${version}\n`}      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n`;

describe('HELMRELEASE_CHART_UNPINNED', () => {
  const repo = tempRepos(afterAll);
  it('warns of a HelmRepository chart without a version or at `*`, and of nothing else', async () => {
    const r = repo('chart-unpinned');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  postBuild:\n    substitute:\n      WEB_VERSION: 1.2.3\n'));
    r.put('apps/sources.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  url: https://charts.example.org\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: charts-git\n  namespace: flux-system\nspec:\n  url: https://example.org/charts.git\n  ref:\n    branch: main\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: web-oci\n  namespace: apps\nspec:\n  url: oci://ghcr.io/example/web\n  ref:\n    tag: 1.0.0\n');
    r.put('apps/kustomization.yaml', 'resources:\n  - sources.yaml\n  - releases.yaml\n');
    r.put('apps/releases.yaml', [
      release('none', fromRepo(null)),
      release('empty', fromRepo('')),
      release('star', fromRepo('"*"')),
      release('pinned', fromRepo('1.2.3')),
      release('range', fromRepo('"1.x"')),
      release('variable', fromRepo('${WEB_VERSION}')),
      release('git', '      chart: ./charts/web\n      sourceRef:\n        kind: GitRepository\n        name: charts-git\n        namespace: flux-system\n'),
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: oci\n  namespace: apps\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: web-oci\n`,
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const found = analyse(model, parseConfig({})).findings.filter((f) => f.code === 'HELMRELEASE_CHART_UNPINNED');
    expect(found.map((f) => f.objectId).sort()).toEqual(['HelmRelease/apps/empty', 'HelmRelease/apps/none', 'HelmRelease/apps/star']);
    expect(found.every((f) => f.severity === 'warning' && f.source.file === 'apps/releases.yaml')).toBe(true);
    expect(found.find((f) => f.objectId === 'HelmRelease/apps/star')!.message).toContain('at version `*`');
    expect(found.find((f) => f.objectId === 'HelmRelease/apps/none')!.message).toMatch(/takes chart web from HelmRepository charts with no version: Flux installs the latest chart/);
  });
});
