/**
 * A home-ops app's ks.yaml that defines a GitRepository of its own and, first, a Kustomization that
 * applies that repository's root (no path: CRDs from upstream), then the app's own Kustomization:
 * the GitRepository is the app's, as its Kustomizations are (outside review: it went to the cluster's
 * `cluster-apps`, because the app was taken for plumbing when its file's first Kustomization was one
 * without a path).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a source written in an app’s ks.yaml', async () => {
  const repo = tempRepos(afterAll);
  const r = repo('source-in-app-ks');
  r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
  r.put('kubernetes/apps/database/kustomization.yaml', 'namespace: database\nresources:\n  - ./cnpg/ks.yaml\n  - ./redis/ks.yaml\n');
  r.put(
    'kubernetes/apps/database/cnpg/ks.yaml',
    [
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: barman-crds\nspec:\n  interval: 1h\n  url: https://github.com/cloudnative-pg/plugin-barman-cloud.git\n  ref: {tag: v0.14.0}\n',
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: barman-crds\nspec:\n  interval: 1h\n  prune: true\n  sourceRef: {kind: GitRepository, name: barman-crds}\n',
      fluxKustomization('cnpg', './kubernetes/apps/database/cnpg/app').replace('  namespace: flux-system\n', ''),
    ].join('---\n'),
  );
  r.put('kubernetes/apps/database/cnpg/app/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
  r.put('kubernetes/apps/database/cnpg/app/helmrelease.yaml', helmRelease({ name: 'cnpg' }));
  r.put('kubernetes/apps/database/redis/ks.yaml', fluxKustomization('redis', './kubernetes/apps/database/redis/app').replace('  namespace: flux-system\n', ''));
  r.put('kubernetes/apps/database/redis/app/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
  r.put('kubernetes/apps/database/redis/app/helmrelease.yaml', helmRelease({ name: 'redis' }));
  const { model } = await scanRepo(r.root, parseConfig({}));
  const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;

  it('is the app’s, with its Kustomizations', () => {
    expect(appOf('Kustomization/database/cnpg')).toBe('database/cnpg');
    expect(appOf('Kustomization/database/barman-crds')).toBe('database/cnpg');
    expect(appOf('GitRepository/database/barman-crds')).toBe('database/cnpg');
  });
});
