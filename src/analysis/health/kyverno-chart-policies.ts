/**
 * The Kyverno policies a HelmRelease of Kyverno's own `kyverno-policies` chart renders: the Pod
 * Security Standards set its values choose (charts/kyverno-policies in kyverno/kyverno: `_helpers.tpl`
 * decides per template, each template is named after the policy it makes). A PolicyException that
 * waives one of these names a real policy (outside review: `disallow-capabilities-strict` under
 * `podSecurityStandard: restricted` was KYVERNO_EXCEPTION_UNKNOWN_POLICY, and the policy page said
 * 0 enforcing beside a release that enforces the restricted set).
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { arr, isObj, obj, str } from '../../model/values.ts';
import { strs } from './common.ts';

/** `baseline/` templates: rendered for the baseline and restricted profiles, or a custom profile that lists them. */
const BASELINE = ['disallow-capabilities', 'disallow-host-namespaces', 'disallow-host-path', 'disallow-host-ports', 'disallow-host-process', 'disallow-privileged-containers', 'disallow-proc-mount', 'disallow-selinux', 'restrict-apparmor-profiles', 'restrict-seccomp', 'restrict-sysctls'];
/** `restricted/` templates: the restricted profile, a custom one that lists them, or `includeRestrictedPolicies`. */
const RESTRICTED = ['disallow-capabilities-strict', 'disallow-privilege-escalation', 'require-run-as-non-root-user', 'require-run-as-nonroot', 'restrict-seccomp-strict', 'restrict-volume-types'];
/** Made only as a ValidatingPolicy (`policyType: ValidatingPolicy`), restricted like the others. */
const RESTRICTED_CEL_ONLY = ['disallow-proc-mount-strict'];
/** `other/` templates: only by name in `includeOtherPolicies`. */
const OTHER = ['require-non-root-groups'];

interface ChartPolicy {
  name: string;
  /** ClusterPolicy, or ValidatingPolicy where `policyType: ValidatingPolicy` asks for the CEL set. */
  kind: string;
  /** `validationFailureActionByPolicy.<name>`, else `validationFailureAction` (the chart's default is Audit). */
  action: string;
  /** Namespaces `policyExclude.<name>` leaves out (it is merged into each of the policy's rules). */
  excludeNamespaces: string[];
}

export interface ChartPolicies {
  /** `podSecurityStandard` (baseline by default; privileged renders none of the set). */
  profile: string;
  policies: ChartPolicy[];
  /**
   * Every policy it renders is listed: false where values the repository does not show may add more
   * (`customPolicies` written as a template, `customPoliciesPath`, valuesFrom not found).
   */
  complete: boolean;
}

/** The policies of a HelmRelease of the kyverno-policies chart; null for any other chart. */
export function kyvernoChartPolicies(hr: Pick<HelmRelease, 'chart' | 'values' | 'valuesFrom'>): ChartPolicies | null {
  if (hr.chart.name !== 'kyverno-policies') return null;
  const v = obj(hr.values);
  const profile = str(v.podSecurityStandard) ?? 'baseline';
  const custom = profile === 'custom' ? strs(v.podSecurityPolicies) : [];
  const cel = str(v.policyType) === 'ValidatingPolicy';
  const baseline = BASELINE.filter((n) => profile === 'baseline' || profile === 'restricted' || custom.includes(n));
  const restricted = [...RESTRICTED, ...(cel ? RESTRICTED_CEL_ONLY : [])].filter((n) => profile === 'restricted' || custom.includes(n) || strs(v.includeRestrictedPolicies).includes(n));
  const other = OTHER.filter((n) => strs(v.includeOtherPolicies).includes(n));
  const byPolicy = obj(v.validationFailureActionByPolicy);
  const kind = cel ? 'ValidatingPolicy' : 'ClusterPolicy';
  const made = [...baseline, ...restricted, ...other].map((name) => ({ name, kind, action: str(byPolicy[name]) ?? str(v.validationFailureAction) ?? 'Audit', excludeNamespaces: excluded(obj(v.policyExclude)[name]) }));
  // `customPolicies`: whole manifests (a list, or a map of them), rendered as written.
  const entries = Array.isArray(v.customPolicies) ? v.customPolicies : isObj(v.customPolicies) ? Object.values(v.customPolicies) : [];
  const customMade = entries.flatMap((p) => {
    const name = str(obj(obj(p).metadata).name);
    return name && !name.includes('{{') ? [{ name, kind: str(obj(p).kind) ?? 'ClusterPolicy', action: str(obj(obj(p).spec).validationFailureAction) ?? 'Audit', excludeNamespaces: [] }] : [];
  });
  const complete = customMade.length === entries.length && arr(v.customPoliciesPath).length === 0 && hr.valuesFrom.every((f) => f.found);
  return { profile, policies: [...made, ...customMade].sort((a, b) => a.name.localeCompare(b.name)), complete };
}

/**
 * A chart of Kyverno policies the tool cannot list (a chart of one's own, `cluster-policies`, a
 * vendor's set): what it renders is not known, so an exception naming a policy none of the
 * manifests defines may still name one of its.
 */
export function rendersUnknownPolicies(hr: Pick<HelmRelease, 'chart' | 'values' | 'valuesFrom'>): boolean {
  const known = kyvernoChartPolicies(hr);
  if (known) return !known.complete;
  const name = hr.chart.name ?? '';
  return /polic/i.test(name) && !/reporter/i.test(name);
}

/** The namespaces an exclude block (`any`/`all` of `resources`, or `resources` itself) names. */
function excluded(block: unknown): string[] {
  const b = obj(block);
  const resources = [obj(b.resources), ...arr(b.any).map((a) => obj(obj(a).resources)), ...arr(b.all).map((a) => obj(obj(a).resources))];
  return [...new Set(resources.flatMap((r) => strs(r.namespaces)))].sort();
}
