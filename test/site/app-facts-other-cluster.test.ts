/**
 * An app page of one cluster reads its own cluster's objects, not another cluster's of the same
 * namespace and name (the review of a two-cluster repository found several facts matched so):
 * - a NetworkPolicy another cluster applies in the app's namespace selects that cluster's pods, as the
 *   network matrix counts it (network-per-cluster.test.ts); the page listed it as selecting the app;
 * - a Kustomization building another repository's artifact names a source kustomize-controller looks
 *   for in its own cluster; the page gave the URL of another cluster's source of that name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.0\n';
const denyAll = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: web\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
const gitRepository = (url: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: extra\n  namespace: flux-system\nspec:\n  interval: 10m\n  ref:\n    branch: main\n  url: ${url}\n`;
const extraKs = fluxKustomization('extra', './deploy', '  targetNamespace: extra\n').replace('name: flux-system\n', 'name: extra\n');

describe('an app page in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("lists the policies and the source of the app's own cluster only", async () => {
    const r = repo('app-facts-other-cluster');
    for (const cluster of ['alpha', 'beta']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/web.yaml`, fluxKustomization('web', `./apps/web/${cluster}`));
      r.put(`clusters/${cluster}/extra.yaml`, extraKs);
      r.put(`apps/web/${cluster}/kustomization.yaml`, `resources:\n  - ../base\n${cluster === 'alpha' ? '  - deny.yaml\n' : ''}`);
    }
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/web/base/deployment.yaml', deployment);
    r.put('apps/web/alpha/deny.yaml', denyAll);
    // Only alpha defines the GitRepository beta's `extra` Kustomization names.
    r.put('clusters/alpha/extra-source.yaml', gitRepository('https://github.com/example/extra'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['alpha', 'beta']);
    const facts = (cluster: string, name: string) => appFacts(model, model.apps.find((a) => a.cluster === cluster && a.name === name)!.id)!;
    expect(facts('alpha', 'web').monitoring.networkPolicies.map((p) => [p.name, p.why])).toEqual([['default-deny', 'part of the app']]);
    expect(facts('beta', 'web').monitoring.networkPolicies).toEqual([]);
    expect(facts('beta', 'web').badges.missingNetworkPolicy).toBe(true);
    expect(facts('alpha', 'extra').external).toEqual({ source: 'GitRepository/extra', url: 'https://github.com/example/extra' });
    expect(facts('beta', 'extra').external).toEqual({ source: 'GitRepository/extra', url: null });
  });
});
