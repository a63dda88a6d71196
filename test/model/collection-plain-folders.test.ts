/**
 * A collection Kustomization (`apps` building apps/, whose folders hold a HelmRelease in one and
 * plain manifests in others) makes each release an app by its folder; the plain manifests of the
 * other folders were put in the release's app (the Kustomization deploys one release, so it joined
 * that app, and took everything else it deploys along). Each such folder is an app of its own now,
 * as `kubernetes/apps/<namespace>/<app>/` folders are.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('collection-plain-folders');
afterAll(remove);

describe('plain manifests beside a release under a collection Kustomization', () => {
  it('are an app of their own folder', async () => {
    put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - ./auth\n  - ./cam\n');
    put('apps/auth/kustomization.yaml', 'resources:\n  - release.yaml\n');
    put('apps/auth/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: auth\n  namespace: auth\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: auth\n      sourceRef: {kind: HelmRepository, name: auth}\n');
    put('apps/cam/kustomization.yaml', 'resources:\n  - deploy.yaml\n  - config.yaml\n');
    put('apps/cam/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: cam\n  namespace: cam\n');
    put('apps/cam/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cam\n  namespace: cam\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const appOf = (kind: string) => model.objects.find((o) => o.kind === kind)?.appId;
    expect(appOf('HelmRelease')).toBe('auth/auth');
    expect(appOf('Deployment')).toBe('cam/cam');
    expect(appOf('ConfigMap')).toBe('cam/cam');
    expect(model.apps.find((a) => a.id === 'cam/cam')?.dir).toBe('apps/cam');
  });
});
