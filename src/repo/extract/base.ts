import type { KObject, ObjectRef } from '../../model/k8s-object.ts';
import { objectId } from '../../model/k8s-object.ts';
import type { Source } from '../../model/source.ts';
import { obj, str, stringMap } from '../../model/values.ts';
import { metaName, type WorkDoc } from '../build/work-doc.ts';
import { versionPatchAt } from '../build/version-set-at.ts';

/** The fields every object carries, from a resolved WorkDoc. */
export function base(d: WorkDoc): KObject {
  const meta = obj(d.body.metadata);
  const name = metaName(d) ?? `(unnamed@${d.file}:${d.raw.source.line})`;
  return {
    id: objectId(d.kind, d.ns, name, d.cluster ?? null),
    apiVersion: d.apiVersion,
    group: d.group,
    kind: d.kind,
    name,
    namespace: d.ns,
    source: d.raw.source,
    disabled: d.raw.disabled,
    owner: null,
    appId: null,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    ...(d.cluster ? { cluster: d.cluster } : {}),
    ...(d.nsDefaulted ? { namespaceDefaulted: true as const } : {}),
  };
}

/**
 * Where a chart version field (version-set-at.ts) is set: the patch entry that wrote it (an overlay's
 * pin of the base's HelmRelease), else the line of `linePath` in the document (one a substitution
 * fills in too).
 */
export function versionLineOf(d: WorkDoc, path: string, linePath = path): Source {
  return versionPatchAt(d.versionSetAt, d.body, path) ?? lineOf(d, linePath);
}

/** Position of a key path inside a document, falling back to the nearest recorded ancestor. */
export function lineOf(d: WorkDoc, path: string): Source {
  let p = path;
  for (;;) {
    const line = d.raw.lines[p];
    if (line !== undefined) return { file: d.file, line, col: 1, docIndex: d.raw.source.docIndex };
    const dot = p.lastIndexOf('.');
    if (dot < 0) return d.raw.source;
    p = p.slice(0, dot);
  }
}

/** A reference as Flux resolves it: a missing namespace defaults to the referring object's own. */
export function ref(d: WorkDoc, value: unknown, path: string, defaultKind: string | null): ObjectRef | null {
  const r = obj(value);
  const name = str(r.name) ?? (typeof value === 'string' ? value : null);
  if (!name) return null;
  const ns = str(r.namespace);
  return { kind: str(r.kind) ?? defaultKind, name, namespace: ns ?? d.ns, explicitNamespace: ns !== null, source: lineOf(d, path), ...(typeof value === 'string' ? { notAnObject: true as const } : {}) };
}

/**
 * The Flux ImagePolicy (`namespace/name`) whose setter marker sits on one of these key paths of the
 * document as written (`# {"$imagepolicy": "flux-system:app"}`, or `...:app:tag` on a tag line).
 */
export function imagePolicyAt(d: WorkDoc, paths: readonly string[]): string | undefined {
  const marks = d.raw.imagePolicies;
  if (!marks) return undefined;
  for (const p of paths) {
    const m = marks[p];
    if (m === undefined) continue;
    const [ns, name] = m.split(':');
    if (ns && name) return `${ns}/${name}`;
  }
  return undefined;
}
