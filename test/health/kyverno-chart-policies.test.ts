/**
 * The policies a release of Kyverno's kyverno-policies chart renders are Kyverno policies of the
 * repository: the Pod Security set `podSecurityStandard` chooses (baseline, restricted, custom), with
 * `includeRestrictedPolicies` / `includeOtherPolicies`, in `validationFailureAction` (by policy where
 * `validationFailureActionByPolicy` says). Outside review: a PolicyException on
 * `disallow-capabilities-strict` under `podSecurityStandard: restricted` was
 * KYVERNO_EXCEPTION_UNKNOWN_POLICY, and the policy page counted 0 enforcing. A chart of policies
 * that cannot be listed leaves the finding out; a generate-only policy has no action.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const exception = (name: string, policy: string) =>
  `apiVersion: kyverno.io/v2\nkind: PolicyException\nmetadata:\n  name: ${name}\nspec:\n  exceptions:\n    - policyName: ${policy}\n      ruleNames: ["require-drop-all", "autogen-require-drop-all"]\n  match:\n    any:\n      - resources:\n          kinds: ["Pod", "Deployment"]\n          namespaces: ["demo"]\n`;

/** Kyverno's add-networkpolicy sample: a policy that only generates. */
const generateOnly = `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: add-default-deny\nspec:\n  rules:\n    - name: default-deny\n      match:\n        any:\n          - resources:\n              kinds: ["Namespace"]\n      generate:\n        apiVersion: networking.k8s.io/v1\n        kind: NetworkPolicy\n        name: default-deny\n        namespace: "{{request.object.metadata.name}}"\n        synchronize: true\n        data:\n          spec:\n            podSelector: {}\n            policyTypes: ["Ingress", "Egress"]\n`;

async function scan(repo: ReturnType<ReturnType<typeof tempRepos>>, chart: string, values: string) {
  bootstrap(repo);
  repo.put('clusters/prod/kyverno.yaml', fluxKustomization('kyverno', './apps/kyverno', '  targetNamespace: kyverno\n'));
  repo.put('apps/kyverno/kustomization.yaml', 'resources:\n  - repository.yaml\n  - helmrelease.yaml\n  - exceptions.yaml\n  - generate.yaml\n');
  repo.put('apps/kyverno/repository.yaml', helmRepository('kyverno', 'https://kyverno.github.io/kyverno/'));
  repo.put('apps/kyverno/helmrelease.yaml', helmRelease({ name: 'kyverno-policies', chart, version: '3.3.2', source: 'kyverno', values }));
  repo.put('apps/kyverno/exceptions.yaml', `${exception('web-caps', 'disallow-capabilities-strict')}---\n${exception('typo', 'no-such-policy')}`);
  repo.put('apps/kyverno/generate.yaml', generateOnly);
  const { analysis } = await computeAtlas(repo.root, parseConfig({}));
  const unknown = analysis.findings.filter((f) => f.code === 'KYVERNO_EXCEPTION_UNKNOWN_POLICY').map((f) => f.objectId);
  return { unknown, policy: analysis.health.matrices.policy, basis: analysis.health.areas.find((a) => a.area === 'policy')?.basis };
}

describe('the policies the kyverno-policies chart renders', () => {
  const repo = tempRepos(afterAll);

  it('knows the restricted set and its action: the exception on a chart policy is no finding, the typo still is', async () => {
    const { unknown, policy, basis } = await scan(repo('kyverno-restricted'), 'kyverno-policies', '    podSecurityStandard: restricted\n    validationFailureAction: Enforce\n');
    expect(unknown).toEqual(['PolicyException/kyverno/typo']);
    const chart = policy.policies.filter((p) => p.release);
    // The baseline set (11) and the restricted one (6), as the chart's templates name them.
    expect(chart.map((p) => p.name)).toEqual([
      'disallow-capabilities', 'disallow-capabilities-strict', 'disallow-host-namespaces', 'disallow-host-path', 'disallow-host-ports', 'disallow-host-process',
      'disallow-privilege-escalation', 'disallow-privileged-containers', 'disallow-proc-mount', 'disallow-selinux', 'require-run-as-non-root-user',
      'require-run-as-nonroot', 'restrict-apparmor-profiles', 'restrict-seccomp', 'restrict-seccomp-strict', 'restrict-sysctls', 'restrict-volume-types',
    ]);
    const strict = chart.find((p) => p.name === 'disallow-capabilities-strict')!;
    expect(strict).toMatchObject({ kind: 'ClusterPolicy', action: 'Enforce', release: { id: 'HelmRelease/kyverno/kyverno-policies', profile: 'restricted' } });
    expect(strict.exceptions.map((e) => e.id)).toEqual(['PolicyException/kyverno/web-caps']);
    // The generate-only policy neither enforces nor audits.
    expect(policy.policies.find((p) => p.name === 'add-default-deny')).toMatchObject({ action: null, validates: false });
    expect([policy.enforce, policy.audit]).toEqual([17, 0]);
    expect(basis).toBe('17 enforcing and 0 auditing Kyverno policies');
  });

  it('renders the baseline set by default in Audit, with a per-policy action and includes', async () => {
    const values = '    validationFailureActionByPolicy:\n      disallow-host-path: Enforce\n    includeRestrictedPolicies: [disallow-capabilities-strict]\n    includeOtherPolicies: [require-non-root-groups]\n    policyExclude:\n      disallow-host-path:\n        any:\n          - resources:\n              kinds: [Pod]\n              namespaces: [fluent]\n';
    const { unknown, policy } = await scan(repo('kyverno-baseline'), 'kyverno-policies', values);
    expect(unknown).toEqual(['PolicyException/kyverno/typo']);
    const chart = policy.policies.filter((p) => p.release);
    expect(chart).toHaveLength(13);
    expect(chart.filter((p) => p.action === 'Enforce').map((p) => p.name)).toEqual(['disallow-host-path']);
    expect(chart.find((p) => p.name === 'disallow-host-path')?.excludedNamespaces).toEqual(['fluent']);
    expect(chart.map((p) => p.name)).toContain('require-non-root-groups');
    expect(chart.map((p) => p.name)).not.toContain('restrict-volume-types');
    expect([policy.enforce, policy.audit]).toEqual([1, 12]);
  });

  it('renders none of the set for the privileged profile, and stays silent beside a chart of policies it cannot list', async () => {
    const privileged = await scan(repo('kyverno-privileged'), 'kyverno-policies', '    podSecurityStandard: privileged\n');
    expect(privileged.policy.policies.filter((p) => p.release)).toEqual([]);
    expect(privileged.unknown.sort()).toEqual(['PolicyException/kyverno/typo', 'PolicyException/kyverno/web-caps']);
    const own = await scan(repo('kyverno-own-chart'), 'cluster-policies', '    enforce: true\n');
    expect(own.unknown).toEqual([]);
  });
});
