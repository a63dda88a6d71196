/**
 * The folder rule (src/model/app-of-path.ts): the longest app folder holding a path, the first id
 * on a tie; with leafFoldersOnly (runbook mentions), a folder that holds another app's folder is
 * nobody's, so a root Kustomization deploying all of kubernetes/apps is not "mentioned" by every path.
 */
import { describe, expect, it } from 'vitest';
import { appByFolder } from '../../src/model/app-of-path.ts';

const apps = [
  { id: 'flux-system/apps', dir: 'kubernetes/flux', dirs: ['kubernetes/apps'] },
  { id: 'media/plex', dir: 'kubernetes/apps/media/plex', dirs: ['kubernetes/apps/media/plex/app'] },
  { id: 'media/sonarr', dir: 'kubernetes/apps/media/sonarr', dirs: [] },
  // Two apps deployed from one folder: the first id owns it.
  { id: 'db/zalando', dir: 'kubernetes/apps/db/shared', dirs: [] },
  { id: 'db/cnpg', dir: 'kubernetes/apps/db/shared', dirs: [] },
  { id: 'root/dot', dir: '.', dirs: [''] },
];

describe('appByFolder', () => {
  const owner = appByFolder(apps);
  const leaf = appByFolder(apps, { leafFoldersOnly: true });

  it('answers the longest folder that holds the path, trailing slashes and all', () => {
    expect(owner('kubernetes/apps/media/plex/app/helmrelease.yaml')).toBe('media/plex');
    expect(owner('kubernetes/apps/media/sonarr/')).toBe('media/sonarr');
    expect(owner('kubernetes/apps/media/radarr/helmrelease.yaml')).toBe('flux-system/apps');
    expect(owner('kubernetes/apps/db/shared/cluster.yaml')).toBe('db/cnpg');
    expect(owner('docs/notes.md')).toBeNull();
    expect(owner('kubernetes')).toBeNull();
  });

  it('with leafFoldersOnly, a folder holding other apps\u2019 folders answers for nobody', () => {
    expect(leaf('kubernetes/apps/media/radarr/helmrelease.yaml')).toBeNull();
    expect(leaf('kubernetes/apps')).toBeNull();
    expect(leaf('kubernetes/flux/config/cluster.yaml')).toBe('flux-system/apps');
    expect(leaf('kubernetes/apps/media/plex/app/helmrelease.yaml')).toBe('media/plex');
    // plex's own two folders (one inside the other) are both plex's: no other app is under them.
    expect(leaf('kubernetes/apps/media/plex/README.md')).toBe('media/plex');
    expect(leaf('kubernetes/apps/db/shared')).toBe('db/cnpg');
  });
});
