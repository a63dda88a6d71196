import { obj, str } from '../../model/values.ts';
import { dirOf, resolveFluxPath } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * Source kinds whose files come from an artifact, not necessarily from this Git tree: another Git
 * repository (a tenant's, in Flux's multi-tenancy layout), an OCI artifact, a bucket.
 */
const ARTIFACT_KINDS = new Set(['OCIRepository', 'Bucket', 'GitRepository']);

/** `Kind/name` of a Flux Kustomization's sourceRef (`Kind/name@namespace` where sourceKeys set it). */
export function sourceKeyOf(k: WorkDoc): string {
  const set = k.sourceKey ?? k.instanceOf?.sourceKey;
  if (set !== undefined) return set;
  const ref = obj(obj(k.body.spec).sourceRef);
  return `${str(ref.kind) ?? ''}/${str(ref.name) ?? ''}`;
}

/**
 * Sources are told apart by `Kind/name`, which is enough while the repository gives each name to one
 * source. Where it names sources of two namespaces alike (the cluster's own GitRepository `platform`
 * in flux-system, made outside the repository, and a tenant's GitRepository `platform` in the tenant's
 * namespace, of another repository), each Kustomization's key takes the namespace Flux reads its
 * source from (sourceRef.namespace, else the Kustomization's own), and so does each defined source's:
 * the tenant's `path: ./` was read as this repository's root and built every cluster again (17 false
 * duplicates in an outside review). Returns the key of each defined source document by the same rule;
 * sets `sourceKey` on the Kustomizations whose key changes.
 */
export function sourceKeys(fluxDocs: readonly WorkDoc[], sourceDocs: readonly WorkDoc[], nsOf: (d: WorkDoc) => string | null): (d: WorkDoc) => string {
  const namespaces = new Map<string, Set<string>>();
  const note = (key: string, ns: string | null) => {
    if (ns !== null) (namespaces.get(key) ?? namespaces.set(key, new Set()).get(key)!).add(ns);
  };
  const refNs = (k: WorkDoc) => str(obj(obj(k.body.spec).sourceRef).namespace) ?? nsOf(k);
  const plain = (d: WorkDoc) => `${d.kind}/${str(obj(d.body.metadata).name) ?? ''}`;
  for (const k of fluxDocs) note(sourceKeyOf(k), refNs(k));
  for (const d of sourceDocs) note(plain(d), nsOf(d));
  const qualify = (key: string, ns: string | null) => ((namespaces.get(key)?.size ?? 0) > 1 && ns !== null ? `${key}@${ns}` : key);
  for (const k of fluxDocs) {
    const key = qualify(sourceKeyOf(k), refNs(k));
    if (key !== sourceKeyOf(k)) k.sourceKey = key;
  }
  return (d) => qualify(plain(d), nsOf(d));
}

/**
 * This repository's source (`Kind/name`): the one whose Kustomizations' paths are folders of this
 * tree (at the root, or under a folder above the Kustomization's own file: an artifact of a
 * sub-folder), for the most Kustomizations; then the one most Kustomizations use; then the one named
 * flux-system (what `flux bootstrap` names the repository's own source); then the first by name. An
 * app's own GitRepository with more Kustomizations than the bootstrap (six of another repository's
 * paths against five of ours) must not make that repository ours, and nothing of this one deployed.
 * `exists`: whether a path is a folder or file of the repository; without it only the counts decide.
 */
export function ownSourceKey(fluxDocs: readonly WorkDoc[], exists?: (path: string) => boolean): string {
  const uses = new Map<string, number>();
  const fits = new Map<string, number>();
  // Paths that say something of the tree (not the artifact's root, no `${VAR}`), fitting it or not.
  const judged = new Map<string, number>();
  // A Kustomization without a source (a patch's fragment: `metadata` and the fields it changes) names
  // none, so it does not vote; two such fragments once made `/` the repository's source and left
  // every real Kustomization reading "another artifact".
  const named = fluxDocs.filter((k) => str(obj(obj(k.body.spec).sourceRef).name) !== null);
  for (const k of named.length ? named : fluxDocs) {
    const key = sourceKeyOf(k);
    uses.set(key, (uses.get(key) ?? 0) + 1);
    if (exists && pathFits(k, exists)) fits.set(key, (fits.get(key) ?? 0) + 1);
    if (exists && saysSomething(k)) judged.set(key, (judged.get(key) ?? 0) + 1);
  }
  const bootstrap = (key: string) => (key.endsWith('/flux-system') ? 0 : 1);
  // A source whose every telling path is no folder of this tree is another artifact (an OCI artifact
  // pushed from a sub-folder by a script), however many Kustomizations read it: it is not ours. Not the
  // bootstrap's `flux-system`, which is this repository by name: there the paths are what is wrong.
  // Nor is an artifact that is no Git repository (an OCIRepository, a Bucket) without a fitting path: CI
  // pushes such an artifact from some folder, and `./` of it says nothing of which.
  const refuted = (key: string) =>
    bootstrap(key) === 1 && (fits.get(key) ?? 0) === 0 && ((judged.get(key) ?? 0) > 0 || (exists !== undefined && !key.startsWith('GitRepository/') && key !== '/'));
  return (
    [...uses]
      .filter(([key]) => !refuted(key))
      .sort(([a, n], [b, m]) => (fits.get(b) ?? 0) - (fits.get(a) ?? 0) || m - n || bootstrap(a) - bootstrap(b) || a.localeCompare(b))[0]?.[0] ?? ''
  );
}

/**
 * The Kustomization's spec.path is a folder or file of the tree, at the root or under a folder above
 * its own file. A path of the artifact's root (`./`, none) or one with a `${VAR}` says nothing either
 * way: it fits any tree, or none before substitution.
 */
function pathFits(k: WorkDoc, exists: (path: string) => boolean): boolean {
  const p = tellingPath(k);
  if (p === null) return false;
  for (let d = dirOf(k.file); ; d = dirOf(d)) {
    if (exists(d === '' ? p : p === '' ? d : `${d}/${p}`)) return true;
    if (d === '') return false;
  }
}

/** A spec.path that names a folder (not the artifact's root, no `${VAR}`): it fits this tree or it does not. */
export function tellingPath(k: WorkDoc): string | null {
  const p = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
  return p !== null && p !== '' && !p.includes('${') ? p : null;
}

function saysSomething(k: WorkDoc): boolean {
  return tellingPath(k) !== null;
}

/**
 * Flux Kustomizations that read another artifact than the repository itself, so their `spec.path`
 * says nothing about this tree. cluster-template's `flux` Kustomization applies `path: ./` of the
 * upstream `flux-manifests` OCIRepository; read as our own root it "contained" every Kustomization
 * of the repo, hid the real root (`cluster`) and left its patches and substituteFrom unapplied.
 * `own` is this repository's source (ownSourceKey).
 */
export function externalSourced(fluxDocs: readonly WorkDoc[], own: string, defined?: ReadonlyMap<string, SourceUrl | null>, exists?: (path: string) => boolean): Set<WorkDoc> {
  const kindOf = (k: WorkDoc) => str(obj(obj(k.body.spec).sourceRef).kind) ?? '';
  const same = sameRepository(own, defined);
  // A GitRepository the repository does not define, whose path is a folder of this tree: this
  // repository under the name something else gives it (a FluxInstance's sync, a bootstrap outside
  // the repository: `home-kubernetes`), not another one.
  const sameTree = (k: WorkDoc) => kindOf(k) === 'GitRepository' && defined !== undefined && exists !== undefined && !defined.has(sourceKeyOf(k)) && pathFits(k, exists);
  return new Set(fluxDocs.filter((k) => ARTIFACT_KINDS.has(kindOf(k)) && !same.has(sourceKeyOf(k)) && !sameTree(k)));
}

/**
 * The repository's own source and every other GitRepository the repository defines with the same
 * URL and ref (or no ref): one repository under two names (cluster-template's `flux-system` of gotk-sync.yaml beside its
 * `home-kubernetes`), so neither is another artifact.
 */
export function sameRepository(own: string, defined?: ReadonlyMap<string, SourceUrl | null>): Set<string> {
  const out = new Set([own]);
  const mine = defined?.get(own);
  if (!mine || !own.startsWith('GitRepository/')) return out;
  // The same ref, or one not written: the repository's default branch, which the other most likely names.
  const sameTree = (ref: string) => ref === mine.ref || ref === 'null' || mine.ref === 'null';
  for (const [key, u] of defined!) if (key.startsWith('GitRepository/') && u !== null && repositoryOf(u.url) === repositoryOf(mine.url) && sameTree(u.ref)) out.add(key);
  return out;
}

/** A source's URL and the ref it follows (as written, serialised): another branch is another tree. */
export interface SourceUrl {
  url: string;
  ref: string;
}

/**
 * A Git URL reduced to host and path, so that the ways of writing one repository compare equal:
 * `https://github.com/o/r.git`, `ssh://git@github.com/o/r`, `git@github.com:o/r`.
 */
export function repositoryOf(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(\d+\/)?/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
