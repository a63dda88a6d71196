/**
 * An app that runs no pod (no workload, no HelmRelease, no operator resource that runs pods: a Kyverno
 * ClusterPolicy and its PolicyException, say) has nothing to monitor and nothing a NetworkPolicy
 * selects. Outside review: such an app beside the namespace's default-deny had a "no monitoring" badge
 * and "NetworkPolicy default-deny (selects every pod of the namespace)" on its page.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: ghcr.io/example/web:1.2.3
`;
const defaultDeny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
const clusterPolicy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-limits
spec:
  validationFailureAction: Enforce
  rules:
    - name: check-limits
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: limits required
        pattern:
          spec:
            containers:
              - resources:
                  limits:
                    memory: "?*"
`;
const exception = `apiVersion: kyverno.io/v2
kind: PolicyException
metadata:
  name: web-worker-no-limits
  namespace: web
spec:
  exceptions:
    - policyName: require-limits
      ruleNames: [check-limits]
  match:
    any:
      - resources:
          kinds: [Pod]
          namespaces: [web]
`;
const cnpgCluster = 'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: postgres\n  namespace: database\nspec:\n  instances: 2\n  storage:\n    size: 5Gi\n';

describe('an app that runs no pod', () => {
  const repo = tempRepos(afterAll);

  it('gets no monitoring or network-policy badge, and no policy of its namespace is said to select it', async () => {
    const { root, put } = repo('runs-no-pod');
    put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    put('clusters/prod/stack.yaml', [fluxKustomization('monitoring', './apps/monitoring'), fluxKustomization('web', './apps/web'), fluxKustomization('policy', './infra/policy'), fluxKustomization('database', './apps/database')].join('---\n'));
    put('apps/monitoring/kube-prometheus-stack.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    put('apps/web/kustomization.yaml', 'namespace: web\nresources:\n  - deployment.yaml\n  - netpol.yaml\n');
    put('apps/web/deployment.yaml', deployment);
    put('apps/web/netpol.yaml', defaultDeny);
    put('infra/policy/kustomization.yaml', 'resources:\n  - require-limits.yaml\n  - exception.yaml\n');
    put('infra/policy/require-limits.yaml', clusterPolicy);
    put('infra/policy/exception.yaml', exception);
    put('apps/database/cluster.yaml', cnpgCluster);
    const { model } = await computeAtlas(root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;

    const policy = facts('policy');
    expect(policy.namespace).toBe('web');
    expect(policy.badges).toEqual({ missingBackup: false, missingMonitoring: false, missingNetworkPolicy: false });
    expect(policy.monitoring.networkPolicies).toEqual([]);
    expect(policy.monitoring.networkUnknown).toMatch(/^The app runs no pod of its own: it applies configuration only/);

    // The app beside it that runs the pods: its namespace's policy selects them; nothing scrapes them.
    const web = facts('web');
    expect(web.monitoring.networkPolicies.map((p) => p.name)).toEqual(['default-deny']);
    expect(web.badges.missingMonitoring).toBe(true);
    // An operator's resource runs pods (CloudNativePG runs postgres for the Cluster): still judged.
    expect(facts('database').badges).toEqual({ missingBackup: expect.any(Boolean), missingMonitoring: true, missingNetworkPolicy: true });
  });
});
