/**
 * A finding names an object by id; where two objects have that id (a document two builds copy, a
 * leftover copy of a release in another folder), its app is the app of the one at the finding's line,
 * else in its file (outside review: a duplicate's finding was filed on the other copy's app).
 */
import { describe, expect, it } from 'vitest';
import { withApps } from '../../src/analysis/finding-apps.ts';
import { finding } from '../../src/model/finding.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';

const object = (file: string, line: number, appId: string) => ({
  id: 'HelmRelease/cnpg/cloudnative-pg', apiVersion: 'helm.toolkit.fluxcd.io/v2', group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', name: 'cloudnative-pg', namespace: 'cnpg',
  source: { file, line, col: 1 }, disabled: null, owner: null, appId, labels: {}, annotations: {},
});

describe('the app of a finding about one of two objects of an id', () => {
  const model = {
    objects: [object('apps/base/cnpg/release.yaml', 1, 'cnpg/old'), object('infrastructure/controllers/cloudnative-pg/release.yaml', 1, 'cnpg/cloudnative-pg')],
    apps: [],
    files: [],
  } as unknown as Pick<RepoModel, 'objects' | 'apps' | 'files'>;
  const about = (file: string, line: number) => finding('DUPLICATE_OBJECT', 'warning', 'm', { file, line, col: 1 }, { area: 'flux', objectId: 'HelmRelease/cnpg/cloudnative-pg' });

  it('is the app of the object the finding points at', () => {
    const [a, b, c] = withApps([about('infrastructure/controllers/cloudnative-pg/release.yaml', 1), about('apps/base/cnpg/release.yaml', 9), about('clusters/prod/apps.yaml', 3)], model);
    expect(a!.appId).toBe('cnpg/cloudnative-pg');
    expect(b!.appId).toBe('cnpg/old');
    // Pointing at neither (a Kustomization's file): the last, as before.
    expect(c!.appId).toBe('cnpg/cloudnative-pg');
  });
});
