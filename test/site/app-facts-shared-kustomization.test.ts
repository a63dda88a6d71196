/**
 * Apps that are folders of one shared Kustomization (`prod-apps` at apps/production, which builds
 * sonarr/ and radarr/ and depends on the infrastructure): the shared Kustomization's settings and
 * dependsOn are theirs. An outside review found such apps with no deployment and no dependencies,
 * while the same base under a Kustomization of its own showed both.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deploy = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('an app that is a folder of a shared Kustomization', () => {
  const repo = tempRepos(afterAll);

  it('shows that Kustomization as its deployment, and its dependsOn', async () => {
    const r = repo('app-facts-shared-ks');
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', fluxKustomization('infrastructure', './infra', '  wait: true\n'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('prod-apps', './apps/production', '  dependsOn:\n    - name: infrastructure\n'));
    r.put('infra/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n');
    r.put('apps/production/kustomization.yaml', 'resources:\n  - ./sonarr\n  - ./radarr\n');
    for (const app of ['sonarr', 'radarr']) {
      r.put(`apps/production/${app}/kustomization.yaml`, 'resources:\n  - deploy.yaml\n');
      r.put(`apps/production/${app}/deploy.yaml`, deploy(app));
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const sonarr = model.apps.find((a) => a.dir === 'apps/production/sonarr')!;
    expect(sonarr.kustomizations).toEqual([]);
    const facts = appFacts(model, sonarr.id)!;
    expect(facts.deployment.map((d) => d.id)).toEqual(['Kustomization/flux-system/prod-apps']);
    expect(facts.dependsOn.map((d) => d.name)).toEqual(['infrastructure']);
  });
});
