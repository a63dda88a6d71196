/**
 * Kyverno policies: rules, validationFailureAction (Audit only reports, Enforce blocks), the
 * namespaces rules exclude, and the PolicyExceptions that waive them. The policies a deployed
 * release of the kyverno-policies chart renders count as the manifests' do. An exception naming a
 * policy the repository does not define is KYVERNO_EXCEPTION_UNKNOWN_POLICY (info): a typo
 * there silently waives nothing. Where a deployed chart renders policies that cannot be listed,
 * nothing is said.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, refOf, type Ref } from './common.ts';
import { kyvernoChartPolicies, rendersUnknownPolicies } from './kyverno-chart-policies.ts';

export interface PolicyRow {
  id: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** Audit / Enforce; null when unset (Kyverno's default is Audit), and for a policy that validates nothing. */
  action: string | null;
  /**
   * It has a validate or verifyImages rule, the only ones an action applies to: a generate- or
   * mutate-only policy neither enforces nor audits anything.
   */
  validates: boolean;
  /** The HelmRelease whose chart renders it (kyverno-policies), and the profile its values choose. */
  release?: { id: string; profile: string };
  background: boolean | null;
  rules: { name: string; type: string; excludeNamespaces: string[] }[];
  /** Union of the rules' excluded namespaces. */
  excludedNamespaces: string[];
  exceptions: { id: string; ref: Ref }[];
  appId: string | null;
  ref: Ref;
}

export interface PolicyMatrix {
  policies: PolicyRow[];
  exceptions: { id: string; policies: string[]; ref: Ref }[];
  enforce: number;
  audit: number;
}

export function policyMatrix(model: RepoModel): { result: PolicyMatrix; findings: Finding[] } {
  const findings: Finding[] = [];
  const exceptions = model.policyExceptions.filter((e) => isLive(e, model));
  const policies: PolicyRow[] = model.kyvernoPolicies
    .filter((p) => isLive(p, model))
    .map((p) => {
      const validates = p.rules.length === 0 || p.rules.some((r) => r.type === 'validate' || r.type === 'verifyImages' || r.type === 'unknown');
      return {
        id: p.id,
        kind: p.kind,
        name: p.name,
        namespace: p.namespace,
        action: validates ? p.action : null,
        validates,
        background: p.background,
        rules: p.rules,
        excludedNamespaces: [...new Set(p.rules.flatMap((r) => r.excludeNamespaces))].sort(),
        exceptions: exceptions.filter((e) => e.policies.includes(p.name)).map((e) => ({ id: e.id, ref: refOf(e.source) })),
        appId: p.appId,
        ref: refOf(p.source),
      };
    });
  const releases = model.helmReleases.filter((h) => isLive(h, model));
  for (const hr of releases) {
    const set = kyvernoChartPolicies(hr);
    for (const p of set?.policies ?? []) {
      // (A namespaced `Policy` is made in the release's namespace.)
      const namespace = p.kind === 'Policy' ? (hr.targetNamespace ?? hr.namespace) : null;
      policies.push({
        id: `${hr.id}#${p.name}`,
        kind: p.kind,
        name: p.name,
        namespace,
        action: p.action,
        validates: true,
        release: { id: hr.id, profile: set!.profile },
        background: null,
        rules: [],
        excludedNamespaces: p.excludeNamespaces,
        exceptions: exceptions.filter((e) => e.policies.includes(p.name)).map((e) => ({ id: e.id, ref: refOf(e.source) })),
        appId: hr.appId,
        ref: refOf(hr.source),
      });
    }
  }
  policies.sort((a, b) => a.id.localeCompare(b.id));
  const known = new Set(policies.map((p) => p.name));
  const unlisted = releases.some(rendersUnknownPolicies);
  for (const e of exceptions) {
    for (const name of e.policies) {
      if (known.has(name) || policies.length === 0 || unlisted) continue;
      findings.push(finding('KYVERNO_EXCEPTION_UNKNOWN_POLICY', 'info', `PolicyException ${e.namespace ?? ''}/${e.name} waives policy "${name}", which no Kyverno policy in the repository is named.`, e.source, { area: 'policy', objectId: e.id }));
    }
  }
  const isEnforce = (a: string | null) => /^enforce$/i.test(a ?? '');
  return {
    result: {
      policies,
      exceptions: exceptions.map((e) => ({ id: e.id, policies: e.policies, ref: refOf(e.source) })),
      enforce: policies.filter((p) => p.validates && isEnforce(p.action)).length,
      audit: policies.filter((p) => p.validates && !isEnforce(p.action)).length,
    },
    findings,
  };
}

/** Policies that apply to a namespace (not excluded by every rule). */
export function policiesForNamespace(m: PolicyMatrix, ns: string): PolicyRow[] {
  // (A chart's policy lists no rules: its `policyExclude` entry is merged into every one of them.)
  return m.policies.filter((p) => (p.rules.length === 0 ? !p.excludedNamespaces.includes(ns) : p.rules.some((r) => !r.excludeNamespaces.includes(ns))));
}
