import type { RepoModel } from '../../model/repo-model.ts';
import { componentDirs } from './kustomize-tree.ts';
import { dirOf, resolveFluxPath, resolveIn } from './paths.ts';

/**
 * Files that Flux cannot apply: each lies in a folder with a kustomization.yaml (or in one without, whose
 * other files a kustomization.yaml above lists one by one), no kustomization.yaml
 * of the repository names it (in resources or components), and no Flux build placed any of its
 * objects (nor a generator reads it). A Flux Kustomization whose path is that folder builds it from the kustomization.yaml, and
 * one whose path is a folder above reaches it only through one, so nothing deploys these objects:
 * a file left beside the ones in use, or one commented out of its folder's list. Only where the
 * repository has a cluster root (without one, manifests may be applied by hand), and not in an
 * archive (which has its own note). Maps each file to its folder's kustomization.yaml (or to the one that lists its siblings).
 */
export function unlistedFiles(model: Pick<RepoModel, 'kustomizations' | 'kustomizeFiles' | 'objects' | 'files'>): Map<string, string> {
  const out = new Map<string, string>();
  if (!model.kustomizations.some((k) => k.isRoot)) return out;
  // An archive has its own note (NOT_DEPLOYED per archive folder).
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const listed = new Set<string>();
  const kustomizationOf = new Map<string, string>();
  // A folder without a kustomization.yaml whose files a kustomization.yaml above lists one by one: a file
  // of it that no list names is not applied either (outside review: a Middleware left beside the listed
  // IngressRoute that names it). By folder, the kustomization.yaml that lists its files.
  const listerOf = new Map<string, string>();
  for (const k of model.kustomizeFiles) {
    listed.add(k.file);
    if (!kustomizationOf.has(k.dir)) kustomizationOf.set(k.dir, k.file);
    for (const r of [...k.resources, ...k.components]) {
      const target = resolveIn(k.dir, r.entry);
      if (target === null) continue;
      listed.add(target);
      if (/\.ya?ml$/i.test(target) && dirOf(target) !== k.dir && !listerOf.has(dirOf(target))) listerOf.set(dirOf(target), k.file);
    }
    // A file a generator reads is used, as the data of the object it makes (a manifest kept as a
    // ConfigMap's text, `oidc-clients.yml=oidc-clients.yaml`): no leftover beside the listed ones.
    for (const g of [...k.configMapGenerators, ...k.secretGenerators]) {
      for (const r of g.reads) listed.add(r.path);
      for (const r of g.envReads) listed.add(r.path);
    }
  }
  // (Not a folder a Flux Kustomization builds itself: Flux generates a kustomization.yaml of all its files.)
  const built = new Set(model.kustomizations.filter((k) => !k.disabled).map((k) => k.resolvedPath ?? (k.path === null ? null : resolveFluxPath(k.path))));
  for (const dir of [...listerOf.keys()]) if (kustomizationOf.has(dir) || built.has(dir)) listerOf.delete(dir);
  const placed = new Set<string>();
  const candidates = new Set<string>();
  for (const o of model.objects) {
    const file = o.source.file;
    if (o.owner !== null || o.disabled !== null || archived.has(file)) placed.add(file);
    else if (!listed.has(file) && (kustomizationOf.has(dirOf(file)) || listerOf.has(dirOf(file)))) candidates.add(file);
  }
  for (const file of [...candidates].sort()) if (!placed.has(file)) out.set(file, kustomizationOf.get(dirOf(file)) ?? listerOf.get(dirOf(file))!);
  return out;
}

/**
 * Folders with a kustomization.yaml that no Flux build reaches (nothing lists the folder, and no
 * Flux Kustomization's path is it or above it), whose objects no build placed and no app holds: a
 * folder left out of its parent's list (`production/omni` beside the listed `production/shop`).
 * Without this, the folder's listed files said nothing and its unlisted ones were "not listed in"
 * their own kustomization.yaml, which reads as if the rest were applied. Only the topmost of such
 * folders (an unreached overlay's base has the overlay's note), only where the repository has a
 * cluster root. Maps each folder's kustomization.yaml to the files of its objects.
 */
export function unreachedFolders(model: Pick<RepoModel, 'kustomizations' | 'kustomizeFiles' | 'objects' | 'files'> & Partial<Pick<RepoModel, 'apps'>>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!model.kustomizations.some((k) => k.isRoot)) return out;
  // A Flux Operator ResourceSet makes Kustomizations from templates the model does not expand
  // (RESOURCESET_NOT_EXPANDED): any folder may be one of their paths, so nothing is claimed.
  if (model.objects.some((o) => o.kind === 'ResourceSet' && o.group === 'fluxcd.controlplane.io' && o.disabled === null)) return out;
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const byDir = new Map<string, typeof model.objects>();
  for (const o of model.objects) (byDir.get(dirOf(o.source.file)) ?? byDir.set(dirOf(o.source.file), []).get(dirOf(o.source.file))!).push(o);
  // A component is used through the builds that name it (kustomize `components:`, a Flux
  // Kustomization's spec.components), never reached as a folder of its own.
  const components = componentDirs(model.kustomizeFiles, model.kustomizations);
  // Left out of a list that is applied: the nearest folder above with a kustomization.yaml is
  // deployed (a folder applied by hand at bootstrap, with nothing deployed above it, is not claimed).
  const kdirs = new Map(model.kustomizeFiles.map((k) => [k.dir, k]));
  const parentDeployed = (dir: string): boolean => {
    for (let d = dir; d !== ''; ) {
      d = dirOf(d);
      const k = kdirs.get(d);
      if (k) return k.deployed;
    }
    return false;
  };
  // An object of an app that is deployed otherwise (a release in `app/` beside the listed source of
  // the app's folder) is no less unreached; one of an app not deployed as a whole, or switched off
  // (`ks.dis`), has the app's state.
  const appOff = new Set((model.apps ?? []).filter((a) => a.notDeployed || a.disabled).map((a) => a.id));
  // The path of a Kustomization that is switched off (commented out, `ks.dis`) is off with it, not unreached.
  const offPaths = new Set(model.kustomizations.filter((k) => k.disabled).map((k) => k.resolvedPath ?? (k.path === null ? null : resolveFluxPath(k.path))));
  // A cluster root's own folder (gotk-sync.yaml) is applied at bootstrap, whatever lists it.
  const rootFiles = new Set(model.kustomizations.filter((k) => k.isRoot).map((k) => k.source.file));
  const unreached = model.kustomizeFiles.filter((k) => {
    if (k.deployed || components.has(k.dir) || archived.has(k.file) || offPaths.has(k.dir) || !parentDeployed(k.dir)) return false;
    const objects = byDir.get(k.dir) ?? [];
    if (objects.some((o) => rootFiles.has(o.source.file))) return false;
    return objects.length > 0 && objects.every((o) => o.owner === null && o.disabled === null && (o.appId === null || !appOff.has(o.appId)) && !archived.has(o.source.file));
  });
  const below = new Set<string>();
  for (const k of unreached) for (const r of [...k.resources, ...k.components]) below.add(resolveIn(k.dir, r.entry) ?? '');
  for (const k of unreached) {
    if (below.has(k.dir)) continue;
    out.set(k.file, [...new Set((byDir.get(k.dir) ?? []).map((o) => o.source.file))].sort());
  }
  return out;
}
