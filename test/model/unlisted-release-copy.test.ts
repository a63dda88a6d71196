/**
 * A folder's one release with a leftover fragment of it beside (a partial HelmRelease of the same name
 * that no list names: a patch the owner stopped using) is one app, at the folder; the fragment, which
 * names no chart and which no build applies, is no release at all (outside review: an app "patch"). It was split into an app per file: the live release's app at a folder that
 * does not exist (`infra/vpn/release`), the fragment another, and the source a third (outside review,
 * multi-cluster repository with per-cluster patches).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('a leftover copy of a release in its folder', () => {
  const repo = tempRepos(afterAll);

  const write = (fragmentName: string) => {
    const r = repo('release-copy');
    bootstrap(r, 'prod');
    r.put('clusters/prod/infra.yaml', fluxKustomization('infra', './infra'));
    r.put('infra/kustomization.yaml', 'resources:\n  - vpn\n');
    r.put('infra/vpn/kustomization.yaml', 'resources:\n  - repo.yaml\n  - release.yaml\npatches:\n  - path: hostname.yaml\n');
    r.put('infra/vpn/repo.yaml', helmRepository('vpn', 'https://charts.vpn.example'));
    r.put('infra/vpn/release.yaml', helmRelease({ name: 'vpn-operator', namespace: 'flux-system', source: 'vpn' }));
    r.put('infra/vpn/hostname.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vpn-operator\n  namespace: flux-system\nspec:\n  values:\n    hostname: vpn-prod\n');
    r.put('infra/vpn/source-name.yaml', `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${fragmentName}\n  namespace: flux-system\nspec:\n  chart:\n    spec:\n      sourceRef:\n        name: vpn-prod\n`);
    return r;
  };

  it('is one app at the folder; the fragment is no release', async () => {
    const config = parseConfig({});
    const { model } = await scanRepo(write('vpn-operator').root, config);
    const apps = model.apps.filter((a) => a.dir.startsWith('infra')).map((a) => `${a.id} ${a.dir}`);
    expect(apps).toEqual(['flux-system/vpn-operator infra/vpn']);
    const notes = analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file);
    // (The fragment names no chart, and no build applies it: no release, so nothing of it is noted.)
    expect(notes).toEqual([]);
    expect(model.helmReleases.map((h) => h.source.file)).toEqual(['infra/vpn/release.yaml']);
  });
});
