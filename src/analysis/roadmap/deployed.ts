import type { App } from '../../model/app.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { RepoModel } from '../../model/repo-model.ts';

/**
 * What a roadmap check counts: the objects Flux applies as the repository stands. A roadmap item is
 * about the cluster ("every ExternalSecret sets refreshInterval"), so an object of an app switched off
 * (`ks.dis`), of a folder its parent's kustomization.yaml comments out, or a component template no
 * build uses is not one of its units; the checks counted those (`state: unreferenced` has
 * `disabled: null`, and they filtered on `disabled` only).
 *
 * Applied: not switched off, not in an archive folder, and made by a build that works: its owner is a
 * Flux Kustomization a cluster root reaches whose build applies (FluxKustomization.appliesNothing), or
 * it is a root itself (as analysis/index.ts appliedByWorkingBuild judges findings). Where the model
 * knows no root (plain manifests applied some other way, a model made by hand), nothing tells which
 * build applies what, so every object not switched off counts.
 */
interface Deployed {
  /** A Flux Kustomization is told by its `isRoot` (roots apply themselves at bootstrap). */
  object: (o: Pick<KObject, 'disabled' | 'owner' | 'appId' | 'source'> & { isRoot?: boolean }) => boolean;
  app: (a: App) => boolean;
}

const MEMO = new WeakMap<RepoModel, Deployed>();

export function deployedIn(model: RepoModel): Deployed {
  const hit = MEMO.get(model);
  if (hit) return hit;
  const ks = new Map(model.kustomizations.map((k) => [k.id, k]));
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const hasRoot = model.kustomizations.some((k) => k.isRoot && !k.disabled);
  const builds = (id: string | null): boolean => {
    const k = id === null ? undefined : ks.get(id);
    return k !== undefined && !k.disabled && (k.isRoot || k.reachedFromRoot) && k.appliesNothing !== true;
  };
  const offApps = new Set(model.apps.filter((a) => a.notDeployed || a.disabled || a.unreferenced).map((a) => a.id));
  const object: Deployed['object'] = (o) => {
    if (o.disabled || archived.has(o.source.file)) return false;
    if (!hasRoot) return true;
    // A Flux Kustomization is an object of its parent's build: applied where that build works, even
    // when its own build fails (its timeout and dependsOn are still in the cluster).
    if (o.isRoot !== undefined) return o.isRoot || builds(o.owner);
    return builds(o.owner) && !(o.appId !== null && offApps.has(o.appId));
  };
  const app: Deployed['app'] = (a) => {
    if (offApps.has(a.id) || archived.has(a.source.file)) return false;
    const own = a.kustomizations.map((id) => ks.get(id)).filter((k): k is FluxKustomization => k !== undefined && !k.disabled);
    return own.length === 0 || own.some((k) => object(k));
  };
  const out = { object, app };
  MEMO.set(model, out);
  return out;
}

/**
 * The model a roadmap check measures: every list of objects and apps cut to what Flux applies
 * (deployedIn). Files, namespaces, SOPS files (not archived) and redactions stay as they are: they
 * are about the repository's files, not about what runs.
 */
export function deployedModel(model: RepoModel): RepoModel {
  const hit = VIEWS.get(model);
  if (hit) return hit;
  const d = deployedIn(model);
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const keep = <T extends Pick<KObject, 'disabled' | 'owner' | 'appId' | 'source'>>(xs: readonly T[]): T[] => xs.filter((x) => d.object(x));
  const view: RepoModel = {
    ...model,
    objects: keep(model.objects),
    kustomizations: keep(model.kustomizations),
    helmReleases: keep(model.helmReleases),
    externalSecrets: keep(model.externalSecrets),
    secrets: keep(model.secrets),
    pvcs: keep(model.pvcs),
    backupObjects: keep(model.backupObjects),
    monitors: keep(model.monitors),
    networkPolicies: keep(model.networkPolicies),
    kyvernoPolicies: keep(model.kyvernoPolicies),
    policyExceptions: keep(model.policyExceptions),
    sopsFiles: model.sopsFiles.filter((f) => !archived.has(f.file)),
    apps: model.apps.filter((a) => d.app(a)),
  };
  VIEWS.set(model, view);
  return view;
}
const VIEWS = new WeakMap<RepoModel, RepoModel>();

/** Why Flux does not apply an object: `switched off (ks.dis)`, the app's reason, `no Flux Kustomization applies it`. */
export function whyNotDeployed(o: Pick<KObject, 'disabled' | 'appId'>, model: RepoModel): string {
  if (o.disabled === 'commented') return 'commented out';
  if (o.disabled === 'unlisted') return 'its folder’s kustomization.yaml leaves its file out';
  if (o.disabled) return 'in a switched-off file';
  const app = o.appId === null ? undefined : model.apps.find((a) => a.id === o.appId);
  if (app?.disabled) return `app ${app.id} is switched off`;
  if (app?.notDeployed) return `app ${app.id}: ${lowerFirst(app.notDeployed.replace(/\.$/, ''))}`;
  return 'no Flux Kustomization applies it';
}

const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * `Not counted, as Flux does not apply them: ExternalSecret default/thanos-bucket (app
 * observability/thanos is switched off), ...`: the objects of one kind a check leaves out, listed
 * apart so that the number is read with them in mind. Null when none.
 */
export function setApartNote<T extends Pick<KObject, 'id' | 'kind' | 'name' | 'namespace' | 'disabled' | 'owner' | 'appId' | 'source'>>(
  all: readonly T[],
  model: RepoModel,
  include: (o: T) => boolean = () => true,
): string | null {
  const d = deployedIn(model);
  // Switched-off documents (`ks.dis`, commented out) and archive folders are not the cluster's and
  // never counted; those the repository holds live but Flux never applies are the ones a reader
  // would otherwise count.
  const archived = new Set(model.files.filter((f) => f.archived !== undefined).map((f) => f.path));
  const apart = all.filter((o) => include(o) && !o.disabled && !archived.has(o.source.file) && !d.object(o));
  if (apart.length === 0) return null;
  const seen = new Set<string>();
  const named = apart
    .filter((o) => !seen.has(`${o.id}@${o.source.file}:${o.source.line}`) && !!seen.add(`${o.id}@${o.source.file}:${o.source.line}`))
    .map((o) => `${o.kind} ${o.namespace ?? '-'}/${o.name} (${whyNotDeployed(o, model)})`);
  const shown = named.slice(0, 8);
  const more = named.length > shown.length ? ` and ${named.length - shown.length} more` : '';
  return `Not counted, as Flux does not apply ${named.length === 1 ? 'it' : 'them'}: ${shown.join('; ')}${more}.`;
}
