/**
 * An overlay folder whose base holds several releases (the app, its database, its cache) is one app,
 * named after the release named as the folder is, whatever order the base lists them in. Outside
 * review (a two-cluster base/overlay repository): `apps/prod/kutt` became app
 * `kutt-postgresql-cnpg`, the release its base listed first, and kutt's own release was filed under it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('an overlay of a base with several releases', () => {
  const repo = tempRepos(afterAll);

  it.each([
    [['postgres.hr.yaml', 'redis.hr.yaml', 'kutt.hr.yaml']],
    [['kutt.hr.yaml', 'postgres.hr.yaml', 'redis.hr.yaml']],
  ])('is named after the release named as its folder (base lists %j)', async (order) => {
    const r = repo('release-folder-name');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod', '  targetNamespace: default\n'));
    r.put('clusters/prod/repo.yaml', helmRepository('charts', 'https://charts.example.com'));
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - kutt\n');
    r.put('apps/prod/kutt/kustomization.yaml', 'resources:\n  - ../../base/kutt\n');
    r.put('apps/base/kutt/kustomization.yaml', `resources:\n${order.map((f) => `  - ${f}\n`).join('')}`);
    r.put('apps/base/kutt/postgres.hr.yaml', helmRelease({ name: 'kutt-postgresql-cnpg', chart: 'cluster' }));
    r.put('apps/base/kutt/redis.hr.yaml', helmRelease({ name: 'kutt-redis', chart: 'redis' }));
    r.put('apps/base/kutt/kutt.hr.yaml', helmRelease({ name: 'kutt', chart: 'kutt' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.dir === 'apps/prod/kutt');
    expect(app?.id).toBe('default/kutt');
    expect(model.helmReleases.filter((h) => h.appId === app?.id).map((h) => h.name).sort()).toEqual(['kutt', 'kutt-postgresql-cnpg', 'kutt-redis']);
  });
});
