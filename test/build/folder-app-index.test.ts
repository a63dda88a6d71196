/**
 * Objects no app's Kustomization owns are filed under the app whose folder holds their file. The
 * lookup is indexed by folder; it must choose as the rule says: the deepest folder that is the file,
 * contains it, or names it with an extension, of the file's cluster, the first app of a folder.
 */
import { describe, expect, it } from 'vitest';
import { folderAppIndex } from '../../src/repo/build/app-folders.ts';
import { isUnder } from '../../src/repo/build/paths.ts';

interface A { id: string; dir: string; cluster: string | null }

/** The rule, over every app. */
function linear(apps: readonly A[], file: string, cluster: string | null): A | undefined {
  const sorted = [...apps].sort((a, b) => b.dir.length - a.dir.length);
  return sorted.find((a) => a.cluster === cluster && (file === a.dir || isUnder(file, a.dir) || file.startsWith(`${a.dir}.`)));
}

const APPS: A[] = [
  { id: 'root', dir: '', cluster: null },
  { id: 'apps', dir: 'apps', cluster: null },
  { id: 'media', dir: 'apps/media', cluster: null },
  { id: 'plex', dir: 'apps/media/plex', cluster: null },
  { id: 'plex-2', dir: 'apps/media/plex', cluster: null },
  { id: 'plex-prod', dir: 'apps/media/plex', cluster: 'prod' },
  { id: 'sonarr-file', dir: 'apps/media/sonarr', cluster: null },
  { id: 'dotted', dir: 'apps/v1.2', cluster: null },
  { id: 'prod-only', dir: 'clusters/prod', cluster: 'prod' },
];
const FILES = [
  'apps/media/plex/helmrelease.yaml', 'apps/media/plex', 'apps/media/sonarr.yaml', 'apps/media/sonarr-config.yaml',
  'apps/media/radarr/hr.yaml', 'apps/v1.2/x.yaml', 'apps/v1.yaml', 'apps/v1.2.3/x.yaml', 'top.yaml', 'apps.yaml',
  'clusters/prod/flux.yaml', 'clusters/production/x.yaml', 'apps/media/plex.extra/x.yaml', '.hidden/x.yaml',
];

describe('folderAppIndex', () => {
  it('chooses as the rule over every app does, for each cluster', () => {
    const lookup = folderAppIndex(APPS);
    for (const cluster of [null, 'prod', 'other']) {
      for (const file of FILES) expect(lookup(file, cluster)?.id, `${file} @ ${cluster}`).toBe(linear(APPS, file, cluster)?.id);
    }
    expect(lookup('apps/media/plex/hr.yaml', null)?.id).toBe('plex');
    expect(lookup('apps/media/sonarr.yaml', null)?.id).toBe('sonarr-file');
    expect(lookup('clusters/prod/flux.yaml', null)?.id).toBe('root');
  });
});
