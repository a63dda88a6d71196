/**
 * A CiliumClusterwideNetworkPolicy may pick namespaces by their labels: Cilium gives every pod its
 * namespace's labels as `io.cilium.k8s.namespace.labels.<key>`. A policy selecting
 * `...labels.networking.example/isolation: enabled` covers each namespace whose Namespace manifest
 * carries that label (outside review: four namespaces so isolated were NETWORK_POLICY_MISSING), and
 * no other.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const namespace = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels ? `  labels:\n${labels}` : ''}`;
const deployment = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/example/${name}:1.0.0\n`;

describe('a clusterwide Cilium policy selecting namespaces by label', () => {
  const repo = tempRepos(afterAll);

  it('covers the namespaces with the label, not the others', async () => {
    const r = repo('cilium-namespace-labels');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./policy.yaml\n  - ./mail.yaml\n  - ./web.yaml\n');
    r.put('apps/policy.yaml', 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: isolated-namespaces\nspec:\n  endpointSelector:\n    matchLabels:\n      io.cilium.k8s.namespace.labels.networking.example/isolation: enabled\n  ingress:\n    - fromEntities: [host]\n');
    r.put('apps/mail.yaml', `${namespace('mail', '    networking.example/isolation: enabled\n')}---\n${deployment('mail', 'mail')}`);
    r.put('apps/web.yaml', `${namespace('web', '')}---\n${deployment('web', 'web')}`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => /Namespace (\S+)/.exec(f.message)?.[1]);
    expect(missing).toEqual(['web']);
  });
});
