/**
 * A Kustomization written in a cluster's root folder whose path is below it (`clusters/prod/apps.yaml`
 * -> `./clusters/prod/apps`), where that folder's kustomization.yaml lists app folders elsewhere
 * (`../../../apps/<name>/overlays/prod`), each with its own HelmRelease, all in one namespace: each
 * release is an app. An outside review found eleven apps shown as one page, `apps/apps`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a cluster folder Kustomization that lists app folders elsewhere', () => {
  const repo = tempRepos(afterAll);

  it('makes an app of each release, not one app of them all', async () => {
    const r = repo('cluster-folder-collection');
    bootstrap(r, 'prod');
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - ./flux-system\n  - ./apps.yaml\n');
    r.put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - ./gotk-sync.yaml\n');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './clusters/prod/apps'));
    const names = ['actual', 'metube', 'paperless'];
    r.put('clusters/prod/apps/kustomization.yaml', `namespace: apps\nresources:\n  - ./namespace.yaml\n${names.map((n) => `  - ../../../apps/${n}/overlays/prod\n`).join('')}`);
    r.put('clusters/prod/apps/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n');
    for (const n of names) {
      r.put(`apps/${n}/base/kustomization.yaml`, 'resources:\n  - ./release.yaml\n');
      r.put(`apps/${n}/base/release.yaml`, helmRelease({ name: n }));
      r.put(`apps/${n}/overlays/prod/kustomization.yaml`, 'resources:\n  - ../../base\n');
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ids = model.apps.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['apps/actual', 'apps/metube', 'apps/paperless']));
    for (const n of names) expect(model.helmReleases.find((h) => h.name === n)!.appId).toBe(`apps/${n}`);
  });
});
