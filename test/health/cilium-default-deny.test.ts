/**
 * Cilium's default deny is not Kubernetes': a CiliumNetworkPolicy with an ingress or egress section
 * holding a rule (even the empty rule `{}`, or a rule with `fromEndpoints: []`) puts the selected pods
 * into default deny for that direction and the empty rule lets no peer through, while an empty list
 * (`ingress: []`) means the policy does not apply there. A Kubernetes NetworkPolicy's `ingress: [{}]`
 * still allows everything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cnp = (name: string, ns: string, spec: string) => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  endpointSelector: {}\n${spec}`;
const knp = (name: string, ns: string, spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  podSelector: {}\n${spec}`;

describe('default deny of Cilium policies', () => {
  const repo = tempRepos(afterAll);

  it('is an empty rule, not an empty list; Kubernetes policies keep their own reading', async () => {
    const r = repo('cilium-deny');
    bootstrap(r);
    r.put('clusters/prod/net.yaml', fluxKustomization('net', './net'));
    const files = {
      'empty-rule.yaml': cnp('empty-rule', 'a', '  ingress:\n    - {}\n'),
      'empty-peers.yaml': cnp('empty-peers', 'b', '  egress:\n    - toEndpoints: []\n'),
      'empty-lists.yaml': cnp('empty-lists', 'c', '  ingress: []\n  egress: []\n'),
      'allow-all.yaml': cnp('allow-all', 'd', '  ingress:\n    - fromEndpoints:\n        - {}\n'),
      'switched-off.yaml': cnp('switched-off', 'e', '  enableDefaultDeny:\n    ingress: false\n  ingress:\n    - {}\n'),
      'only-deny.yaml': cnp('only-deny', 'f', '  ingressDeny:\n    - fromEntities: [world]\n'),
      'k8s-allow-all.yaml': knp('k8s-allow-all', 'g', '  ingress:\n    - {}\n'),
      'k8s-deny.yaml': knp('k8s-deny', 'h', '  policyTypes: [Ingress]\n  ingress: []\n'),
    };
    for (const [file, text] of Object.entries(files)) r.put(`net/${file}`, text);
    r.put('net/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`);
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const facts = Object.fromEntries(model.networkPolicies.map((p) => [p.name, [p.policyTypes.join('+'), p.defaultDeny]]));
    expect(facts).toEqual({
      'empty-rule': ['Ingress', true],
      'empty-peers': ['Egress', true],
      'empty-lists': ['', false],
      'allow-all': ['Ingress', false],
      'switched-off': ['', false],
      'only-deny': ['Ingress', true],
      'k8s-allow-all': ['Ingress', false],
      'k8s-deny': ['Ingress', true],
    });
  });
});
