import { z } from 'zod';
import { KObjectBase } from './k8s-object.ts';
import { SourceSchema } from './source.ts';
import { SelectorRequirementSchema } from './label-selector.ts';
export type { SelectorRequirement } from './label-selector.ts';

/**
 * The label Cilium gives every pod with its namespace's name, bare or with its source prefix: in a
 * CiliumClusterwideNetworkPolicy's endpointSelector it picks namespaces, not pods.
 * https://docs.cilium.io/en/stable/security/policy/kubernetes/#namespaces
 */
const NAMESPACE_LABELS: readonly string[] = ['k8s:io.kubernetes.pod.namespace', 'io.kubernetes.pod.namespace'];

/**
 * The labels Cilium gives every pod from its namespace's labels (`io.cilium.k8s.namespace.labels.<key>`):
 * in a CiliumClusterwideNetworkPolicy's endpointSelector they pick namespaces by their labels. The
 * captured group is the namespace label's key.
 */
export const NAMESPACE_LABEL_KEY = /^(?:k8s:)?io\.cilium\.k8s\.namespace\.labels\.(.+)$/;

/** A selector key that picks namespaces (by name or by a label of theirs), not pods. */
export function choosesNamespace(key: string): boolean {
  return NAMESPACE_LABELS.includes(key) || NAMESPACE_LABEL_KEY.test(key);
}

/** Kubernetes NetworkPolicy, CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy. */
/** One direction a policy makes default-deny, and the peers it allows there ([]: none). */
export const IsolationSchema = z.object({ direction: z.enum(['ingress', 'egress']), allows: z.array(z.string()) });
export type Isolation = z.output<typeof IsolationSchema>;

export const NetworkPolicySchema = z.object({
  ...KObjectBase,
  flavour: z.enum(['kubernetes', 'cilium', 'cilium-clusterwide']),
  /** matchLabels of the selector; {} selects every pod of the namespace. */
  podSelector: z.record(z.string(), z.string()),
  /** matchExpressions of the selector; absent when it has none. */
  podExpressions: z.array(SelectorRequirementSchema).optional(),
  /**
   * Selects every pod of the namespaces it reaches: no label requirement, apart from (in a
   * CiliumClusterwideNetworkPolicy) those on the namespace label, which choose namespaces.
   */
  selectsAll: z.boolean(),
  /**
   * The directions the policy enforces. A Kubernetes NetworkPolicy: its policyTypes (or their
   * default). A Cilium policy: the directions whose allow or deny list has a rule, unless
   * `enableDefaultDeny` switches that direction off.
   */
  policyTypes: z.array(z.string()),
  /** Selects every pod and allows nothing in at least one direction. */
  defaultDeny: z.boolean(),
  /**
   * The directions in which a policy that selects every pod makes the pods default-deny, with the
   * peers it still lets through ([]: none, a deny-all). A pod selected by any policy for a direction
   * accepts there only what some policy allows (Kubernetes and Cilium alike), so `fromEntities:
   * [cluster]` is a default deny of the rest. Absent where it isolates nothing (it selects some pods
   * only, or allows every peer).
   */
  isolates: z.array(IsolationSchema).optional(),
});
export type NetworkPolicy = z.output<typeof NetworkPolicySchema>;

/** A route's parentRef of kind Gateway. */
const GatewayRefSchema = z.object({
  name: z.string(),
  namespace: z.string().nullable(),
  /** The listener the parentRef names; absent: any of the Gateway's. */
  sectionName: z.string().optional(),
  /** The listener port the parentRef names; absent: any. */
  port: z.number().optional(),
  /** The parentRef's line. */
  source: SourceSchema.optional(),
});
export type GatewayRef = z.output<typeof GatewayRefSchema>;

/**
 * One listener of a Gateway, with what decides which routes attach to it
 * (https://gateway-api.sigs.k8s.io/reference/spec/#listener). Text a template or a substitution still
 * fills in is kept as written.
 */
const ListenerSchema = z.object({
  name: z.string(),
  port: z.number().nullable(),
  protocol: z.string().nullable(),
  /** null: no hostname, every host. */
  hostname: z.string().nullable(),
  /** `allowedRoutes.namespaces.from` (Same where not written). */
  from: z.string(),
  /** `allowedRoutes.namespaces.selector`, for `from: Selector`; null where it has none. */
  selector: z.object({ matchLabels: z.record(z.string(), z.string()), matchExpressions: z.array(SelectorRequirementSchema) }).nullable(),
  /** `allowedRoutes.kinds` as `group/kind` (the group defaults to gateway.networking.k8s.io); null where not written: the protocol decides. */
  kinds: z.array(z.string()).nullable(),
});
export type Listener = z.output<typeof ListenerSchema>;

/** Ingress, Gateway API HTTPRoute or GRPCRoute, or Traefik IngressRoute: how an app is reached. */
export const EndpointSchema = z.object({
  ...KObjectBase,
  hosts: z.array(z.string()),
  className: z.string().nullable(),
  /** internal/external, from the class or gateway name where it says so. */
  exposure: z.enum(['internal', 'external', 'unknown']),
  gatus: z.boolean(),
  /**
   * The Services a route sends traffic to (an Ingress's backends, a Gateway API route's backendRefs, a
   * Traefik IngressRoute's or a Contour HTTPProxy's services), with the namespace a backend names
   * (null: the route's own). Absent where there are none, and for a LoadBalancer Service.
   */
  backends: z.array(z.object({ name: z.string(), namespace: z.string().nullable() })).optional(),
  /**
   * The Gateways a Gateway API route asks to attach to (its parentRefs of kind Gateway), each parentRef
   * once, with the namespace it names (null: the route's own), the listener it names (`sectionName`)
   * and port where it names them, and where it is written. Absent for other endpoints.
   */
  gateways: z.array(GatewayRefSchema).optional(),
  /** A Gateway's listeners, as its spec writes them (what a route may attach to). Absent for other endpoints. */
  listeners: z.array(ListenerSchema).optional(),
});
export type Endpoint = z.output<typeof EndpointSchema>;
