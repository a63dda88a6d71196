/**
 * Releases a Kustomization deploys from a folder that lies under another Kustomization's path are apps
 * of their own, as anywhere else: an outside review found cert-manager and traefik (target namespaces
 * cert-manager and traefik) merged into one app in flux-system, because their folder
 * (platform/controllers/releases) sits under the path of `infrastructure` (platform/controllers),
 * whose kustomization.yaml lists only its sources. Where nothing applies a release, the folder still
 * decides (the corpus snapshots hold those: a commented-out runner, an unreached app folder).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const RELEASE = (name: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 12h\n  targetNamespace: ${name}\n  chart:\n    spec:\n      chart: ${name}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n`;
const SOURCES = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  interval: 24h\n  url: https://charts.example.org\n';

describe('releases in a folder under another Kustomization\'s path', () => {
  const repo = tempRepos(afterAll);

  const appsOf = async (releasesDir: string, parentLists: string) => {
    const r = repo('release-under-path');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './platform/controllers'));
    r.put('clusters/prod/releases.yaml', fluxKustomization('platform-releases', `./${releasesDir}`));
    r.put('platform/controllers/kustomization.yaml', `resources:\n${parentLists}`);
    r.put('platform/controllers/sources.yaml', SOURCES);
    r.put(`${releasesDir}/kustomization.yaml`, 'resources:\n  - cert-manager.yaml\n  - traefik.yaml\n');
    r.put(`${releasesDir}/cert-manager.yaml`, RELEASE('cert-manager'));
    r.put(`${releasesDir}/traefik.yaml`, RELEASE('traefik'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return Object.fromEntries(model.helmReleases.map((h) => [h.name, h.appId]));
  };

  it('are apps of their own in their target namespaces, as when the folder is elsewhere', async () => {
    const expected = { 'cert-manager': 'cert-manager/cert-manager', traefik: 'traefik/traefik' };
    expect(await appsOf('platform/controllers/releases', '  - sources.yaml\n')).toEqual(expected);
    expect(await appsOf('platform/releases', '  - sources.yaml\n')).toEqual(expected);
  });
});
