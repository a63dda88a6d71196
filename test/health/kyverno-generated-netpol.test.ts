/**
 * A Kyverno ClusterPolicy whose generate rule makes a NetworkPolicy for each Namespace it matches
 * (Kyverno's add-networkpolicy sample) gives those namespaces a policy no manifest shows:
 * NETWORK_POLICY_MISSING must not name them. Names and excludes by name are read; a match on labels
 * is taken to admit every Namespace; a copy nothing deploys makes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;

/** A ClusterPolicy with one generate rule; `match` and `exclude` are YAML lines indented by six spaces. */
const clusterPolicy = (match: string, exclude = '') =>
  `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: netpol-per-namespace\nspec:\n  rules:\n    - name: deny-all\n      match:\n${match}${exclude ? `      exclude:\n${exclude}` : ''}      generate:\n        apiVersion: networking.k8s.io/v1\n        kind: NetworkPolicy\n        name: deny-all\n        namespace: "{{request.object.metadata.name}}"\n        synchronize: true\n        data:\n          spec:\n            podSelector: {}\n            policyTypes: [Ingress]\n`;

const onNamespaces = '        any:\n          - resources:\n              kinds: [Namespace]\n';

/** Namespaces alpha, beta and gamma each run an app; the policy is deployed from policies/ (or only lies in archive/). */
async function scan(repo: ReturnType<ReturnType<typeof tempRepos>>, policy: string, deployed = true) {
  bootstrap(repo);
  for (const ns of ['alpha', 'beta', 'gamma']) {
    repo.put(`clusters/prod/${ns}.yaml`, fluxKustomization(ns, `./apps/${ns}`));
    repo.put(`apps/${ns}/kustomization.yaml`, 'resources:\n  - namespace.yaml\n  - deployment.yaml\n');
    repo.put(`apps/${ns}/namespace.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.put(`apps/${ns}/deployment.yaml`, deployment(`${ns}-web`, ns));
  }
  if (deployed) repo.put('clusters/prod/policies.yaml', fluxKustomization('policies', './policies'));
  repo.put(`${deployed ? 'policies' : 'archive/policies'}/netpol.yaml`, policy);
  const { analysis, model } = await computeAtlas(repo.root, parseConfig({}));
  // What each app's page says of its network policies (the same judgement as the finding's).
  const pages = Object.fromEntries(model.apps.filter((a) => ['alpha', 'beta', 'gamma'].includes(a.namespace)).map((a) => {
    const facts = appFacts(model, a.id)!;
    return [a.namespace, [facts.monitoring.networkPolicies.map((p) => p.name).join(','), facts.badges.missingNetworkPolicy]];
  }));
  const missing = analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.objectId!.split('/').at(-1));
  const rows = analysis.health.matrices.network.namespaces.filter((n) => n.policies.length > 0).map((n) => [n.namespace, n.policies.map((p) => p.name).join(','), n.defaultDeny]);
  return { missing, rows, pages };
}

describe('a NetworkPolicy Kyverno generates per Namespace', () => {
  const repo = tempRepos(afterAll);

  it('covers every Namespace the rule matches, as a default deny, but those it excludes by name', async () => {
    const out = await scan(repo('kyverno-all'), clusterPolicy(onNamespaces, '        any:\n          - resources:\n              kinds: [Namespace]\n              names: [gam*]\n'));
    // (Not flux-system: made at bootstrap, before the policy, so Kyverno generates nothing there.)
    expect(out.rows).toEqual([['alpha', 'deny-all', true], ['beta', 'deny-all', true]]);
    expect(out.missing).toEqual(['gamma']);
    // The app pages agree: "No NetworkPolicy selects this app" only where the finding is.
    expect(out.pages).toEqual({ alpha: ['deny-all', false], beta: ['deny-all', false], gamma: ['', true] });
  });

  it('covers only the Namespaces a match names', async () => {
    const out = await scan(repo('kyverno-names'), clusterPolicy('        resources:\n          kinds: [v1/Namespace]\n          names: [alpha, b?ta]\n'));
    expect(out.missing).toEqual(['gamma']);
  });

  it('takes a match on labels to admit every Namespace, and an exclude on labels to exclude none', async () => {
    const out = await scan(repo('kyverno-labels'), clusterPolicy('        any:\n          - resources:\n              kinds: [Namespace]\n              selector:\n                matchLabels: {netpol: deny}\n', '        any:\n          - resources:\n              kinds: [Namespace]\n              names: [gamma]\n              selector:\n                matchLabels: {netpol: allow}\n'));
    expect(out.missing).toEqual([]);
  });

  it('makes nothing from a rule on other kinds, or from a copy nothing deploys', async () => {
    expect((await scan(repo('kyverno-pods'), clusterPolicy('        any:\n          - resources:\n              kinds: [Pod]\n'))).missing).toEqual(['alpha', 'beta', 'gamma']);
    expect((await scan(repo('kyverno-archive'), clusterPolicy(onNamespaces), false)).missing).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('that enforces egress only is no cover: pods still accept traffic from anywhere (an outside review\'s probe)', async () => {
    const egress = clusterPolicy(onNamespaces).replace('policyTypes: [Ingress]', 'policyTypes: [Egress]');
    const out = await scan(repo('kyverno-egress'), egress);
    expect(out.missing).toEqual(expect.arrayContaining(['alpha', 'beta', 'gamma']));
  });
});

describe('a namespace whose NetworkPolicies all enforce egress only', () => {
  const repo = tempRepos(afterAll);

  it('is NETWORK_POLICY_MISSING, which names them; one that enforces ingress covers it', async () => {
    const r = repo('egress-only-manifest');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - deployment.yaml\n  - egress.yaml\n');
    r.put('apps/web/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
    r.put('apps/web/deployment.yaml', deployment('web', 'web'));
    r.put('apps/web/egress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: dns-only\n  namespace: web\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: 53\n          protocol: UDP\n');
    const missing = async () => (await computeAtlas(r.root, parseConfig({}))).analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' && f.objectId === 'Namespace/_cluster/web').map((f) => f.message);
    expect(await missing()).toEqual(['Namespace web has only policies that enforce egress (dns-only): every pod in it accepts traffic from anywhere.']);
    r.put('apps/web/egress.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-in\n  namespace: web\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n');
    expect(await missing()).toEqual([]);
  });

  // Kyverno runs a generate rule when a matching Namespace is admitted: kube-system, default, Flux's and
  // Kyverno's own exist before the policy, so they get nothing unless the policy says generateExisting
  // (outside review: kube-system shown with a generated default deny, its NETWORK_POLICY_MISSING missed).
  it('covers no namespace made before the policy (kube-system, flux-system), unless generateExisting', async () => {
    const withKubeSystem = async (name: string, policy: string) => {
      const r = repo(name);
      r.put('clusters/prod/system.yaml', fluxKustomization('system', './system'));
      r.put('system/deployment.yaml', deployment('metrics', 'kube-system'));
      return scan(r, policy);
    };
    const plain = await withKubeSystem('kyverno-before', clusterPolicy(onNamespaces));
    expect(plain.rows.map((r) => r[0])).toEqual(['alpha', 'beta', 'gamma']);
    expect(plain.missing).toContain('kube-system');
    const existing = await withKubeSystem('kyverno-existing', clusterPolicy(onNamespaces).replace('spec:\n  rules:', 'spec:\n  generateExisting: true\n  rules:'));
    expect(existing.rows.map((r) => r[0])).toEqual(['alpha', 'beta', 'flux-system', 'gamma', 'kube-system']);
    expect(existing.missing).not.toContain('kube-system');
  });
});
