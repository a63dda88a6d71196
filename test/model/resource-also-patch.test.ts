/**
 * A file that a base lists as a resource and an overlay names again as a patch (`patches: [{path:
 * ../base/hr.yaml}]`) is an object of the build: kustomize takes it from the base and patches it with
 * itself. An outside review found the HelmRelease gone from the model (its app showed no chart), since
 * every file a kustomization.yaml names as a patch was read as a patch only. A file named only as a
 * patch stays one. kubectl kustomize (with Flux's LoadRestrictionsNone) is the oracle where installed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubectlVersion } from '../../scripts/corpus-check/kustomize-oracle.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a file that is a resource of a base and a patch of its overlay', () => {
  const repo = tempRepos(afterAll);

  it('is an object of the build; a file that is only a patch is none', async () => {
    const r = repo('resource-also-patch');
    bootstrap(r, 'c1');
    r.put('clusters/c1/apps.yaml', fluxKustomization('demo', './apps/prod'));
    r.put('apps/base/kustomization.yaml', 'namespace: demo\nresources:\n  - hr.yaml\n');
    r.put('apps/base/hr.yaml', helmRelease({ name: 'podinfo', namespace: 'demo', version: '6.5.0' }));
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\npatches:\n  - path: ../base/hr.yaml\n  - path: version.yaml\n');
    r.put('apps/prod/version.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: demo\nspec:\n  chart:\n    spec:\n      version: 6.7.1\n');
    if (kubectlVersion() !== null) {
      const out = execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', join(r.root, 'apps/prod')], { encoding: 'utf8' });
      expect(out.match(/^kind: HelmRelease$/gm)).toHaveLength(1);
      expect(out).toContain('version: 6.7.1');
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const releases = model.helmReleases.filter((h) => h.name === 'podinfo');
    expect(releases.map((h) => [h.source.file, h.owner, h.chart.version])).toEqual([['apps/base/hr.yaml', 'Kustomization/flux-system/demo', '6.7.1']]);
  });
});
