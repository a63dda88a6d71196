import { arr, bool, isObj, obj, setOwn, str, type Obj } from '../../model/values.ts';
import type { Source } from '../../model/source.ts';
import type { ImageSetAt } from './work-doc.ts';
import { metadataOf, resApiVersion, resClusterScoped, resGroup, resKind, resName, setName, type KResource } from './kustomize-resource.ts';

/**
 * kustomize's built-in transformers that need no other resource: namespace, namePrefix/nameSuffix,
 * labels, annotations, replicas, images (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/).
 * Field lists follow kustomize's defaults (api/konfig/builtinpluginconsts).
 */

/** `namespace:` sets metadata.namespace on every object kustomize deems namespaced, and renames Namespace objects. */
export function applyNamespace(k: Obj, ra: KResource[]): void {
  const ns = str(k.namespace);
  if (!ns) return;
  for (const r of ra) {
    if (resKind(r) === 'Namespace' && resApiVersion(r) === 'v1') {
      setName(r, ns);
      continue;
    }
    if (!resClusterScoped(r)) metadataOf(r).namespace = ns;
    moveDefaultSubjects(r, ns);
  }
}

/** RoleBinding subjects: kustomize moves the `default` ServiceAccount along with the namespace (roleBindingHack). */
function moveDefaultSubjects(r: KResource, ns: string): void {
  if ((resKind(r) !== 'RoleBinding' && resKind(r) !== 'ClusterRoleBinding') || resGroup(r) !== 'rbac.authorization.k8s.io') return;
  for (const s of arr(r.body.subjects)) if (isObj(s) && s.kind === 'ServiceAccount' && s.name === 'default') s.namespace = ns;
}

/**
 * kustomize's builtin NamespaceTransformer, as a `transformers:` entry configures it (`apiVersion:
 * builtin`, `kind: NamespaceTransformer`): the namespace is the configuration's own metadata.namespace
 * (which the `namespace:` of a folder that builds the configuration sets); every namespaced object gets
 * it (with `unsetOnly`, only one without a namespace), as do the RoleBinding subjects' `default`
 * ServiceAccount and the fields its fieldSpecs list (a v1 Namespace's metadata/name renames it; with
 * `create`, a missing field is made). kustomize's api/filters/namespace.
 */
export function applyNamespaceTransformer(config: Obj, ra: KResource[]): void {
  const ns = str(obj(config.metadata).namespace);
  if (!ns) return;
  const unsetOnly = bool(config.unsetOnly) === true;
  const specs = arr(config.fieldSpecs).filter(isObj);
  for (const r of ra) {
    const meta = metadataOf(r);
    if (!resClusterScoped(r) && !(unsetOnly && str(meta.namespace))) meta.namespace = ns;
    moveDefaultSubjects(r, ns);
    for (const fs of specs) {
      const path = str(fs.path);
      if (!path || path === 'metadata/namespace') continue;
      if ((str(fs.kind) ?? resKind(r)) !== resKind(r) || (str(fs.group) !== null && str(fs.group) !== resGroup(r))) continue;
      if (path === 'metadata/name') {
        if (resKind(r) === 'Namespace' && resApiVersion(r) === 'v1') setName(r, ns);
        continue;
      }
      // The field itself: written where it is there (with unsetOnly, only where empty), made with create.
      atPath(r.body, path.split('/'), bool(fs.create) === true, (parent, key) => {
        const v = parent[key];
        if (v === undefined ? bool(fs.create) === true : !(unsetOnly && v !== null && v !== '')) setOwn(parent, key, ns);
      });
    }
  }
}

/** namePrefix / nameSuffix: every object but CRDs, APIServices and Namespaces (kustomize's PrefixTransformer skip list). */
export function applyPrefixSuffix(k: Obj, ra: KResource[]): void {
  const prefix = str(k.namePrefix) ?? '';
  const suffix = str(k.nameSuffix) ?? '';
  if (!prefix && !suffix) return;
  for (const r of ra) {
    const kind = resKind(r);
    if (kind === 'CustomResourceDefinition' || kind === 'Namespace' || (kind === 'APIService' && resGroup(r) === 'apiregistration.k8s.io')) continue;
    setName(r, `${prefix}${resName(r)}${suffix}`);
  }
}

interface FieldSpec {
  path: string;
  kind?: string;
  group?: string;
  create: boolean;
}

const WORKLOADS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

const TEMPLATE_LABELS: FieldSpec[] = [
  ...['ReplicationController', ...WORKLOADS, 'Job'].map((kind) => ({ path: 'spec/template/metadata/labels', kind, create: true })),
  { path: 'spec/jobTemplate/metadata/labels', kind: 'CronJob', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', kind: 'CronJob', create: true },
];

const SELECTOR_LABELS: FieldSpec[] = [
  { path: 'spec/selector', kind: 'Service', create: true },
  { path: 'spec/selector', kind: 'ReplicationController', create: true },
  ...WORKLOADS.map((kind) => ({ path: 'spec/selector/matchLabels', kind, create: true })),
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', kind: 'StatefulSet', create: true },
  { path: 'spec/selector/matchLabels', kind: 'Job', create: false },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', kind: 'CronJob', create: false },
  { path: 'spec/selector/matchLabels', kind: 'PodDisruptionBudget', create: false },
  { path: 'spec/podSelector/matchLabels', kind: 'NetworkPolicy', create: false },
  { path: 'spec/ingress/from/podSelector/matchLabels', kind: 'NetworkPolicy', create: false },
  { path: 'spec/egress/to/podSelector/matchLabels', kind: 'NetworkPolicy', create: false },
];

const TEMPLATE_ANNOTATIONS: FieldSpec[] = [
  ...['ReplicationController', ...WORKLOADS, 'Job'].map((kind) => ({ path: 'spec/template/metadata/annotations', kind, create: true })),
  { path: 'spec/jobTemplate/metadata/annotations', kind: 'CronJob', create: true },
  { path: 'spec/jobTemplate/spec/template/metadata/annotations', kind: 'CronJob', create: true },
];

/**
 * Walk to the field at `path` (a/b/c, `x[]` for every item of a list) and hand `leaf` its parent map
 * and key. Missing parent maps are made for `create` specs only, and never through a list.
 */
function atPath(node: unknown, path: string[], create: boolean, leaf: (parent: Obj, key: string) => void): void {
  if (!isObj(node)) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (list) {
    for (const item of arr(node[key])) atPath(item, rest, create, leaf);
    return;
  }
  if (rest.length === 0) {
    leaf(node, key);
    return;
  }
  if (!isObj(node[key])) {
    if (!create || rest.some((s) => s.endsWith('[]'))) return;
    setOwn(node, key, {});
  }
  atPath(node[key], rest, create, leaf);
}

/** Merge `pairs` into the map at `path`, creating it when allowed. */
function mergeAt(node: unknown, path: string[], pairs: Obj, create: boolean): void {
  atPath(node, path, create, (parent, key) => {
    if (!isObj(parent[key])) {
      if (!create && parent[key] === undefined) return;
      setOwn(parent, key, {});
    }
    for (const [k, v] of Object.entries(pairs)) setOwn(parent[key] as Obj, k, v);
  });
}

function applySpecs(r: KResource, specs: readonly FieldSpec[], pairs: Obj): void {
  for (const s of specs) {
    if (s.kind && s.kind !== resKind(r)) continue;
    if (s.group !== undefined && s.group !== resGroup(r)) continue;
    mergeAt(r.body, s.path.split('/'), pairs, s.create);
  }
}

const stringValues = (m: Obj): Obj => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, str(v) ?? '']));

/** `commonLabels` (metadata, selectors and templates) and `labels:` (metadata; selectors and templates on request). */
export function applyLabels(k: Obj, ra: KResource[]): void {
  const common = stringValues(obj(k.commonLabels));
  const sets: { pairs: Obj; selectors: boolean; templates: boolean }[] = [];
  if (Object.keys(common).length) sets.push({ pairs: common, selectors: true, templates: true });
  for (const l of arr(k.labels)) {
    const pairs = stringValues(obj(obj(l).pairs));
    if (!Object.keys(pairs).length) continue;
    const selectors = bool(obj(l).includeSelectors) === true;
    sets.push({ pairs, selectors, templates: selectors || bool(obj(l).includeTemplates) === true });
  }
  for (const r of ra) {
    for (const s of sets) {
      mergeAt(r.body, ['metadata', 'labels'], s.pairs, true);
      if (s.templates) applySpecs(r, TEMPLATE_LABELS, s.pairs);
      if (s.selectors) applySpecs(r, SELECTOR_LABELS, s.pairs);
    }
  }
}

/** `commonAnnotations`: metadata and pod templates. */
export function applyAnnotations(k: Obj, ra: KResource[]): void {
  const pairs = stringValues(obj(k.commonAnnotations));
  if (!Object.keys(pairs).length) return;
  for (const r of ra) {
    mergeAt(r.body, ['metadata', 'annotations'], pairs, true);
    applySpecs(r, TEMPLATE_ANNOTATIONS, pairs);
  }
}

/** `replicas:` sets spec.replicas on the named workloads (original or current name). */
export function applyReplicas(k: Obj, ra: KResource[]): void {
  for (const rep of arr(k.replicas)) {
    const name = str(obj(rep).name);
    const count = obj(rep).count;
    if (!name || typeof count !== 'number') continue;
    for (const r of ra) {
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(resKind(r))) continue;
      if (resName(r) !== name && r.orgName !== name) continue;
      if (!isObj(r.body.spec)) r.body.spec = {};
      (r.body.spec as Obj).replicas = count;
    }
  }
}

/** Split an image reference into name, tag and digest (kustomize's image.Split). */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: '', digest };
}

/**
 * kustomize's image.IsImageMatched (v5.5): the name as a pattern, then an optional digest marker, tag
 * and digest. A tag of other characters (a Flux variable, `nginx:${TAG}`, substituted after the build)
 * is no match, and the image is left as written (kubectl kustomize the oracle; it was rewritten here).
 */
function imageMatches(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return splitImage(image).name === name;
  }
}

function newImage(image: string, o: Obj): string {
  const parts = splitImage(image);
  let name = str(o.newName) || parts.name;
  let tag = parts.tag;
  let digest = parts.digest;
  const newTag = str(o.newTag) ?? '';
  const newDigest = str(o.digest) ?? '';
  if (newTag && newDigest) [tag, digest] = [newTag, newDigest];
  else if (newTag) [tag, digest] = [newTag, ''];
  else if (newDigest) [tag, digest] = ['', newDigest];
  if (tag) name += `:${tag}`;
  if (digest) name += `@${digest}`;
  return name;
}

/**
 * `images:` overrides: every `image` of every `containers` / `initContainers` list anywhere in the
 * object (kustomize's legacy image filter walks the whole tree, which covers Pod templates of every kind).
 * `at` gives the line of the configuration's `images` entry i, recorded on each resource it changes.
 */
export function applyImages(k: Obj, ra: KResource[], at?: (entry: number) => Source): void {
  applyImagesTo(k, ra.map((r) => r.body), at && ((index, path, image, entry) => {
    const r = ra[index]!;
    r.imageSetAt = { ...r.imageSetAt, [path]: { source: at(entry), image } };
  }));
}

/** Called for each image an `images:` entry changes: the body's index, the image's key path, the image written, the entry's index. */
export type ImageSetter = (index: number, path: string, image: string, entry: number) => void;

/** kustomize's images transformer over object bodies (a Flux Kustomization's `spec.images` over its build's copies). */
export function applyImagesTo(k: Obj, bodies: readonly Obj[], onSet?: ImageSetter): void {
  const entries = arr(k.images);
  // Each entry is its own transformer run, in order (a later entry sees an earlier one's result).
  entries.forEach((o, entry) => {
    if (!isObj(o) || !str(o.name)) return;
    bodies.forEach((body, index) => setImages(body, o, onSet && ((path, image) => onSet(index, path, image, entry))));
  });
}

function setImages(root: Obj, o: Obj, onSet?: (path: string, image: string) => void): void {
  const name = str(o.name)!;
  eachContainer(root, (c, path) => {
    if (typeof c.image !== 'string' || !imageMatches(c.image, name)) return;
    const image = newImage(c.image, o);
    if (image !== c.image) onSet?.(path, image);
    c.image = image;
  });
}

/** Every container's image of an object by its key path (`spec.template.spec.containers.0.image`), as setImages walks them. */
export function imagesByPath(root: Obj): Map<string, string> {
  const out = new Map<string, string>();
  eachContainer(root, (c, path) => {
    if (typeof c.image === 'string') out.set(path, c.image);
  });
  return out;
}

/**
 * Every container of every `containers` / `initContainers` list anywhere in the object (kustomize's
 * legacy image filter walks the whole tree), with the key path of its `image`.
 */
function eachContainer(root: Obj, visit: (c: Obj, imagePath: string) => void): void {
  const stack: [unknown, string][] = [[root, '']];
  const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) node.forEach((v, i) => stack.push([v, join(path, i)]));
    else if (isObj(node)) {
      for (const [key, v] of Object.entries(node)) {
        if ((key === 'containers' || key === 'initContainers') && Array.isArray(v)) v.forEach((c, i) => isObj(c) && visit(c, join(join(join(path, key), i), 'image')));
        if (typeof v === 'object' && v !== null) stack.push([v, join(path, key)]);
      }
    }
  }
}
