import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';
import { IsolationSchema } from './network.ts';

/**
 * A generate rule that makes a NetworkPolicy or CiliumNetworkPolicy when a Namespace is created
 * (Kyverno's add-networkpolicy sample): every Namespace it matches gets one.
 * https://kyverno.io/docs/writing-policies/generate/
 */
const GeneratedNetworkPolicySchema = z.object({
  kind: z.string(),
  name: z.string(),
  /** The namespace written in the rule; null: the matched Namespace's own (`{{request.object.metadata.name}}`, or another expression). */
  namespace: z.string().nullable(),
  /** Of the policy in `data`: it selects every pod, and allows nothing in a direction (false for a clone). */
  selectsAll: z.boolean(),
  defaultDeny: z.boolean(),
  /** The directions it makes default-deny, and the peers it allows there (NetworkPolicy.isolates). */
  isolates: z.array(IsolationSchema).optional(),
  /**
   * The Namespace names the match admits, as Kyverno wildcards (`*`, `?`); null: any Namespace, or
   * a match narrowed by what a repository does not show (labels, annotations, subjects).
   */
  forNamespaces: z.array(z.string()).nullable(),
  /** Namespace names (wildcards) an exclude block leaves out on their names alone. */
  exceptNamespaces: z.array(z.string()),
  /** The policy in `data` enforces egress only: pods still accept traffic from anywhere. Absent where unknown (a clone). */
  egressOnly: z.boolean().optional(),
  /**
   * The rule also generates for Namespaces that exist before it (`generateExisting`). Kyverno runs a
   * generate rule when a matching Namespace is admitted; without it, the ones made before the policy
   * (kube-system, default, the bootstrap's flux-system, Kyverno's own) get nothing.
   */
  existing: z.literal(true).optional(),
});
export type GeneratedNetworkPolicy = z.output<typeof GeneratedNetworkPolicySchema>;

/** A Kyverno ClusterPolicy/Policy. https://kyverno.io/docs/writing-policies/ */
export const KyvernoPolicySchema = z.object({
  ...KObjectBase,
  action: z.string().nullable(),
  background: z.boolean().nullable(),
  rules: z.array(z.object({ name: z.string(), type: z.string(), excludeNamespaces: z.array(z.string()), networkPolicy: GeneratedNetworkPolicySchema.optional() })),
});
export type KyvernoPolicy = z.output<typeof KyvernoPolicySchema>;

/** A Kyverno PolicyException: which policies/rules it waives. */
export const PolicyExceptionSchema = z.object({
  ...KObjectBase,
  policies: z.array(z.string()),
});
export type PolicyException = z.output<typeof PolicyExceptionSchema>;

/** A VerticalPodAutoscaler and its update mode. */
export const VpaSchema = z.object({
  ...KObjectBase,
  target: z.string().nullable(),
  updateMode: z.string().nullable(),
});
export type Vpa = z.output<typeof VpaSchema>;
