import { parseAllDocuments } from 'yaml';
import { arr, isObj, obj, str, type Obj } from '../../model/values.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import { resApiVersion, resClusterScoped, resGroup, resKind, resName, resNs, type KResource } from './kustomize-resource.ts';
import { gv } from './kustomize-scope.ts';
import { applyNamespaceTransformer, imagesByPath } from './kustomize-transformers.ts';
import { applyPatchToBody, gvkSelects, regexMatch, selectorMatches, type Patch } from './patches.ts';
import { dirOf, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';
import { isSelfReferential } from '../self-reference.ts';
import { versionsByPath, versionsSetBy } from './version-set-at.ts';

/**
 * kustomization.yaml patches (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/patches/).
 * Phase `strategic` runs `patchesStrategicMerge` then `patches` (kustomize's first two transformers);
 * phase `json6902` runs the older `patchesJson6902`, which kustomize applies after labels and annotations.
 */
/** `incomplete`: the build could not read all its resources (a remote base, a missing file), so a patch's object may be among those. */
/** `folderConfigs`: what a folder a `transformers:` entry names builds (its transformer configurations), or null for no such folder. */
/** `partial`: what the objects hold is modelled in part (see incomplete; `configurations:`, unrun transformers): a JSON operation that finds no path is not said. */
/** Returns whether a `transformers:` configuration was left unrun (see KResource.idUnknown). */
export function applyPatches(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, phase: 'strategic' | 'json6902' | 'transformers', src: KustomizeSource, incomplete = false, folderConfigs?: (dir: string) => unknown[] | null, partial = incomplete): boolean {
  let unrun = false;
  const kdir = dirOf(kdoc.file);
  const k = kdoc.body;
  const lineOf = (key: string) => kdoc.raw.lines[key] ?? kdoc.raw.source.line;
  const entries: { content: unknown[] | null; target: Obj | null; line: number; label: string; run?: () => void }[] = [];
  const load = (path: string | null, inline: unknown, line: number, label: string): unknown[] | null => {
    if (path !== null) {
      const file = resolveIn(kdir, path);
      const docs = file === null ? [] : patchFileDocs(file, src);
      if (docs.length === 0) sink.add('PATCH_UNREADABLE', kdoc.file, line, `${label}: patch file "${path}" is not in the repository or holds no patch.`);
      return docs.length ? docs : null;
    }
    if (typeof inline === 'string') {
      const parsed = parseAllDocuments(inline, { uniqueKeys: false, logLevel: 'error' });
      // A document that cannot be converted (an alias bomb) or contains itself is no patch.
      const docs = (Array.isArray(parsed) ? parsed : []).filter((d) => d.errors.length === 0).map(patchValue).filter((v) => v !== null && v !== undefined);
      if (docs.length === 0) sink.add('PATCH_UNREADABLE', kdoc.file, line, `${label}: the inline patch could not be read.`);
      return docs.length ? docs : null;
    }
    if (inline !== undefined && inline !== null) return [inline];
    sink.add('PATCH_UNREADABLE', kdoc.file, line, `${label}: neither path nor patch is set.`);
    return null;
  };
  if (phase === 'strategic') {
    arr(k.patchesStrategicMerge).forEach((p, i) => {
      const line = lineOf(`patchesStrategicMerge.${i}`);
      const s = str(p);
      const isPath = s !== null && !s.includes('\n') && !s.trimStart().startsWith('{');
      entries.push({ content: load(isPath ? s : null, p, line, 'patchesStrategicMerge'), target: null, line, label: 'patchesStrategicMerge' });
    });
    arr(k.patches).forEach((p, i) => {
      const line = lineOf(`patches.${i}`);
      // A string here is no patch at all: kustomize cannot read the file (checkShapes, an error where
      // a Flux build reads it; this warning says it of a folder only a plain kustomize build reads).
      if (typeof p === 'string') {
        sink.add('PATCH_UNREADABLE', kdoc.file, line, `patches: entry ${i + 1} is a string, where kustomize reads a mapping (\`- path: file\`, \`- patch: |\`), so it cannot read ${kdoc.file} at all ("json: cannot unmarshal string into Go struct field Kustomization.patches").`);
        return;
      }
      const o = obj(p);
      entries.push({ content: load(str(o.path), o.patch, line, 'patches'), target: isObj(o.target) ? o.target : null, line, label: 'patches' });
    });
  } else if (phase === 'transformers') {
    // The `transformers:` field runs after kustomize's own transformers, in its order. An entry is a
    // file, inline YAML, or a folder whose build gives the configurations (its `namespace:` sets a
    // NamespaceTransformer's). Of the builtins, a PatchTransformer (`patch` or `path`, and a `target`)
    // is a patch and a NamespaceTransformer moves the objects into its namespace; other transformer
    // configurations (plugins, the other builtins) are not run here.
    arr(k.transformers).forEach((t, i) => {
      const line = lineOf(`transformers.${i}`);
      const s = str(t);
      const file = s !== null && !isInlineEntry(s) ? resolveIn(kdir, s) : null;
      const folder = file !== null ? (folderConfigs?.(file) ?? null) : null;
      const configs = folder ?? (file !== null ? patchFileDocs(file, src) : s !== null ? parseAllDocuments(s, { uniqueKeys: false, logLevel: 'error' }).filter((d) => d.errors.length === 0).map(patchValue) : [t]);
      for (const c of configs) {
        if (!isObj(c)) continue;
        if (str(c.apiVersion) !== 'builtin') unrun = true;
        else if (str(c.kind) === 'PatchTransformer') entries.push({ content: load(str(c.path), c.patch, line, 'transformers'), target: isObj(c.target) ? c.target : null, line, label: 'transformers (PatchTransformer)' });
        else if (str(c.kind) === 'NamespaceTransformer') entries.push({ content: null, target: null, line, label: 'transformers (NamespaceTransformer)', run: () => applyNamespaceTransformer(c, ra) });
        else unrun = true;
      }
    });
  } else {
    arr(k.patchesJson6902).forEach((p, i) => {
      const line = lineOf(`patchesJson6902.${i}`);
      const o = obj(p);
      entries.push({ content: load(str(o.path), o.patch, line, 'patchesJson6902'), target: isObj(o.target) ? o.target : null, line, label: 'patchesJson6902' });
    });
  }
  for (const e of entries) {
    e.run?.();
    if (!e.content) continue;
    // A file of JSON 6902 operations is one list; a strategic-merge file may hold several documents.
    const patches: Patch[] = e.content.length === 1 && Array.isArray(e.content[0]) ? [{ target: e.target, strategic: null, ops: (e.content[0] as unknown[]).filter(isObj) }] : e.content.filter(isObj).map((v) => ({ target: e.target, strategic: v, ops: null }));
    // kustomize reads a strategic-merge patch as an object: without its kind and metadata.name it is "unable to parse SM or JSON patch", a target notwithstanding, and the build stops.
    const unnamed = patches.find((p) => p.strategic !== null && missingId(p.strategic).length > 0);
    if (unnamed) {
      sink.add('FIELD_INVALID', kdoc.file, e.line, `${e.label}: a strategic-merge patch without ${missingId(unnamed.strategic!).join(', ')}; kustomize reads such a patch only as an object with both, target or not ("unable to parse SM or JSON patch"), so it stops. Write the object's kind and metadata.name (and apiVersion) into the patch.`);
      continue;
    }
    // (A Component's patches run in every build that names it, where a target may be absent on purpose: not said.)
    const sayNone = str(k.kind) !== 'Component';
    for (const p of patches) applyOne(p, ra, sink, kdoc.file, e.line, e.label, incomplete, src.onDelete, partial, sayNone);
  }
  return unrun;
}

/**
 * The parts of an object's id without which kustomize cannot read a strategic-merge patch: its kind
 * and metadata.name (kubectl kustomize v5.5; an apiVersion it does without where a target selects).
 */
export function missingId(patch: Obj): string[] {
  const out: string[] = [];
  if (!str(patch.kind)) out.push('kind');
  if (!str(obj(patch.metadata).name)) out.push('metadata.name');
  return out;
}

/**
 * Whether what a kustomization's objects hold is modelled in part, so that a JSON operation finding no
 * path is not said: `configurations:` fieldSpecs and transformers (its own, or a base's left unrun:
 * KResource.idUnknown) write fields this emulation does not (code review). A build that lacks a remote
 * or missing resource still reads its own objects whole.
 */
export function modelledInPart(body: Obj, ra: readonly KResource[]): boolean {
  return ra.some((r) => r.idUnknown) || arr(body.configurations).length > 0 || arr(body.transformers).length > 0;
}

function applyOne(p: Patch, ra: KResource[], sink: ProblemSink, file: string, line: number, label: string, incomplete: boolean, onDelete?: KustomizeSource['onDelete'], partial = incomplete, sayNone = false) {
  let selected: KResource[];
  if (p.target) {
    selected = ra.filter((r) => targetSelects(p.target!, r));
    if (selected.length === 0 && sayNone && !incomplete && !partial && knownTarget(p.target, ra)) {
      sink.add('PATCH_TARGET_NONE', file, line, `${label}: the target ${describeTarget(p.target)} selects no object of this build, so kustomize applies the patch to nothing (without an error). Correct the target${str(p.target.namespace) ? ' (a namespace is matched as the objects have it before this kustomization\'s own `namespace:` applies)' : "'s kind and name"}, or remove the patch.`);
    }
  } else if (p.strategic) {
    selected = ra.filter((r) => idSelects(p.strategic!, r));
    if (selected.length === 0) {
      if (incomplete) return;
      const meta = obj(p.strategic.metadata);
      // kustomize finds the target by the patch's whole id, version included: a patch still written
      // for `v2beta1` of an object now at `v2` matches nothing ("no matches for Id").
      const other = ra.find((r) => idSelects(p.strategic!, r, false));
      const version = other ? ` (it is written for ${str(p.strategic.apiVersion)}; the object is ${resApiVersion(other)})` : '';
      sink.add('PATCH_NO_TARGET', file, line, `${label}: no object matches the patch's ${str(p.strategic.kind) ?? '?'} ${str(meta.name) ?? '?'}${version}; kustomize refuses the build.`);
      return;
    }
  } else {
    sink.add('PATCH_NO_TARGET', file, line, `${label}: a JSON 6902 patch needs a target.`);
    return;
  }
  for (const r of selected) {
    if (p.strategic && p.strategic.$patch === 'delete') {
      ra.splice(ra.indexOf(r), 1);
      if (r.doc) onDelete?.(r.doc);
      continue;
    }
    // An image the patch writes is cited at the patch (outside review: an overlay's patch setting the
    // migrator's image was cited at the base's line, which names another image).
    // So is a chart version (an overlay's pin of the base's HelmRelease).
    const before = imagesByPath(r.body);
    const versions = versionsByPath(r.body);
    const error = applyPatchToBody(p, r.body);
    for (const [path, image] of imagesByPath(r.body)) {
      if (before.get(path) !== image) r.imageSetAt = { ...r.imageSetAt, [path]: { source: { file, line, col: 1 }, image } };
    }
    const versionSetAt = versionsSetBy(versions, r.body, { file, line, col: 1 }, r.versionSetAt);
    if (versionSetAt) r.versionSetAt = versionSetAt;
    // (Not said of an object a generator made, whose data this emulation reads in part (env files, binary
    // files): a path kustomize finds there may be missing here; code review.)
    if (error && !((r.generated || partial) && p.ops)) sink.add('PATCH_FAILED', file, line, `${label}: does not apply to ${resKind(r)} ${resName(r)}: ${error}.`);
  }
}

/**
 * Whether a target that selects nothing is known to select nothing in the cluster too: not where it
 * selects by labels or annotations (which transformers this emulation runs in another order may set),
 * nor where a name is still a variable (`${APP}`) or an object's identity is not known here.
 */
function knownTarget(t: Obj, ra: readonly KResource[]): boolean {
  if (Object.hasOwn(t, 'labelSelector') || Object.hasOwn(t, 'annotationSelector')) return false;
  if (Object.values(t).some((v) => typeof v === 'string' && /\$\{|\$\(|\{\{/.test(v))) return false;
  return !ra.some((r) => r.idUnknown || /\$\{|\{\{/.test(`${resName(r)} ${resNs(r) ?? ''}`));
}

/** `KafkaTopic binance-btcusdt-trades` (with its group and namespace where the target names them). */
function describeTarget(t: Obj): string {
  const kind = str(t.kind) ?? 'any kind';
  const group = str(t.group);
  const name = str(t.name);
  const ns = str(t.namespace);
  return `${group ? `${group}/` : ''}${kind}${name ? ` ${name}` : ''}${ns ? ` in namespace ${ns}` : ''}`;
}

/** Namespace as kustomize compares it: `default` for a namespaced object without one, none for cluster-scoped ones. */
function effectiveNs(r: KResource, ns: string | null): string {
  return resClusterScoped(r) ? '' : (ns ?? 'default');
}

/** kustomize's patch target selector: gvk, name and namespace as anchored regexes against the original or current id, label and annotation selectors. */
function targetSelects(t: Obj, r: KResource): boolean {
  if (!gvkSelects(t, { ...gv(resApiVersion(r)), kind: resKind(r) })) return false;
  const name = str(t.name);
  if (name && !regexMatch(name, r.orgName) && !regexMatch(name, resName(r))) return false;
  const ns = str(t.namespace);
  if (ns && !regexMatch(ns, effectiveNs(r, r.orgNs)) && !regexMatch(ns, effectiveNs(r, resNs(r)))) return false;
  const meta = obj(r.body.metadata);
  return selectorMatches(str(t.labelSelector), obj(meta.labels)) && selectorMatches(str(t.annotationSelector), obj(meta.annotations));
}

/**
 * A strategic-merge patch without target applies to the object with its group, version, kind, name
 * (and namespace, when it sets one); `withVersion` false leaves the version out (to say why nothing matched).
 */
function idSelects(patch: Obj, r: KResource, withVersion = true): boolean {
  const meta = obj(patch.metadata);
  if (str(patch.kind) !== resKind(r)) return false;
  const apiVersion = str(patch.apiVersion);
  if (apiVersion && gv(apiVersion).group !== resGroup(r)) return false;
  if (apiVersion && withVersion && gv(apiVersion).version !== gv(resApiVersion(r)).version) return false;
  const name = str(meta.name);
  if (name !== r.orgName && name !== resName(r)) return false;
  const ns = str(meta.namespace);
  return !ns || effectiveNs(r, r.orgNs) === ns || effectiveNs(r, resNs(r)) === ns;
}

/** Documents of a patch file: every document, also those that are not Kubernetes objects (JSON 6902 lists). */
/** An entry of `transformers:` or `generators:` written inline (a YAML object or list) rather than as a file. */
export function isInlineEntry(s: string): boolean {
  return /^\s*[[{]/.test(s) || /:\s/.test(s);
}

function patchFileDocs(file: string, src: KustomizeSource): unknown[] {
  if (src.rawDocs) return src.rawDocs(file);
  return (src.byFile.get(file) ?? []).filter((d) => !d.raw.disabled).map((d) => d.raw.value);
}

function patchValue(doc: { toJS(options: { maxAliasCount: number }): unknown }): unknown {
  try {
    const value = doc.toJS({ maxAliasCount: 100 });
    return isSelfReferential(value) ? null : value;
  } catch {
    return null;
  }
}
