/**
 * An app of several releases (a registry beside its redis) says it runs the chart of the release it is
 * named after, not of the first release in id order: an outside review found "Runs the redis chart." on
 * the zot registry's page. A library chart (app-template) is named on no purpose line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('the purpose line of an app of several releases', () => {
  const repo = tempRepos(afterAll);

  it("names the chart of the release the app is named after", async () => {
    const r = repo('app-purpose-main-release');
    bootstrap(r, 'prod');
    r.put('clusters/prod/zot.yaml', fluxKustomization('zot', './apps/zot'));
    r.put('clusters/prod/cache.yaml', fluxKustomization('cache', './apps/cache'));
    r.put('apps/zot/kustomization.yaml', 'resources:\n  - redis.yaml\n  - zot.yaml\n');
    r.put('apps/zot/redis.yaml', helmRelease({ name: 'redis', namespace: 'zot', chart: 'redis' }));
    r.put('apps/zot/zot.yaml', helmRelease({ name: 'zot', namespace: 'zot', chart: 'zot' }));
    // Named after no release: its chart's name, else the first.
    r.put('apps/cache/kustomization.yaml', 'resources:\n  - releases.yaml\n');
    // A library chart says nothing of the app: no "Runs the app-template chart" (outside review).
    r.put('clusters/prod/jackett.yaml', fluxKustomization('jackett', './apps/jackett'));
    r.put('apps/jackett/release.yaml', helmRelease({ name: 'jackett', namespace: 'media', chart: 'app-template' }).replace('name: jackett\n  namespace', 'name: indexer\n  namespace'));
    r.put('apps/cache/releases.yaml', `${helmRelease({ name: 'a-metrics', namespace: 'cache', chart: 'prometheus-redis-exporter' })}---\n${helmRelease({ name: 'store', namespace: 'cache', chart: 'cache' })}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const purpose = (dir: string) => appFacts(model, model.apps.find((a) => a.dir === dir)!.id)!.purpose;
    expect(purpose('apps/zot')).toMatchObject({ kind: 'fallback', text: 'zot' });
    expect(purpose('apps/cache')).toMatchObject({ kind: 'fallback', text: 'cache' });
    const jackett = model.apps.find((a) => a.dir === 'apps/jackett')!;
    expect(appFacts(model, jackett.id)!.purpose).toMatchObject({ kind: 'fallback', text: jackett.name });
  });
});
