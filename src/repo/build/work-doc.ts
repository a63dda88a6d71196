import type { RawDoc } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';
import type { VersionSetAt } from './version-set-at.ts';
import { splitApiVersion } from '../../model/k8s-object.ts';
import { isObj, obj, setOwn, str, type Obj } from '../../model/values.ts';

/**
 * A document while the model is being built: its raw reading (positions, redactions) and a body that
 * patches and `${VAR}` substitution may change, as Flux would before applying it.
 */
/**
 * Where an images transformer wrote a container's image (kustomize's `images:` entry of an overlay,
 * a Component or a Flux Kustomization's spec.images), by the image's key path in the object: the
 * image a page shows is cited there, not at the base's `image:` line that says something else.
 * With the image written, so that a later change (an outer patch, a substitution) is not cited there.
 */
export interface ImageSetAt {
  source: Source;
  image: string;
}

export interface WorkDoc {
  raw: RawDoc;
  file: string;
  body: Obj;
  /** Images an `images:` transformer wrote, by key path: cited there (ImageSetAt). */
  imageSetAt?: Readonly<Record<string, ImageSetAt>>;
  /** Chart versions, a HelmRelease's Flux settings and a Flux Kustomization's patches that a patch wrote, by key path: cited there (version-set-at.ts). */
  versionSetAt?: Readonly<Record<string, VersionSetAt>>;
  apiVersion: string;
  group: string;
  kind: string;
  /** kustomize `kustomization.yaml` rather than a Kubernetes object. */
  isKustomizeFile: boolean;
  isFluxKs: boolean;
  /** Namespace from the kustomize files that include this document (outermost wins). */
  kustomizeNs: string | null;
  /** Effective namespace after ownership (targetNamespace) is known. */
  ns: string | null;
  /** The Flux Kustomization documents whose build contains this one (first = primary). */
  owners: WorkDoc[];
  /** Variables left as `${VAR}` (unknown, or coming from a Secret whose values we never read). */
  unresolved: Set<string>;
  /** Variables whose value lives in a Secret: left as written on purpose. */
  fromSecret: Set<string>;
  /** For Flux Kustomizations: reached from a cluster root; is a root. */
  reached: boolean;
  isRoot: boolean;
  resolvedPath: string | null;
  /** For a copy made by one Flux build (a Kustomization's object in one cluster): the document read. */
  instanceOf?: WorkDoc;
  /** The cluster whose build made this copy, where the repository has several clusters. */
  cluster?: string | null;
  /** The namespace a build placed this copy in (also for cluster-scoped objects, one copy per placement). */
  placedIn?: string | null;
  /**
   * For a Flux Kustomization: a substituteFrom source is not in the repository (reported once as
   * SUBSTITUTE_FROM_MISSING), so a variable its build leaves as written may well be defined there.
   */
  varsIncomplete?: boolean;
  /** A Flux Kustomization that builds another source's artifact (another Git repository, an upstream OCI artifact). */
  externalSource?: boolean;
  /**
   * For a Flux Kustomization: its source's key, `Kind/name@namespace` where the repository uses one
   * name for sources of two namespaces (sourceKeys in external-source.ts); unset: `Kind/name`.
   */
  sourceKey?: string;
  /** Optional substituteFrom sources (`Kind name`) not in the repository: they may define what stays unresolved. */
  varsOptionalMissing?: string[];
  /** The archive folder it lies in (configuration `archive`, e.g. `.archive/`): never a root, never deployed. */
  archived?: string;
  /**
   * Why the artifact of this repository's GitRepository leaves its file out, where a reached Flux
   * build of that source would take it in from the repository as read (a folder whose kustomization.yaml
   * Flux generates): the pattern (flux-artifacts.ts). Its app's note says so.
   */
  leftOut?: string;
  /**
   * For a copy a Flux build made: why Flux applies none of it although a root reaches it, because the
   * build of its Kustomization (or of one above it) fails as a whole (a cycle of kustomize folders,
   * helmCharts). Set on that Kustomization too. The finding that says so is KUSTOMIZE_CYCLE or
   * KUSTOMIZE_HELM_CHARTS.
   */
  blockedBy?: string;
  /**
   * For a HelmRelease a working build applies: why helm-controller installs nothing of it, where its
   * dependsOn names a HelmRelease that is never Ready (not applied, or waiting in turn). The object is
   * applied; its chart is not (flux-stops.ts releasesWaiting). Its app is held where nothing else of
   * it runs (app-deployment.ts).
   */
  releaseWaits?: string;
  /**
   * A namespaced object a Flux build applies without any namespace (FLUX_NAMESPACE_NOT_SPECIFIED):
   * the apply fails, so no object of its id reaches the cluster (namespace-check.ts).
   */
  noNamespace?: boolean;
  /** A namespaced object a Flux build placed in `default` because nothing gave it a namespace. */
  nsDefaulted?: boolean;
  /** A manifest a HelmRelease's chart renders from its values as written (extraObjects): that release's name. */
  renderedBy?: string;
  /**
   * For the Flux Kustomization the Flux Operator makes from a FluxInstance's sync (flux-instance.ts):
   * the cluster's bootstrap, a root whatever applies the instance (the Kustomization that installs the
   * flux-instance chart is applied from the tree the sync applies: a loop a bootstrap starts by hand).
   */
  madeInCluster?: true;
  /** For an object a Flux Operator ResourceSet makes (resource-set-build.ts): that ResourceSet's copy. */
  madeBy?: WorkDoc;
  /** For such an object: the index of the input set that makes it (null: several make it). */
  madeFor?: number | null;
  /** For a ResourceSet's copy: what it makes is expanded into objects of its build. */
  expanded?: true;
  /** For a ResourceSet's copy that the site cannot expand: why (a provider only the cluster knows, a template construct). */
  notExpanded?: string;
}

const FLUX_KS_GROUP = 'kustomize.toolkit.fluxcd.io';
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
/** The names kustomize reads a folder's kustomization from. */
export const KUSTOMIZE_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * A kustomization.yaml written with another API's apiVersion (`kustomize.toolkit.fluxcd.io/v1`, Flux's)
 * but a kustomization's content: kustomize fields and no `spec`, which every Flux Kustomization has. It
 * is that folder's kustomization, which kustomize refuses for its apiVersion, not a Flux object.
 */
const KUSTOMIZE_CONTENT = ['resources', 'bases', 'components', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'images', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'replacements'];
function kustomizeShaped(body: Record<string, unknown>): boolean {
  return !Object.hasOwn(body, 'spec') && KUSTOMIZE_CONTENT.some((k) => Object.hasOwn(body, k));
}

/**
 * The fields of kustomize's Kustomization type (api/types/kustomization.go, kustomize v5), which it
 * reads strictly; deprecated ones (bases, vars, patchesStrategicMerge ...) are still fields.
 */
export const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements',
  'replicas', 'vars', 'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator',
  'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions', 'configurations',
  'generators', 'transformers', 'validators', 'buildMetadata',
]);
const FIELD_BY_FOLDED = new Map([...KUSTOMIZATION_FIELDS].map((f) => [f.toLowerCase(), f]));

/**
 * kustomize decodes a kustomization file with Go's encoding/json, which matches a key to a field
 * ignoring case (`apiversion:`, `Resources:`): the document with each such key written as the field's
 * own, the later of two that name one field winning, as in Go. Lines are kept under both names. The
 * same document where every key is a field's own (nearly always).
 */
function canonicalKustomization(raw: RawDoc): RawDoc {
  const body = raw.value as Obj;
  const keys = Object.keys(body);
  if (keys.every((k) => KUSTOMIZATION_FIELDS.has(k) || !FIELD_BY_FOLDED.has(k.toLowerCase()))) return raw;
  const value: Obj = {};
  const renamed = new Map<string, string>();
  for (const k of keys) {
    const field = KUSTOMIZATION_FIELDS.has(k) ? k : (FIELD_BY_FOLDED.get(k.toLowerCase()) ?? k);
    if (field !== k) renamed.set(k, field);
    delete value[field];
    setOwn(value, field, body[k]);
  }
  const lines: Record<string, number> = { ...raw.lines };
  for (const [path, line] of Object.entries(raw.lines)) {
    const dot = path.indexOf('.');
    const head = dot < 0 ? path : path.slice(0, dot);
    const field = renamed.get(head);
    if (field !== undefined) lines[field + path.slice(head.length)] ??= line;
  }
  return { ...raw, value, lines };
}

/** Wrap a RawDoc; returns null for documents that are neither Kubernetes objects nor kustomize files. */
export function toWorkDoc(read: RawDoc): WorkDoc | null {
  if (!isObj(read.value)) return null;
  const named = KUSTOMIZE_NAMES.has(read.source.file.slice(read.source.file.lastIndexOf('/') + 1));
  const raw = named ? canonicalKustomization(read) : read;
  const body = raw.value as Obj;
  const apiVersion = str(body.apiVersion) ?? '';
  const kind = str(body.kind) ?? '';
  const baseName = raw.source.file.slice(raw.source.file.lastIndexOf('/') + 1);
  const { group } = splitApiVersion(apiVersion);
  const isKustomizeFile =
    KUSTOMIZE_NAMES.has(baseName) && (group === KUSTOMIZE_GROUP || ((!apiVersion || kustomizeShaped(body)) && (kind === '' || kind === 'Kustomization' || kind === 'Component')));
  if (!isKustomizeFile && (!apiVersion || !kind)) return null;
  return newWorkDoc(raw, body, isKustomizeFile);
}

/** A document before any build has placed it: no owner, namespace or path yet (also what a ResourceSet makes). */
export function newWorkDoc(raw: RawDoc, body: Obj, isKustomizeFile = false): WorkDoc {
  const apiVersion = str(body.apiVersion) ?? '';
  const kind = str(body.kind) ?? '';
  const { group } = splitApiVersion(apiVersion);
  return {
    raw,
    file: raw.source.file,
    body,
    apiVersion,
    group,
    kind,
    isKustomizeFile,
    isFluxKs: !isKustomizeFile && group === FLUX_KS_GROUP && kind === 'Kustomization',
    kustomizeNs: null,
    ns: null,
    owners: [],
    unresolved: new Set(),
    fromSecret: new Set(),
    reached: false,
    isRoot: false,
    resolvedPath: null,
  };
}

export function metaName(d: WorkDoc): string | null {
  return str(obj(d.body.metadata).name);
}

export function explicitNs(d: WorkDoc): string | null {
  return str(obj(d.body.metadata).namespace);
}

/**
 * Whether the build that deploys a document set its namespace, which its file does not write: a
 * targetNamespace or a kustomization's `namespace:` (the kustomize-controller and kustomize set every
 * namespaced object's), as certain as a written one. Not a namespace defaulted for want of any.
 */
export function namespacePlaced(d: WorkDoc): boolean {
  // (Not a `${VAR}` a kustomization's namespace left for Flux to fill: where it lands is not known; code review.)
  return d.owners.length > 0 && d.ns !== null && !d.ns.includes('${') && d.nsDefaulted !== true && str(obj(obj(d.raw.value).metadata).namespace) === null;
}

/** Kinds that live outside namespaces; everything else is namespaced. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume',
  'PriorityClass', 'ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret', 'ClusterPolicy', 'ClusterCleanupPolicy',
  'CiliumClusterwideNetworkPolicy', 'CiliumLoadBalancerIPPool', 'CiliumBGPClusterConfig', 'CiliumBGPPeerConfig',
  'CiliumBGPAdvertisement', 'CiliumL2AnnouncementPolicy', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'APIService', 'GatewayClass', 'IngressClass', 'VolumeSnapshotClass', 'CSIDriver', 'Node', 'RuntimeClass',
  'ClusterTriggerAuthentication', 'ClusterPushSecret', 'ClusterGenerator', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ClusterSecret',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/**
 * A HelmRelease document that names no chart (neither spec.chart.spec.chart nor spec.chartRef): a
 * kustomize patch fragment, an overlay's `patch.yaml` that pins only spec.chart.spec.version. Where no
 * build applies it as an object it is no release (outside review: an app "patch", chart version 1.x).
 */
export function isHelmReleaseFragment(d: WorkDoc): boolean {
  if (d.kind !== 'HelmRelease' || d.group !== 'helm.toolkit.fluxcd.io') return false;
  const spec = obj(d.body.spec);
  return !str(obj(obj(spec.chart).spec).chart) && spec.chartRef === undefined;
}

/** A Flux Kustomization's `namespace/name` as its messages say it (flux-system where none is known). */
export function ksName(k: WorkDoc): string {
  return `${k.ns ?? explicitNs(k) ?? 'flux-system'}/${metaName(k)}`;
}

/**
 * The Kustomization with spec.kubeConfig that applies this document, directly or from above (what a
 * remote build applies lands in the remote cluster too), or null where it is applied to this cluster.
 */
export function remoteApplier(d: WorkDoc): WorkDoc | null {
  let owner = d.owners[0];
  for (let depth = 0; owner && depth < 32; depth++, owner = owner.owners[0]) {
    if (Object.keys(obj(obj(owner.body.spec).kubeConfig)).length > 0) return owner;
  }
  return null;
}
