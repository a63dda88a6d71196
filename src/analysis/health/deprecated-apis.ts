/**
 * API versions that are deprecated or removed, as data. `kinds: null` means every kind of that
 * group/version. Sources: the Kubernetes deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), Flux's API promotions
 * (Flux 2.0-2.7 release notes; the v1beta1 and v2beta1 APIs removed in 2.7, fluxcd/flux2#5474 and
 * discussion #5572; the v1beta2 and v2beta2 ones in 2.8, fluxcd/flux2#5711), External Secrets 0.16 and 0.17 (v1 in 0.16; v1beta1 not served from 0.17, its release notes' breaking change), the projects' CRDs.
 */
export interface DeprecatedApi {
  apiVersion: string;
  kinds: readonly string[] | null;
  replacement: string;
  note: string;
  /**
   * The product release that brought the replacement: where the repository pins an older release
   * (chart version, OCI tag), the old API is still the right one and moving would break it.
   */
  since?: { product: 'cilium' | 'external-secrets' | 'longhorn' | 'kyverno' | 'flux'; version: string };
}

const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], replacement: 'Pod Security Admission', note: 'removed in Kubernetes 1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], replacement: 'policy/v1', note: 'removed in Kubernetes 1.25' },
  { apiVersion: 'extensions/v1beta1', kinds: null, replacement: 'apps/v1 or networking.k8s.io/v1', note: 'removed in Kubernetes 1.16/1.22' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], replacement: 'networking.k8s.io/v1', note: 'removed in Kubernetes 1.22' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', note: 'removed in Kubernetes 1.25' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', note: 'removed in Kubernetes 1.25' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', note: 'removed in Kubernetes 1.26' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: null, replacement: 'rbac.authorization.k8s.io/v1', note: 'removed in Kubernetes 1.22' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: null, replacement: 'apiextensions.k8s.io/v1', note: 'removed in Kubernetes 1.22' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], replacement: 'admissionregistration.k8s.io/v1', note: 'removed in Kubernetes 1.22' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'CSIStorageCapacity'], replacement: 'storage.k8s.io/v1', note: 'removed in Kubernetes 1.22/1.27' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], replacement: 'discovery.k8s.io/v1', note: 'removed in Kubernetes 1.25' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', note: 'removed in Kubernetes 1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: null, replacement: 'flowcontrol.apiserver.k8s.io/v1', note: 'removed in Kubernetes 1.32' },
  // Each Flux API's replacement with the Flux release that brought it (flux-api-versions.ts dates the
  // same releases); a cluster on an older release is told of the version it has (the entry after),
  // or of none where the one it writes is the newest it serves.
  { apiVersion: 'helm.toolkit.fluxcd.io/v2beta1', kinds: ['HelmRelease'], replacement: 'helm.toolkit.fluxcd.io/v2', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.3.0' } },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2beta1', kinds: ['HelmRelease'], replacement: 'helm.toolkit.fluxcd.io/v2beta2', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.2.0' } },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2beta2', kinds: ['HelmRelease'], replacement: 'helm.toolkit.fluxcd.io/v2', note: 'deprecated since Flux 2.3, removed in Flux 2.8', since: { product: 'flux', version: '2.3.0' } },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta1', kinds: ['Kustomization'], replacement: 'kustomize.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.0.0' } },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta1', kinds: ['Kustomization'], replacement: 'kustomize.toolkit.fluxcd.io/v1beta2', note: 'removed in Flux 2.7' },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2', kinds: ['Kustomization'], replacement: 'kustomize.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.0, removed in Flux 2.8', since: { product: 'flux', version: '2.0.0' } },
  // Each source kind reached v1 in its own Flux release (2.0, 2.3, 2.4, 2.6): the note and the
  // release that brought the replacement are the kind's own.
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta1', kinds: ['GitRepository'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.0.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta1', kinds: ['HelmRepository', 'HelmChart'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.3.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta1', kinds: ['Bucket'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.4.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta1', kinds: null, replacement: 'source.toolkit.fluxcd.io/v1beta2', note: 'removed in Flux 2.7' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kinds: ['GitRepository'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.0, removed in Flux 2.8', since: { product: 'flux', version: '2.0.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kinds: ['HelmRepository', 'HelmChart'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.3, removed in Flux 2.8', since: { product: 'flux', version: '2.3.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kinds: ['Bucket'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.4, removed in Flux 2.8', since: { product: 'flux', version: '2.4.0' } },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kinds: ['OCIRepository'], replacement: 'source.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.6, removed in Flux 2.8', since: { product: 'flux', version: '2.6.0' } },
  // Alert and Provider reached v1beta3 in Flux 2.2 (fluxcd/notification-controller#540), Receiver v1 in 2.0.
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta1', kinds: ['Alert', 'Provider'], replacement: 'notification.toolkit.fluxcd.io/v1beta3', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.2.0' } },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta1', kinds: ['Receiver'], replacement: 'notification.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7', since: { product: 'flux', version: '2.0.0' } },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta1', kinds: null, replacement: 'notification.toolkit.fluxcd.io/v1beta2', note: 'removed in Flux 2.7' },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta2', kinds: ['Alert', 'Provider'], replacement: 'notification.toolkit.fluxcd.io/v1beta3', note: 'deprecated since Flux 2.2', since: { product: 'flux', version: '2.2.0' } },
  { apiVersion: 'notification.toolkit.fluxcd.io/v1beta2', kinds: ['Receiver'], replacement: 'notification.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.0', since: { product: 'flux', version: '2.0.0' } },
  // The image automation APIs reached v1 in Flux 2.7; before it, v1beta2 was the one to move to.
  { apiVersion: 'image.toolkit.fluxcd.io/v1beta1', kinds: null, replacement: 'image.toolkit.fluxcd.io/v1', note: 'removed in Flux 2.7, which brought v1', since: { product: 'flux', version: '2.7.0' } },
  { apiVersion: 'image.toolkit.fluxcd.io/v1beta1', kinds: null, replacement: 'image.toolkit.fluxcd.io/v1beta2', note: 'deprecated; removed in Flux 2.7' },
  { apiVersion: 'image.toolkit.fluxcd.io/v1beta2', kinds: ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'], replacement: 'image.toolkit.fluxcd.io/v1', note: 'deprecated since Flux 2.7', since: { product: 'flux', version: '2.7.0' } },
  { apiVersion: 'external-secrets.io/v1beta1', kinds: ['ExternalSecret', 'SecretStore', 'ClusterSecretStore', 'ClusterExternalSecret'], replacement: 'external-secrets.io/v1', note: 'deprecated in External Secrets 0.16, which brought v1, and no longer served from 0.17: objects written with it are refused', since: { product: 'external-secrets', version: '0.16.0' } },
  { apiVersion: 'external-secrets.io/v1alpha1', kinds: ['ExternalSecret', 'SecretStore', 'ClusterSecretStore'], replacement: 'external-secrets.io/v1', note: 'removed in External Secrets 0.10' },
  { apiVersion: 'autoscaling.k8s.io/v1beta2', kinds: ['VerticalPodAutoscaler'], replacement: 'autoscaling.k8s.io/v1', note: 'deprecated' },
  { apiVersion: 'gateway.networking.k8s.io/v1beta1', kinds: ['Gateway', 'GatewayClass', 'HTTPRoute'], replacement: 'gateway.networking.k8s.io/v1', note: 'deprecated since Gateway API 1.0' },
  { apiVersion: 'kyverno.io/v2beta1', kinds: ['PolicyException'], replacement: 'kyverno.io/v2', note: 'deprecated since Kyverno 1.13', since: { product: 'kyverno', version: '1.13.0' } },
  { apiVersion: 'longhorn.io/v1beta1', kinds: null, replacement: 'longhorn.io/v1beta2', note: 'deprecated since Longhorn 1.3', since: { product: 'longhorn', version: '1.3.0' } },
  { apiVersion: 'cilium.io/v2alpha1', kinds: ['CiliumLoadBalancerIPPool'], replacement: 'cilium.io/v2', note: 'deprecated since Cilium 1.18', since: { product: 'cilium', version: '1.18.0' } },
  { apiVersion: 'backup.appuio.ch/v1alpha1', kinds: null, replacement: 'k8up.io/v1', note: 'k8up 2.0 moved to the k8up.io group' },
];

/**
 * The deprecation of an API version for a repository that runs the given product releases: the first
 * entry whose replacement those releases have (an entry without `since`, or a release not known),
 * so an older pinned release is told of the replacement it can use, or of none.
 */
export function deprecationOf(apiVersion: string, kind: string, pinned: ReadonlyMap<string, number[]> = new Map()): DeprecatedApi | null {
  for (const d of DEPRECATED_APIS) {
    if (d.apiVersion !== apiVersion || (d.kinds !== null && !d.kinds.includes(kind))) continue;
    const have = d.since ? pinned.get(d.since.product) : undefined;
    // The repository runs a release older than the one that brought this replacement: not for it.
    if (d.since && have && versionBelow(have, parseVersion(d.since.version)!)) continue;
    return d;
  }
  return null;
}

/** `v1.16.5`, `0.12.1`, `2.x` -> [1, 16, 5]; null when it is no version (`latest`, `${VAR}`). */
function parseVersion(v: string | null | undefined): number[] | null {
  const m = /^v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?/.exec((v ?? '').trim());
  if (!m) return null;
  return [Number(m[1]), m[2] && m[2] !== 'x' ? Number(m[2]) : 0, m[3] && m[3] !== 'x' ? Number(m[3]) : 0];
}

/** A part of a version a range leaves open (`2.x`: any minor). */
export const ANY = 999_999;

/**
 * The newest release a version or a semver range (what Flux takes for a chart version or an
 * OCIRepository's `ref.semver`) can resolve to, as [major, minor, patch] (ANY for a part it leaves
 * open); null when nothing bounds it from above (`>=1.16.0`, `*`) or it is no version. Flux installs
 * the newest release a range allows, so this is what a repository may run: `~1.16.3` is some 1.16,
 * which has no API of 1.18; `^1.16.0` may well be 1.18.
 */
export function releaseCeiling(v: string | null | undefined): number[] | null {
  const text = (v ?? '').trim().replace(/(<=|>=|<|>|=|~|\^)\s+/g, '$1');
  if (text === '') return null;
  const alternatives = text.split('||').map((a) => a.trim());
  if (alternatives.length > 1) {
    const each = alternatives.map((a) => releaseCeiling(a));
    if (each.some((c) => c === null)) return null;
    return each.reduce((m, c) => (versionBelow(m!, c!) ? c : m))!;
  }
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) return releaseCeiling(hyphen[2]);
  const parts = /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+]\S*)?$/;
  const num = (x: string | undefined) => (x === undefined || /^[xX*]$/.test(x) ? null : Number(x));
  const plain = parts.exec(text);
  if (plain) {
    const [M, m, p] = [num(plain[1])!, num(plain[2]), num(plain[3])];
    return m === null ? [M, ANY, ANY] : p === null ? [M, m, ANY] : [M, m, p];
  }
  let ceiling: number[] | null = null;
  for (const c of text.split(/\s+|,/).filter(Boolean)) {
    const m = /^(~|\^|<=|<|>=|>|=)?\s*(.+)$/.exec(c)!;
    const op = m[1] ?? '=';
    const at = parts.exec(m[2]!);
    if (!at) return null;
    const [M, mi, pa] = [num(at[1])!, num(at[2]), num(at[3])];
    let bound: number[] | null;
    if (op === '>' || op === '>=') continue;
    if (op === '~') bound = mi === null ? [M, ANY, ANY] : [M, mi, ANY];
    else if (op === '^') bound = M > 0 || mi === null ? [M, ANY, ANY] : mi > 0 || pa === null ? [0, mi, ANY] : [0, 0, pa];
    else if (op === '<') bound = pa !== null && pa > 0 ? [M, mi ?? 0, pa - 1] : mi !== null && mi > 0 ? [M, mi - 1, ANY] : M > 0 ? [M - 1, ANY, ANY] : null;
    else bound = mi === null ? [M, ANY, ANY] : pa === null ? [M, mi, ANY] : [M, mi, pa];
    if (bound === null) return null;
    if (ceiling === null || versionBelow(bound, ceiling)) ceiling = bound;
  }
  return ceiling;
}

export function versionBelow(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if ((v[i] ?? 0) !== (min[i] ?? 0)) return (v[i] ?? 0) < (min[i] ?? 0);
  return false;
}
