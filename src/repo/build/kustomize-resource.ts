import { cloneData, obj, type Obj, str } from '../../model/values.ts';
import { gv, kustomizeClusterScoped } from './kustomize-scope.ts';
import type { ImageSetAt, WorkDoc } from './work-doc.ts';
import type { VersionSetAt } from './version-set-at.ts';
import { identityRedacted } from '../../model/raw-doc.ts';

/**
 * One object while kustomize builds a folder: a copy of a document's body that the build's
 * transformers change, plus the id it had when it was read (kustomize selects patch targets by the
 * original or the current name and namespace).
 */
export interface KResource {
  /** The document it was read from; null for objects a generator made. */
  doc: WorkDoc | null;
  /** The file it was read from (for a generated object, the kustomization file that declares it). */
  file: string;
  body: Obj;
  orgName: string;
  orgNs: string | null;
  /** Every name it had before the current one (for fixing references to it, as kustomize's nameReference does). */
  history: string[];
  /** Made by configMapGenerator / secretGenerator. */
  generated: boolean;
  /** kustomize appends `-<10-character content hash>` to the name at the end of the build. */
  hashSuffix: boolean;
  /**
   * For an object a kustomize Component added (also through a component inside it): the
   * Kustomization file that lists the outermost component. Each Kustomization that lists a component
   * gets its own copy of the component's objects.
   */
  componentOf: string | null;
  /**
   * Added by a component a Flux Kustomization's spec.components names (KustomizationExtra.componentDirs):
   * not an object of the path's own build.
   */
  fluxComponent?: true;
  /**
   * It comes from a folder kustomize stops at (its kustomization.yaml is no kustomize file): no build
   * holds it, so a clash with it, at this level or one above, is no second problem.
   */
  unbuilt?: true;
  /**
   * A transformer or generator configuration of its build is one this build does not run (a plugin, a
   * builtin other than PatchTransformer and NamespaceTransformer): its id may not be the one kustomize
   * gives it, so a clash with it is not known to stop the build. So for a document whose identity is
   * SOPS ciphertext (raw-doc.ts identityRedacted).
   */
  idUnknown?: true;
  /** Images an `images:` transformer of the build wrote, by key path (kustomize-transformers.ts ImageSetAt). */
  imageSetAt?: Readonly<Record<string, ImageSetAt>>;
  /** Chart versions, a HelmRelease's settings and a Flux Kustomization's patches that a patch of the build wrote, by key path (version-set-at.ts). */
  versionSetAt?: Readonly<Record<string, VersionSetAt>>;
  /**
   * For a generated ConfigMap: the data keys whose values this build does not know, each with why (an
   * input file not read for its values, or not in the repository); `*` where an `envs:` file's keys
   * are not known either. A `replacements:` source there has an unknown value (kustomize-replacements.ts).
   */
  unknownData?: ReadonlyMap<string, string>;
}

export function resApiVersion(r: KResource): string {
  return str(r.body.apiVersion) ?? '';
}

export function resKind(r: KResource): string {
  return str(r.body.kind) ?? '';
}

export function resName(r: KResource): string {
  return str(obj(r.body.metadata).name) ?? '';
}

export function resNs(r: KResource): string | null {
  return str(obj(r.body.metadata).namespace) || null;
}

export function resGroup(r: KResource): string {
  return gv(resApiVersion(r)).group;
}

export function resClusterScoped(r: KResource): boolean {
  return kustomizeClusterScoped(resApiVersion(r), resKind(r));
}

/** kustomize's id of a resource for "already registered id" conflicts: apiVersion, kind, namespace, name. */
export function resId(r: KResource): string {
  return `${resApiVersion(r)}|${resKind(r)}|${resClusterScoped(r) ? '' : (resNs(r) ?? '')}|${resName(r)}`;
}

export function metadataOf(r: KResource): Obj {
  if (typeof r.body.metadata !== 'object' || r.body.metadata === null || Array.isArray(r.body.metadata)) r.body.metadata = {};
  return r.body.metadata as Obj;
}

export function setName(r: KResource, name: string): void {
  const old = resName(r);
  if (old === name) return;
  if (!r.history.includes(old)) r.history.push(old);
  metadataOf(r).name = name;
}

export function fromDoc(d: WorkDoc): KResource {
  const body = cloneData(d.body);
  // kustomize holds labels and annotations as strings (`enabled: false` comes out as "false").
  const meta = body.metadata;
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) {
    for (const key of ['labels', 'annotations']) {
      const m = (meta as Obj)[key];
      if (typeof m !== 'object' || m === null || Array.isArray(m)) continue;
      for (const [k, v] of Object.entries(m)) if (typeof v === 'number' || typeof v === 'boolean') (m as Obj)[k] = String(v);
    }
  }
  return {
    doc: d,
    file: d.file,
    body,
    orgName: str(obj(body.metadata).name) ?? '',
    orgNs: str(obj(body.metadata).namespace) || null,
    history: [],
    generated: false,
    hashSuffix: false,
    componentOf: null,
    // (Encrypted whole: its id is ciphertext of its own, never another's.)
    ...(identityRedacted(body) ? { idUnknown: true as const } : {}),
  };
}

export function cloneRes(r: KResource): KResource {
  return { ...r, body: cloneData(r.body), history: [...r.history] };
}
