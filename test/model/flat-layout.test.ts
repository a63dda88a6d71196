import { describe, expect, it } from 'vitest';
import { scanFixture } from './scan-fixture.ts';

describe('flat layout (one root Kustomization with path ./, HelmRelease files side by side)', async () => {
  const model = await scanFixture('flat-layout');
  const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId ?? null;

  it('makes one app per HelmRelease file in a shared namespace folder', () => {
    expect(model.apps.map((a) => `${a.id} ${a.dir}`)).toEqual([
      'flux-system/flux-system flux-system',
      'media/radarr media/radarr',
      'media/sonarr media/sonarr',
    ]);
  });

  it('gives a claim in a shared pvc.yaml to the release that claims it, or whose name it carries, else to the first', () => {
    expect(appOf('PersistentVolumeClaim/media/sonarr-config-claim')).toBe('media/sonarr');
    expect(appOf('PersistentVolumeClaim/media/movies-config')).toBe('media/radarr');
    // Nobody claims it and no name matches: it is still the folder's, of the first of its apps by
    // name, not of the root Kustomization that deploys the whole repository (folder-share.ts).
    expect(appOf('PersistentVolumeClaim/media/shared-media')).toBe('media/radarr');
  });
});
