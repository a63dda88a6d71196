/**
 * Versions, as Renovate would list them: every chart with its version and source, every image with
 * its tag or digest. Images on `latest` or without a tag drift silently (IMAGE_TAG_LATEST, warning);
 * deprecated API versions break on the next upgrade (DEPRECATED_API_VERSION, warning).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import { isWorkload, type ImageRef } from '../../model/k8s-object.ts';
import { isFromValues, isLive, refOf, type Ref } from './common.ts';
import { deprecationOf } from './deprecated-apis.ts';
import { fluxKindElsewhere, fluxVersionsServed, unservedFluxVersion } from '../../model/flux-api-versions.ts';
import { productVersions, releasesFor, type FluxVersionRow } from './product-versions.ts';

export interface ChartRow {
  helmRelease: string;
  appId: string | null;
  chart: string | null;
  version: string | null;
  source: string | null;
  url: string | null;
  ref: Ref;
}

export interface ImageRow {
  image: string;
  tag: string | null;
  digest: string | null;
  /** The HelmRelease whose values set the image, or for a workload manifest (a Deployment, a CNPG Cluster) that object's id. */
  helmRelease: string;
  appId: string | null;
  path: string;
  ref: Ref;
}

export interface DeprecatedRow {
  objectId: string;
  apiVersion: string;
  kind: string;
  appId: string | null;
  replacement: string;
  note: string;
  ref: Ref;
}

export interface VersionsInventory {
  /** Where the repository says which Flux release each cluster runs (product-versions.ts). */
  flux: FluxVersionRow[];
  charts: ChartRow[];
  images: ImageRow[];
  unpinned: ImageRow[];
  deprecated: DeprecatedRow[];
}

/** The kinds of the built-in API versions manifests use most, as the API server spells them. */
const BUILTIN_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: ['Binding', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'List', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'policy/v1': ['PodDisruptionBudget'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
};

/** The kind a built-in API version has under another case (`namespace` -> Namespace), or null. */
export function miscasedKind(apiVersion: string, kind: string): string | null {
  const kinds = BUILTIN_KINDS[apiVersion];
  if (!kinds || kinds.includes(kind)) return null;
  return kinds.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? null;
}

/**
 * Tags that move: `latest`, and a branch's or channel's (`stable`, `master`, `nightly`, `rolling`; a
 * review found frigate's `stable` unflagged). Matched whole: `stable-1.14` or `1.2-dev` pins nothing less
 * than a version does, and is left alone.
 */
const FLOATING_TAGS = new Set(['latest', 'stable', 'edge', 'nightly', 'rolling', 'main', 'master', 'develop', 'dev', 'canary', 'lts']);

/** An OCI digest: `algorithm:encoded`, sha256 with 64 and sha512 with 128 lower-case hexadecimal digits. */
function isDigest(d: string): boolean {
  const m = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/.exec(d);
  if (!m) return false;
  if (m[1] === 'sha256') return /^[a-f0-9]{64}$/.test(m[2]!);
  if (m[1] === 'sha512') return /^[a-f0-9]{128}$/.test(m[2]!);
  return true;
}

export function versionsInventory(model: RepoModel): { result: VersionsInventory; findings: Finding[] } {
  const findings: Finding[] = [];
  const hrs = model.helmReleases.filter((h) => isLive(h, model));
  const charts: ChartRow[] = hrs.map((h) => ({
    helmRelease: h.id,
    appId: h.appId,
    chart: h.chart.name,
    version: h.chart.version,
    source: h.chart.sourceRef ? `${h.chart.sourceRef.kind ?? '?'}/${h.chart.sourceRef.name}` : null,
    url: h.chart.url,
    // Where the version is set (an overlay's patch that pins it, a chartRef's OCIRepository), else the release.
    ref: refOf(h.chart.versionAt ?? h.source),
  }));
  // Each image with where it is set and whether its tag floats: a chart image without a tag runs the
  // chart's appVersion, which the chart version pins, or the tag its values.yaml sets, so only
  // app-template's (where the tag is the version) and an explicit `latest` float; a workload manifest's image without a tag is `latest`, as
  // Kubernetes pulls it; a custom resource without a tag may keep its version in a field of its own
  // (`spec.version`): unknown. An image left as a `${VAR}` is unknown too.
  const entries: { row: ImageRow; owner: string; source: Source; floats: boolean }[] = [];
  const add = (i: ImageRef, objectId: string, appId: string | null, owner: string, untaggedFloats: boolean) => {
    const floats = !i.digest && !`${i.repository}:${i.tag ?? ''}`.includes('${') && ((i.tag !== null && FLOATING_TAGS.has(i.tag)) || (i.tag === null && untaggedFloats));
    entries.push({ row: { image: i.repository, tag: i.tag, digest: i.digest, helmRelease: objectId, appId, path: i.path, ref: refOf(i.source) }, owner, source: i.source, floats });
  };
  // (app-template itself, by its name: other charts built on the same bjw-s library, immich's, take
  // `controllers` values too, and their own values.yaml sets the tag an image here leaves out. A
  // chart of unknown name with app-template's values is taken for it.)
  for (const h of hrs) for (const i of h.images) add(i, h.id, h.appId, `HelmRelease ${h.name}`, h.chart.name === 'app-template' || (h.chart.name === null && h.appTemplate));
  // The images of workload manifests (Deployments, CronJobs, a CNPG Cluster's imageName): the same
  // drift, where the repository writes the manifest itself. Once per document and image (a component's
  // copies are one row; overlays of one base that each set their own tag with `images:` are one each).
  const releaseIds = new Set(model.helmReleases.map((h) => h.id));
  const seen = new Set<string>();
  for (const o of model.objects) {
    if (!o.images?.length || releaseIds.has(o.id) || !isLive(o, model) || isFromValues(o)) continue;
    for (const i of o.images) {
      // (The object's document too: one overlay's `images:` entry sets the image of several documents.)
      const key = `${o.source.file}:${o.source.line}:${i.source.file}:${i.source.line}:${i.path}:${i.repository}:${i.tag ?? ''}@${i.digest ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(i, o.id, o.appId, `${o.kind} ${o.name}`, isWorkload(o));
    }
  }
  // A digest as written after `@` that is none (Renovate's `@sha256:` typed `@sha256-`, a short hash): the
  // reference is invalid and the kubelet refuses it (outside review: jackett's `@sha256-6725...`).
  for (const e of entries) {
    const d = e.row.digest;
    // (Not an empty one, `digest: ""` of a chart's values: no digest, as the chart reads it.)
    if (d === null || d.trim() === '' || d.includes('${') || d.includes('{{') || isDigest(d)) continue;
    findings.push(
      finding('IMAGE_DIGEST_INVALID', 'warning', `Image ${e.row.image} (${e.row.path} in ${e.owner}) is pinned to "@${d.length > 80 ? `${d.slice(0, 80)}...` : d}", which is no digest (a digest is \`sha256:\` and 64 hexadecimal digits): the image reference is invalid, and the pod cannot pull it (InvalidImageName). Write the digest as Renovate does, \`@sha256:...\`.`, e.source, {
        area: 'versions',
        objectId: e.row.helmRelease,
        ...(e.row.appId ? { appId: e.row.appId } : {}),
      }),
    );
  }
  // A tag written as a YAML float (`tag: 1.20`): Helm gets the number and renders `1.2`, another tag
  // than the one written (outside review). Only values can hold one: a manifest's `image:` is a string.
  for (const h of hrs) {
    for (const i of h.images) {
      if (i.tagWrittenAs === undefined) continue;
      findings.push(
        finding('IMAGE_TAG_NOT_STRING', 'warning', `Image ${i.repository} (${i.path} in HelmRelease ${h.name}) has \`tag: ${i.tagWrittenAs}\`, a YAML number: Helm receives ${i.tag}, so the pod pulls ${i.repository}:${i.tag}, not ${i.tagWrittenAs}. Quote it: \`tag: "${i.tagWrittenAs}"\`.`, i.source, {
          area: 'versions',
          objectId: h.id,
          ...(h.appId ? { appId: h.appId } : {}),
        }),
      );
    }
  }
  const images = entries.map((e) => e.row);
  const unpinned = entries.filter((e) => e.floats);
  for (const e of unpinned) {
    const i = e.row;
    findings.push(
      finding('IMAGE_TAG_LATEST', 'warning', `Image ${i.image} (${i.path} in ${e.owner}) ${i.tag === null ? 'has no tag' : i.tag === 'latest' ? 'uses the latest tag' : `uses the tag "${i.tag}", which moves with every build of its branch or channel`}; pin a version so that upgrades are deliberate.`, e.source, {
        area: 'versions',
        objectId: i.helmRelease,
        ...(i.appId ? { appId: i.appId } : {}),
      }),
    );
  }
  const deprecated: DeprecatedRow[] = [];
  const products = productVersions(model);
  // A cluster's root Kustomization is applied by hand at bootstrap (no Kustomization owns it), and is live.
  const roots = new Set(model.kustomizations.filter((k) => k.isRoot && !k.disabled).map((k) => k.id));
  const judged = model.objects.filter((o) => (isLive(o, model) || roots.has(o.id)) && !isFromValues(o));
  // Once per document: two builds that make one document (a component, one base of two clusters) make
  // its `#2` copy, which is the same line to change, for every cluster that applies it: judged by the
  // releases of all of them, so that advice for one cluster does not break another's apply.
  const documentOf = (o: (typeof judged)[number]) => `${o.source.file}:${o.source.line}:${o.apiVersion}:${o.kind}`;
  const clustersOf = new Map<string, Set<string | null>>();
  for (const o of judged) (clustersOf.get(documentOf(o)) ?? clustersOf.set(documentOf(o), new Set()).get(documentOf(o))!).add(o.cluster ?? null);
  const written = new Set<string>();
  for (const o of judged) {
    const at = documentOf(o);
    if (written.has(at)) continue;
    written.add(at);
    const pinned = releasesFor(products, clustersOf.get(at)!);
    const flux = pinned.get('flux');
    const unserved = unservedFluxVersion(o.apiVersion, o.kind);
    if (unserved) {
      const served = fluxVersionsServed(o.kind, unserved, flux);
      findings.push(
        finding('API_VERSION_UNSERVED', 'error', `${o.kind} ${o.name} is written in ${o.apiVersion}, a version of ${o.kind} that Flux never served (it serves ${served.join(', ')}): the API server refuses the object ("no matches for kind"), and the apply of the Kustomization that deploys it fails. Write ${o.apiVersion.slice(0, o.apiVersion.lastIndexOf('/'))}/${served.at(-1)}.`, o.source, {
          area: 'versions',
          objectId: o.id,
          ...(o.appId ? { appId: o.appId } : {}),
        }),
      );
      continue;
    }
    // (Outside review: `apiVersion: source.toolkit.fluxcd.io/v1` with `kind: HelmRelease`.)
    const own = fluxKindElsewhere(o.apiVersion, o.kind, flux);
    if (own) {
      findings.push(
        finding('API_VERSION_UNSERVED', 'error', `${o.kind} ${o.name} is written in ${o.apiVersion}, but ${o.kind} is a kind of ${own.slice(0, own.lastIndexOf('/'))}: the API server refuses the object ("no matches for kind"), and the apply of the Kustomization that deploys it fails. Write apiVersion: ${own}.`, o.source, {
          area: 'versions',
          objectId: o.id,
          ...(o.appId ? { appId: o.appId } : {}),
        }),
      );
      continue;
    }
    const cased = miscasedKind(o.apiVersion, o.kind);
    if (cased) {
      findings.push(
        finding('KIND_MISCASED', 'error', `${o.kind} ${o.name} is written \`kind: ${o.kind}\` in ${o.apiVersion}, whose kind is ${cased}: kinds are case-sensitive, so the API server refuses the object ("no matches for kind") and the apply of the Kustomization that deploys it fails. Write kind: ${cased}.`, o.source, {
          area: 'versions',
          objectId: o.id,
          ...(o.appId ? { appId: o.appId } : {}),
        }),
      );
      continue;
    }
    // A repository that runs a release older than the one that brought the replacement is told of one it has, or none.
    const d = deprecationOf(o.apiVersion, o.kind, pinned);
    if (!d) continue;
    deprecated.push({ objectId: o.id, apiVersion: o.apiVersion, kind: o.kind, appId: o.appId, replacement: d.replacement, note: d.note, ref: refOf(o.source) });
    findings.push(
      finding('DEPRECATED_API_VERSION', 'warning', `${o.kind} ${o.name} uses ${o.apiVersion} (${d.note}); move to ${d.replacement}.`, o.source, {
        area: 'versions',
        objectId: o.id,
        ...(o.appId ? { appId: o.appId } : {}),
      }),
    );
  }
  const byId = <T extends { ref: Ref }>(k: (t: T) => string) => (a: T, b: T) => k(a).localeCompare(k(b)) || a.ref.file.localeCompare(b.ref.file) || a.ref.line - b.ref.line;
  return {
    result: {
      flux: products.flux,
      charts: charts.sort(byId((c) => c.helmRelease)),
      images: images.sort(byId((i) => `${i.image}:${i.tag ?? ''}`)),
      unpinned: unpinned.map((e) => e.row).sort(byId((i) => i.image)),
      deprecated: deprecated.sort(byId((d) => d.objectId)),
    },
    findings,
  };
}
