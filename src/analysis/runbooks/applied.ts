/**
 * Whether a Flux build applies a file or an object, which decides whether a rotate runbook starts
 * from it; a module of its own, so that every runbook module may read it without an import cycle.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { SopsFile } from '../../model/secrets.ts';
import { fileOf, groupBy } from '../../model/group-by.ts';
import { isLive } from '../health/common.ts';

/**
 * Whether a Flux build applies the file: one of its objects is live (its Kustomization reached from a
 * root, its app deployed), or a deployed secretGenerator reads it. A file no build applies changes
 * nothing in the cluster when edited (the secrets inventory marks it so, and the check says NOT_DEPLOYED).
 * Where the repository has no Flux Kustomization at all, nothing tells: it counts as applied.
 */
export function fileApplied(model: RepoModel, f: SopsFile): boolean {
  if (model.kustomizations.length === 0) return true;
  if (f.generatedInto.some((g) => g.deployed)) return true;
  return (groupBy(model.objects, fileOf).get(f.file) ?? []).some((o) => objectApplied(model, o));
}

/**
 * Whether a Flux build applies the object: live (not switched off or left out of its folder's
 * kustomization.yaml, its Kustomization reached from a root) and its app deployed. A rotate runbook
 * starts only from such an object: rotating what no build applies changes nothing in the cluster.
 */
export function objectApplied(model: RepoModel, o: Pick<RepoModel['objects'][number], 'disabled' | 'owner' | 'appId'>): boolean {
  return isLive(o, model) && !(o.appId !== null && notDeployedApps(model).has(o.appId));
}

function notDeployedApps(model: RepoModel): ReadonlySet<string> {
  let set = OFF_APPS.get(model.apps);
  if (!set) OFF_APPS.set(model.apps, (set = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id))));
  return set;
}
const OFF_APPS = new WeakMap<readonly object[], ReadonlySet<string>>();
