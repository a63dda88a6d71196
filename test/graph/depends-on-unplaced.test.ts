/**
 * A HelmRelease's dependsOn that names a release written without a namespace (nothing gives it one:
 * FLUX_NAMESPACE_NOT_SPECIFIED) is missing, since Flux never applies that release. An outside review
 * found the hint "A HelmRelease named 'redis' exists in namespace 'default'; add `namespace: default`",
 * which sends the entry to a namespace where nothing is created: the model shows such an object in
 * `default`, but it is in no namespace of the cluster.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a dependsOn on a release written without a namespace', () => {
  const repo = tempRepos(afterAll);

  it('says Flux never creates it and asks for a namespace, not for `namespace: default`', async () => {
    const r = repo('depends-on-unplaced');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - zot.yaml\n  - redis.yaml\n  - cache.yaml\n');
    r.put('apps/zot.yaml', helmRelease({ name: 'zot', namespace: 'zot' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: redis\n    - name: kache\n'));
    r.put('apps/redis.yaml', helmRelease({ name: 'redis' }));
    // A placed release of a close name is still offered.
    r.put('apps/cache.yaml', helmRelease({ name: 'cache', namespace: 'zot' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.some((f) => f.code === 'FLUX_NAMESPACE_NOT_SPECIFIED' && f.source.file === 'apps/redis.yaml')).toBe(true);
    const missing = findings.filter((f) => f.code === 'DEPENDS_ON_MISSING').map((f) => f.message);
    expect(missing).toHaveLength(2);
    const redis = missing.find((m) => m.includes('zot/redis'))!;
    expect(redis).toContain('which no Flux build creates');
    expect(redis).toContain("is written without a namespace, and nothing gives it one");
    expect(redis).toContain("give it the namespace 'zot'");
    expect(redis).not.toContain('namespace: default');
    expect(missing.find((m) => m.includes('zot/kache'))).toContain("Did you mean 'zot/cache'?");
  });
});
