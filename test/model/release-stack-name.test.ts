/**
 * A folder whose releases are a stack none of them names (`rrstack`: prowlarr, sabnzbd, radarr and
 * sonarr in one file): the app is named by its folder, not by whichever release comes first (outside
 * review: `rrstack/prowlarr` held all four, and the other three's findings read as prowlarr's). A folder
 * named as one of its releases keeps that release's name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('several releases of one folder', () => {
  const repo = tempRepos(afterAll);
  const scan = async (name: string, folder: string, releases: string[]) => {
    const r = repo(name);
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps/staging'));
    r.put('apps/staging/kustomization.yaml', `resources:\n  - ${folder}\n`);
    r.put(`apps/staging/${folder}/kustomization.yaml`, `namespace: ${folder}\nresources:\n  - ../../base/${folder}\n`);
    r.put(`apps/base/${folder}/kustomization.yaml`, 'resources:\n  - helmrelease.yaml\n');
    r.put(`apps/base/${folder}/helmrelease.yaml`, releases.map((n) => helmRelease({ name: n, chart: 'app-template', version: '4.2.0', source: 'bjw-s' })).join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.apps.filter((a) => a.namespace === folder).map((a) => a.id);
  };

  it('is named by its folder where no release is', async () => {
    expect(await scan('release-stack', 'rrstack', ['prowlarr', 'sabnzbd', 'radarr', 'sonarr'])).toEqual(['rrstack/rrstack']);
  });

  it('is named by the release named as its folder', async () => {
    expect(await scan('release-stack-named', 'immich', ['immich-db', 'immich'])).toEqual(['immich/immich']);
  });
});
