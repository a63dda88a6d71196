/**
 * A namespace whose pods a service mesh authorizes (Linkerd's Server and AuthorizationPolicy, Istio's
 * AuthorizationPolicy) is not "open to traffic from anywhere" for want of a NetworkPolicy: an outside
 * review found NETWORK_POLICY_MISSING, and a "no netpol" badge, on a meshed namespace whose Linkerd
 * policies admit only authenticated clients. The app page says why nothing is judged. A namespace
 * without either is still reported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deploy = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "ghcr.io/example/${name}:1.0.0"}]}\n`;

describe('a namespace a service mesh authorizes', () => {
  const repo = tempRepos(afterAll);

  it('is not reported as open; one without mesh policies still is', async () => {
    const r = repo('network-mesh-policies');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('api', './apps/api')}---\n${fluxKustomization('web', './apps/web')}`);
    r.put('apps/api/app.yaml', `${deploy('api', 'api')}---\napiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: api-http\n  namespace: api\nspec:\n  podSelector: {matchLabels: {app: api}}\n  port: 8080\n---\napiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: api-http\n  namespace: api\nspec:\n  targetRef: {group: policy.linkerd.io, kind: Server, name: api-http}\n  requiredAuthenticationRefs:\n    - {group: policy.linkerd.io, kind: MeshTLSAuthentication, name: mesh-clients}\n`);
    r.put('apps/web/app.yaml', deploy('web', 'web'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.objectId);
    expect(found).toEqual(['Namespace/_cluster/web']);
    const facts = (ns: string) => appFacts(model, model.apps.find((a) => a.namespace === ns && a.dir.startsWith('apps/'))!.id)!;
    expect(facts('api').badges.missingNetworkPolicy).toBe(false);
    expect(facts('api').monitoring.networkUnknown).toContain("service mesh's authorization policies");
    expect(facts('web').badges.missingNetworkPolicy).toBe(true);
  });
});
