/**
 * A chart from a GitRepository is named by its path's last folder (`./charts/podinfo` -> podinfo);
 * a folder that names no chart (`./_helm`, `./`, `./helm`) gives the release's name instead (outside
 * review: an app's chart and purpose read "_helm").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const release = (name: string, path: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${path}\n      sourceRef: {kind: GitRepository, name: site, namespace: flux-system}\n`;

describe('the name of a chart at a Git path', () => {
  const repo = tempRepos(afterAll);
  it('is its folder, or the release where the folder names no chart', async () => {
    const r = repo('chart-path-name');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './web'));
    r.put('web/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: site\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.org/site.git\n  ref: {branch: main}\n');
    r.put('web/releases.yaml', [release('justneverlift', './_helm'), release('root', './'), release('podinfo', './charts/podinfo')].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(Object.fromEntries(model.helmReleases.map((h) => [h.name, h.chart.name]))).toEqual({ justneverlift: 'justneverlift', root: 'root', podinfo: 'podinfo' });
  });
});
