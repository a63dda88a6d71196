/**
 * Kyverno policies: rules, validationFailureAction (Audit only reports, Enforce blocks), the
 * namespaces rules exclude, and the PolicyExceptions that waive them. An exception naming a
 * policy the repository does not define is KYVERNO_EXCEPTION_UNKNOWN_POLICY (info): a typo
 * there silently waives nothing.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, refOf, type Ref } from './common.ts';

export interface PolicyRow {
  id: string;
  kind: string;
  name: string;
  namespace: string | null;
  /** Audit / Enforce; null when unset (Kyverno's default is Audit). */
  action: string | null;
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
    .map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      namespace: p.namespace,
      action: p.action,
      background: p.background,
      rules: p.rules,
      excludedNamespaces: [...new Set(p.rules.flatMap((r) => r.excludeNamespaces))].sort(),
      exceptions: exceptions.filter((e) => e.policies.includes(p.name)).map((e) => ({ id: e.id, ref: refOf(e.source) })),
      appId: p.appId,
      ref: refOf(p.source),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const known = new Set(policies.map((p) => p.name));
  for (const e of exceptions) {
    for (const name of e.policies) {
      if (known.has(name) || policies.length === 0) continue;
      findings.push(finding('KYVERNO_EXCEPTION_UNKNOWN_POLICY', 'info', `PolicyException ${e.namespace ?? ''}/${e.name} waives policy "${name}", which no Kyverno policy in the repository is named.`, e.source, { area: 'policy', objectId: e.id }));
    }
  }
  const isEnforce = (a: string | null) => /^enforce$/i.test(a ?? '');
  return {
    result: {
      policies,
      exceptions: exceptions.map((e) => ({ id: e.id, policies: e.policies, ref: refOf(e.source) })),
      enforce: policies.filter((p) => isEnforce(p.action)).length,
      audit: policies.filter((p) => !isEnforce(p.action)).length,
    },
    findings,
  };
}

/** Policies that apply to a namespace (not excluded by every rule). */
export function policiesForNamespace(m: PolicyMatrix, ns: string): PolicyRow[] {
  return m.policies.filter((p) => p.rules.length === 0 || p.rules.some((r) => !r.excludeNamespaces.includes(ns)));
}
