/**
 * Flux resolves dependsOn in the depending Kustomization's own cluster. An outside review found a
 * development app's README saying "Depends on: production/flux-system/flux-system", and production's
 * "Needed by: development/...", while `check` said (DEPENDS_ON_MISSING) that the dependency is only
 * defined for production. Now the page and the README say it is not in this cluster, and production
 * lists no dependent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a dependency only another cluster runs', () => {
  const repo = tempRepos(afterAll);

  it('is no dependency of this cluster’s app, and that cluster’s app is not needed by it', async () => {
    const r = repo('cross-cluster-dep');
    bootstrap(r, 'production');
    bootstrap(r, 'development');
    r.put('clusters/production/infra.yaml', fluxKustomization('infra', './infra'));
    r.put('clusters/development/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn:\n    - name: infra\n'));
    r.put('infra/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: default\ndata:\n  a: "1"\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: apps\n  namespace: default\ndata:\n  a: "1"\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const dev = model.apps.find((a) => a.cluster === 'development' && a.kustomizations.some((k) => k.includes('/apps')))!;
    const prod = model.apps.find((a) => a.cluster === 'production' && a.kustomizations.some((k) => k.includes('/infra')))!;
    const devFacts = appFacts(model, dev.id)!;
    expect(devFacts.dependsOn.map((d) => [d.name, d.appId, d.otherClusters])).toEqual([['infra', null, ['production']]]);
    expect(appFacts(model, prod.id)!.dependedOnBy).toEqual([]);
    expect(renderAppReadme(devFacts)).toContain('Depends on: flux-system/infra (not in this cluster; only in production).');
  });
});
