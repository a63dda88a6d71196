/**
 * An app's namespace where its Kustomization sets no targetNamespace: the one namespace all its
 * objects are in (a HelmRelease: where it installs). The folder rule `apps/<namespace>/<app>` read an
 * environment overlay (`apps/production/podinfo`) and an app's component folder
 * (`apps/base/shop/helm`) as namespaces, and a Kustomization's own `flux-system` was taken otherwise
 * (found on OSable/infrastructure and rcbassil/flux-fleet-infra, outside the corpus). Objects that
 * disagree, or are all in `default`, leave the rule as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('app-namespace');
afterAll(remove);

const deploy = (name: string, ns?: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;

describe('the namespace of an app whose Kustomization sets no targetNamespace', () => {
  it('is where its objects are, when they agree', async () => {
    put('clusters/production/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    put('clusters/production/apps.yaml', [
      fluxKustomization('podinfo', './apps/production/podinfo'),
      fluxKustomization('shop', './apps/base/shop/helm'),
      fluxKustomization('mixed', './apps/production/mixed'),
      fluxKustomization('plain', './apps/production/plain'),
      fluxKustomization('media', './apps/media/plex', '  targetNamespace: media\n'),
    ].join('---\n'));
    put('apps/production/podinfo/deploy.yaml', deploy('podinfo', 'web'));
    put('apps/base/shop/helm/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: shop\n  namespace: flux-system\nspec:\n  targetNamespace: shop\n  interval: 1h\n  chart:\n    spec:\n      chart: shop\n      sourceRef: {kind: HelmRepository, name: shop}\n');
    put('apps/production/mixed/a.yaml', deploy('a', 'one'));
    put('apps/production/mixed/b.yaml', deploy('b', 'two'));
    put('apps/production/plain/deploy.yaml', deploy('plain'));
    put('apps/media/plex/deploy.yaml', deploy('plex', 'elsewhere'));
    const { model } = await scanRepo(root, parseConfig({}));
    const ns = Object.fromEntries(model.apps.filter((a) => a.dir.startsWith('apps/')).map((a) => [a.dir, a.namespace]));
    expect(ns).toEqual({
      'apps/production/podinfo': 'web',
      'apps/base/shop/helm': 'shop',
      // Objects in two namespaces, or only in `default`: the folder rule as before.
      'apps/production/mixed': 'production',
      'apps/production/plain': 'production',
      // targetNamespace decides where it is set.
      'apps/media/plex': 'media',
    });
  });
});
