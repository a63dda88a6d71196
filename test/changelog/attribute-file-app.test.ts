/**
 * A flat layout keeps several HelmReleases one per file in one folder (`apps/podinfo.yaml`,
 * `apps/redis.yaml`); each is an app whose folder is the file's path without `.yaml`
 * (repo/build/apps.ts). Commits that touch such a file belong to that app's history.
 */
import { describe, expect, it } from 'vitest';
import { appsForFiles, appsForPath, buildAppIndex } from '../../src/analysis/changelog/attribute.ts';

const index = buildAppIndex([
  { id: 'podinfo/podinfo', dirs: ['infrastructure/apps/podinfo'] },
  { id: 'redis/redis', dirs: ['infrastructure/apps/redis'] },
  { id: 'flux-system/apps', dirs: ['infrastructure'] },
]);

describe('changelog attribution of per-file apps', () => {
  it('gives a release file to the app named after it, not to the folder above', () => {
    expect(appsForPath(index, 'infrastructure/apps/podinfo.yaml')?.ids).toEqual(['podinfo/podinfo']);
    expect(appsForPath(index, 'infrastructure/apps/redis.yml')?.ids).toEqual(['redis/redis']);
  });

  it('leaves other files of the shared folder to the folder rule', () => {
    expect(appsForPath(index, 'infrastructure/apps/kustomization.yaml')?.ids).toEqual(['flux-system/apps']);
    // A file that only shares the name's start is not the app's.
    expect(appsForPath(index, 'infrastructure/apps/podinfo-values.yaml')?.ids).toEqual(['flux-system/apps']);
  });

  it('counts a rename between two release files for both apps', () => {
    expect(appsForFiles(index, [{ status: 'R', path: 'infrastructure/apps/redis.yaml', oldPath: 'infrastructure/apps/podinfo.yaml' }])).toEqual(['podinfo/podinfo', 'redis/redis']);
  });
});
