import type { RepoModel } from '../../model/repo-model.ts';
import { dirOf, resolveIn } from './paths.ts';

/**
 * Files that Flux cannot apply: each lies in a folder with a kustomization.yaml, no kustomization.yaml
 * of the repository names it (in resources or components), and no Flux build placed any of its
 * objects. A Flux Kustomization whose path is that folder builds it from the kustomization.yaml, and
 * one whose path is a folder above reaches it only through one, so nothing deploys these objects:
 * a file left beside the ones in use, or one commented out of its folder's list. Only where the
 * repository has a cluster root (without one, manifests may be applied by hand), and not in an
 * archive (which has its own note). Maps each file to its folder's kustomization.yaml.
 */
export function unlistedFiles(model: Pick<RepoModel, 'kustomizations' | 'kustomizeFiles' | 'objects' | 'files'>): Map<string, string> {
  const out = new Map<string, string>();
  if (!model.kustomizations.some((k) => k.isRoot)) return out;
  // An archive has its own note (NOT_DEPLOYED per archive folder).
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const listed = new Set<string>();
  const kustomizationOf = new Map<string, string>();
  for (const k of model.kustomizeFiles) {
    listed.add(k.file);
    if (!kustomizationOf.has(k.dir)) kustomizationOf.set(k.dir, k.file);
    for (const r of [...k.resources, ...k.components]) {
      const target = resolveIn(k.dir, r.entry);
      if (target !== null) listed.add(target);
    }
  }
  const placed = new Set<string>();
  const candidates = new Set<string>();
  for (const o of model.objects) {
    const file = o.source.file;
    if (o.owner !== null || o.disabled !== null || archived.has(file)) placed.add(file);
    else if (!listed.has(file) && kustomizationOf.has(dirOf(file))) candidates.add(file);
  }
  for (const file of [...candidates].sort()) if (!placed.has(file)) out.set(file, kustomizationOf.get(dirOf(file))!);
  return out;
}
