/**
 * NETWORK_POLICY_MISSING points at what runs in the namespace, never at a copy nothing deploys: an
 * archive folder's Namespace object or HelmRelease in the same namespace came first in the model and
 * took the finding, so it sat on a file the owner does not apply.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: blog\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

describe('a namespace without NetworkPolicy, with an undeployed copy in it', () => {
  const repo = tempRepos(afterAll);

  it('is reported at the deployed app, not at the archived Namespace or release', async () => {
    const r = repo('netpol-undeployed');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/deployment.yaml', deployment);
    r.put('archive/blog/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\n');
    r.put('archive/blog/release.yaml', helmRelease({ name: 'api', namespace: 'blog' }));
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => [f.source.file, f.appId])).toEqual([['clusters/prod/web.yaml', 'blog/web']]);
  });

  it('is still reported at the Namespace object where that one is deployed', async () => {
    const r = repo('netpol-deployed-ns');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/deployment.yaml', deployment);
    r.put('apps/web/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\n');
    r.put('archive/blog/release.yaml', helmRelease({ name: 'api', namespace: 'blog' }));
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => [f.source.file, f.appId])).toEqual([['apps/web/namespace.yaml', 'blog/web']]);
  });
});

/**
 * A namespace whose only workloads are in a Kustomization whose build fails (a kustomization.yaml
 * kustomize cannot decode) runs nothing: no NETWORK_POLICY_MISSING for it, where the build's error and
 * NOT_DEPLOYED say what is wrong (outside review, twenty-fourth round).
 */
describe('a namespace only a failing build would run workloads in', () => {
  const repo = tempRepos(afterAll);

  it('is not said to lack a NetworkPolicy; the same build working, it is', async () => {
    const scan = async (labels: string) => {
      const r = repo('netpol-failing-build');
      bootstrap(r);
      r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
      // The Namespace is the cluster's (its root applies it), the workload the failing build's.
      r.put('clusters/prod/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\n');
      r.put('apps/web/kustomization.yaml', `resources:\n  - deployment.yaml\n${labels}`);
      r.put('apps/web/deployment.yaml', deployment);
      const { analysis } = await computeAtlas(r.root, parseConfig({}));
      return analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' || f.severity === 'error').map((f) => f.code);
    };
    expect(await scan('labels:\n  app: blog\n')).toEqual(['KUSTOMIZE_FIELD_INVALID']);
    expect(await scan('labels:\n  - pairs:\n      app: blog\n')).toEqual(['NETWORK_POLICY_MISSING']);
  });
});
