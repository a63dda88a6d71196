import type { FluxKustomization, FluxSource } from '../../model/flux.ts';
import type { KObject } from '../../model/k8s-object.ts';
import { arr, bool, obj, str } from '../../model/values.ts';
import { namespacePlaced, remoteApplier, type WorkDoc } from '../build/work-doc.ts';
import { base, lineOf, ref, versionLineOf } from './base.ts';

export function toFluxKustomization(d: WorkDoc): FluxKustomization {
  const spec = obj(d.body.spec);
  const postBuild = obj(spec.postBuild);
  const substitute = Object.keys(obj(postBuild.substitute)).sort();
  return {
    ...base(d),
    path: str(spec.path),
    resolvedPath: d.resolvedPath,
    interval: str(spec.interval),
    timeout: str(spec.timeout),
    retryInterval: str(spec.retryInterval),
    wait: bool(spec.wait),
    prune: bool(spec.prune),
    suspend: bool(spec.suspend) === true,
    targetNamespace: str(spec.targetNamespace),
    sourceRef: ref(d, spec.sourceRef, 'spec.sourceRef', null),
    dependsOn: arr(spec.dependsOn).flatMap((e, i) => {
      const r = ref(d, e, `spec.dependsOn.${i}`, 'Kustomization');
      return r ? [r] : [];
    }),
    // healthCheckExprs are evaluated only with wait or healthChecks (kustomize-controller checkHealth
    // returns early without them): on their own they make no Kustomization wait.
    healthChecks: arr(spec.healthChecks).length,
    postBuild: {
      substitute,
      substituteFrom: arr(postBuild.substituteFrom).map((r) => ({ kind: str(obj(r).kind) ?? '', name: str(obj(r).name) ?? '', optional: bool(obj(r).optional) === true })),
    },
    decryption: str(obj(spec.decryption).provider),
    ...(str(obj(obj(spec.decryption).secretRef).name) ? { decryptionSecret: str(obj(obj(spec.decryption).secretRef).name)! } : {}),
    components: arr(spec.components).flatMap((c) => (str(c) === null ? [] : [str(c)!])),
    patches: arr(spec.patches).length,
    reachedFromRoot: d.reached,
    isRoot: d.isRoot,
    ...((d.instanceOf ?? d).madeInCluster ? { madeInCluster: true as const } : {}),
    // `wait: true` as written, turned off by what the build did (a parent's spec.patches): said with the finding.
    ...(bool(obj(obj(d.raw.value).spec).wait) === true && bool(spec.wait) !== true && d.owners[0] ? { waitOverriddenBy: str(obj(d.owners[0].body.metadata).name) ?? '?' } : {}),
    // `prune: false` as written, turned on by a parent's spec.patches: what its owner kept out of pruning is pruned.
    ...(bool(obj(obj(d.raw.value).spec).prune) === false && bool(spec.prune) === true && d.owners[0] ? { pruneOverriddenBy: str(obj(d.owners[0].body.metadata).name) ?? '?' } : {}),
    ...(d.blockedBy !== undefined ? { appliesNothing: true as const } : {}),
    ...((d.instanceOf ?? d).externalSource ? { externalSource: true as const } : {}),
    ...(remoteApplier(d) !== null ? { remote: true as const } : {}),
    ...(Object.keys(obj(spec.kubeConfig)).length > 0 ? { kubeConfig: true as const } : {}),
    ...(namespaceSure(d) || namespaceMoved(d) ? { namespaceSure: true as const } : {}),
  };
}

/** Written and kept by its build, or set by the build that deploys it (namespacePlaced); never a `${VAR}`. */
function namespaceSure(d: WorkDoc): boolean {
  const written = str(obj(obj(d.raw.value).metadata).namespace);
  if (written === null) return namespacePlaced(d);
  return written === d.ns && !written.includes('${');
}

/**
 * Written in its file and moved by the build that deploys it (a kustomization's `namespace:`, a
 * targetNamespace): kustomize's namespace wins over the written one, so where it lands is as certain
 * (an app's `ks.yaml` written in flux-system, listed by a folder whose kustomization.yaml says
 * `namespace: network`; outside review). Never a `${VAR}`.
 */
function namespaceMoved(d: WorkDoc): boolean {
  const written = str(obj(obj(d.raw.value).metadata).namespace);
  return written !== null && d.owners.length > 0 && d.ns !== null && d.ns !== written && !d.ns.includes('${') && !written.includes('${') && d.nsDefaulted !== true;
}

const OCI_REF_ORDER = ['digest', 'semver', 'tag', 'semverFilter'] as const;
const GIT_REF_ORDER = ['commit', 'name', 'semver', 'tag', 'branch', 'digest', 'semverFilter'] as const;

export function toFluxSource(d: WorkDoc): FluxSource {
  const spec = obj(d.body.spec);
  const r = obj(spec.ref);
  // What the controller follows where several are set: an OCIRepository's digest, then semver, then tag; a
  // GitRepository's commit, then name, then semver, then tag, then branch (outside review: `{semver: 1.x, tag:
  // v1.19.4}` was shown as v1.19.4, which source-controller ignores).
  // https://fluxcd.io/flux/components/source/ocirepositories/#reference, .../gitrepositories/#reference
  const refKind = (d.kind === 'OCIRepository' ? OCI_REF_ORDER : GIT_REF_ORDER).find((k) => str(r[k]) !== null);
  const refText = refKind ? str(r[refKind]) : null;
  // (Where the ref is set, for an OCIRepository, whose ref is the version of a chart taken from it.)
  const refAt = refKind && d.kind === 'OCIRepository' ? { refAt: versionLineOf(d, 'spec.ref', `spec.ref.${refKind}`) } : {};
  const source: FluxSource = { ...base(d), url: str(spec.url) ?? str(spec.endpoint), type: str(spec.type), ref: refText, ...(refKind ? { refKind } : {}), ...refAt, interval: str(spec.interval) };
  const written = str(obj(obj(d.raw.value).metadata).name);
  if (written !== null && written !== source.name && !written.includes('${')) source.writtenName = written;
  const writtenNs = str(obj(obj(d.raw.value).metadata).namespace);
  if (writtenNs !== null && writtenNs !== source.namespace && !writtenNs.includes('${')) source.writtenNamespace = writtenNs;
  else if (namespaceSure(d)) source.namespaceSure = true;
  return source;
}

/**
 * The Flux release a FluxInstance (fluxcd.controlplane.io) has the Flux Operator install:
 * `spec.distribution.version`, a semver range the operator resolves to the newest release it allows
 * (`2.6.x`, `2.x`) or one release (`2.6.4`). https://fluxcd.control-plane.io/operator/fluxinstance/
 */
export function fluxInstanceVersion(d: WorkDoc): Pick<KObject, 'fluxVersion' | 'fluxNetworkPolicy'> {
  if (d.kind !== 'FluxInstance' || d.group !== 'fluxcd.controlplane.io') return {};
  const version = str(obj(obj(d.body.spec).distribution).version);
  // `spec.cluster.networkPolicy` (default true): the operator applies the NetworkPolicies of Flux's
  // install with the controllers; `false` leaves them out.
  const networkPolicy = bool(obj(obj(d.body.spec).cluster).networkPolicy) ?? true;
  return { ...(version ? { fluxVersion: { version, source: lineOf(d, 'spec.distribution.version') } } : {}), fluxNetworkPolicy: networkPolicy };
}
