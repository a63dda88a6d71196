/**
 * A policy that selects every pod and allows some peers in a direction makes that direction
 * default-deny: a pod selected by any policy for a direction accepts only what some policy allows
 * (Kubernetes' isolation, Cilium's alike). Outside review: "Default deny: no" for every namespace of a
 * cluster under a CiliumClusterwideNetworkPolicy `endpointSelector: {}` with `fromEntities: [cluster]`,
 * and for a namespace with `allow-same-namespace` (`from: [podSelector: {}]`). Shown as
 * "yes (ingress; allows cluster)"; "deny-all" stays for policies that allow nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;
const knp = (name: string, ns: string, spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

async function rows(repo: ReturnType<ReturnType<typeof tempRepos>>, policies: Record<string, string>) {
  bootstrap(repo);
  for (const ns of ['api', 'db', 'web']) {
    repo.put(`clusters/prod/${ns}.yaml`, fluxKustomization(ns, `./apps/${ns}`));
    repo.put(`apps/${ns}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
    repo.put(`apps/${ns}/deployment.yaml`, deployment(`${ns}-app`, ns));
  }
  repo.put('clusters/prod/net.yaml', fluxKustomization('net', './net'));
  for (const [file, text] of Object.entries(policies)) repo.put(`net/${file}`, text);
  repo.put('net/kustomization.yaml', `resources:\n${Object.keys(policies).map((f) => `  - ${f}\n`).join('')}`);
  const { analysis } = await computeAtlas(repo.root, parseConfig({}));
  const network = analysis.health.matrices.network;
  return {
    namespaces: Object.fromEntries(network.namespaces.filter((n) => ['api', 'db', 'web'].includes(n.namespace)).map((n) => [n.namespace, [n.defaultDeny, n.denyText]])),
    apps: Object.fromEntries(network.apps.filter((a) => ['api', 'db', 'web'].includes(a.namespace)).map((a) => [a.namespace, a.denyText])),
  };
}

describe('default deny of a policy that selects every pod', () => {
  const repo = tempRepos(afterAll);

  it('is a default deny of the direction where it allows some peers; deny-all where it allows none', async () => {
    const { namespaces, apps } = await rows(repo('deny-allows'), {
      'same-namespace.yaml': knp('allow-same-namespace', 'api', '  podSelector: {}\n  policyTypes: ["Ingress"]\n  ingress:\n    - from:\n        - podSelector: {}\n'),
      'deny-all.yaml': knp('deny-all', 'db', '  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'),
      // A policy of some pods only isolates those, not the namespace.
      'labelled.yaml': knp('web-from-traefik', 'web', '  podSelector:\n    matchLabels:\n      app: web-app\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: traefik\n'),
    });
    expect(namespaces).toEqual({ api: [true, 'yes (ingress; allows same namespace)'], db: [true, 'deny-all (ingress, egress)'], web: [false, 'no'] });
    expect(apps).toEqual({ api: 'yes (ingress; allows same namespace)', db: 'deny-all (ingress, egress)', web: 'no' });
  });

  it("is every namespace's under a CiliumClusterwideNetworkPolicy selecting all endpoints that allows the cluster", async () => {
    const ccnp = 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: cluster-ingress-allow\nspec:\n  endpointSelector: {}\n  ingress:\n    - fromEntities:\n        - cluster\n';
    // Allowing every peer (`- {}` in a Kubernetes policy, the `all` entity) isolates nothing.
    const open = knp('allow-all', 'web', '  podSelector: {}\n  ingress:\n    - {}\n');
    const { namespaces } = await rows(repo('deny-clusterwide'), { 'ccnp.yaml': ccnp, 'open.yaml': open });
    expect(namespaces).toEqual({ api: [true, 'yes (ingress; allows cluster)'], db: [true, 'yes (ingress; allows cluster)'], web: [true, 'yes (ingress; allows cluster)'] });
    const all = await rows(repo('deny-all-entity'), { 'ccnp.yaml': ccnp.replace('- cluster', '- all') });
    expect(all.namespaces).toEqual({ api: [false, 'no'], db: [false, 'no'], web: [false, 'no'] });
  });
});
