/**
 * An app several clusters run gets a table of each cluster's chart versions and images. Its images were
 * read from HelmReleases alone: for a Deployment whose overlays pin another tag per cluster, the table
 * said "production —, staging —" (outside review). It lists the workload manifests' images too, as
 * each cluster's build makes them (`kubectl kustomize apps/production` gives echo-server:0.9.2).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: echo\nspec:\n  selector:\n    matchLabels: {app: echo}\n  template:\n    metadata:\n      labels: {app: echo}\n    spec:\n      containers:\n        - name: echo\n          image: ealen/echo-server:0.8.6\n';

describe("the per-cluster table of an app's page", () => {
  const repo = tempRepos(afterAll);

  it("lists the images of each cluster's workload manifests beside its releases'", async () => {
    const r = repo('cluster-table-images');
    for (const [cluster, tag] of [['production', '0.9.2'], ['staging', '0.8.12']] as const) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/apps.yaml`, fluxKustomization('apps', `./apps/${cluster}`));
      r.put(`apps/${cluster}/kustomization.yaml`, `resources:\n  - ../base/echo\nimages:\n  - name: ealen/echo-server\n    newTag: ${tag}\n`);
    }
    r.put('apps/base/echo/kustomization.yaml', 'namespace: echo\nresources:\n  - deployment.yaml\n  - helmrelease.yaml\n');
    r.put('apps/base/echo/deployment.yaml', deployment);
    r.put('apps/base/echo/helmrelease.yaml', helmRelease({ name: 'echo', chart: 'redis', version: '19.6.0', values: '    image:\n      repository: bitnami/redis\n      tag: 7.2.5\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['production', 'staging']);
    const app = model.apps.find((a) => a.cluster === 'staging' && a.name === 'echo')!;
    expect(appFacts(model, app.id)!.clusters.map((c) => [c.cluster, c.here, c.chartVersions, c.images])).toEqual([
      ['production', false, ['redis 19.6.0'], ['bitnami/redis:7.2.5', 'ealen/echo-server:0.9.2']],
      ['staging', true, ['redis 19.6.0'], ['bitnami/redis:7.2.5', 'ealen/echo-server:0.8.12']],
    ]);
  });
});
