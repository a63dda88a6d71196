import { splitApiVersion } from '../../model/k8s-object.ts';

/**
 * The kinds kustomize itself treats as cluster-scoped. kustomize decides from the OpenAPI schema it
 * embeds (Kubernetes 1.21), by apiVersion and kind: anything it does not know, a CRD's kind such as
 * cert-manager's ClusterIssuer or a newer version of a built-in kind, is namespaced to kustomize and
 * gets `namespace:` set by the namespace transformer (the API server ignores it on apply). The model's
 * own notion of scope is `isClusterScoped` in work-doc.ts; this one is kustomize's, for a faithful build.
 */
const CLUSTER_SCOPED: Record<string, readonly string[]> = {
  Namespace: ['v1'],
  Node: ['v1'],
  PersistentVolume: ['v1'],
  ComponentStatus: ['v1'],
  MutatingWebhookConfiguration: ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1'],
  ValidatingWebhookConfiguration: ['admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1'],
  CustomResourceDefinition: ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'],
  APIService: ['apiregistration.k8s.io/v1', 'apiregistration.k8s.io/v1beta1'],
  TokenReview: ['authentication.k8s.io/v1', 'authentication.k8s.io/v1beta1'],
  SelfSubjectAccessReview: ['authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1'],
  SelfSubjectRulesReview: ['authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1'],
  SubjectAccessReview: ['authorization.k8s.io/v1', 'authorization.k8s.io/v1beta1'],
  CertificateSigningRequest: ['certificates.k8s.io/v1', 'certificates.k8s.io/v1beta1'],
  FlowSchema: ['flowcontrol.apiserver.k8s.io/v1beta1'],
  PriorityLevelConfiguration: ['flowcontrol.apiserver.k8s.io/v1beta1'],
  IngressClass: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'],
  RuntimeClass: ['node.k8s.io/v1', 'node.k8s.io/v1beta1', 'node.k8s.io/v1alpha1'],
  PodSecurityPolicy: ['policy/v1beta1'],
  ClusterRole: ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
  PriorityClass: ['scheduling.k8s.io/v1', 'scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1'],
  CSIDriver: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  CSINode: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  StorageClass: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1'],
  VolumeAttachment: ['storage.k8s.io/v1', 'storage.k8s.io/v1beta1', 'storage.k8s.io/v1alpha1'],
  StorageVersion: ['internal.apiserver.k8s.io/v1alpha1'],
};

export function kustomizeClusterScoped(apiVersion: string, kind: string): boolean {
  return CLUSTER_SCOPED[kind]?.includes(apiVersion) ?? false;
}

/** Group and version of an apiVersion (`v1` is the core group). */
export function gv(apiVersion: string): { group: string; version: string } {
  return splitApiVersion(apiVersion);
}
