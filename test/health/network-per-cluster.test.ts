/**
 * Where the repository has several clusters, each cluster's bootstrap builds its own path: a policy
 * one cluster applies covers nothing on another. The matrix listed one cluster's deny-all as covering
 * the other cluster's app, and the other's NETWORK_POLICY_MISSING was lost (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: busybox:1.36\n`;

describe('network policies of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("cover their own cluster's namespace only", async () => {
    const r = repo('network-per-cluster');
    for (const c of ['hardway', 'aws']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
      r.put(`apps/${c}/kustomization.yaml`, `resources:\n  - app.yaml\n${c === 'aws' ? '  - deny.yaml\n' : ''}`);
      r.put(`apps/${c}/app.yaml`, deployment(`demo-${c}`, 'gpu-apps'));
    }
    r.put('apps/aws/deny.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: gpu-apps\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
    const { analysis, model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.clusters).toEqual(['aws', 'hardway']);
    const rows = analysis.health.matrices.network.namespaces.filter((n) => n.namespace === 'gpu-apps');
    expect(rows.map((n) => [n.cluster, n.policies.map((p) => p.name)])).toEqual([['aws', ['deny-all']], ['hardway', []]]);
    const apps = analysis.health.matrices.network.apps.filter((a) => a.namespace === 'gpu-apps');
    expect(Object.fromEntries(apps.map((a) => [a.appId.split('/')[0], a.policies.map((p) => p.name)]))).toEqual({ aws: ['deny-all'], hardway: [] });
    const missing = analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' && f.message.includes('gpu-apps'));
    expect(missing.map((f) => [f.message.split(' has ')[0], f.appId?.split('/')[0]])).toEqual([['Namespace gpu-apps of cluster hardway', 'hardway']]);
  });
});
