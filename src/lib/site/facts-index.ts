import type { RepoModel } from '../../model/repo-model.ts';
import type { App } from '../../model/app.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { ObjectRef } from '../../model/k8s-object.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';

/**
 * Lookups every app page needs, built once per model (a WeakMap keyed by the model), so that
 * computing the facts of all N apps stays O(N + edges) instead of scanning every list per app.
 */
export interface FactsIndex {
  apps: Map<string, App>;
  kustomizations: Map<string, FluxKustomization>;
  /** `namespace/name` -> live Flux Kustomizations with that name (several clusters may share one). */
  ksByName: Map<string, FluxKustomization[]>;
  /** `namespace/name` -> Flux Kustomizations of that name no build applies (disabled: left out, commented out). */
  offByName: Map<string, FluxKustomization[]>;
  /**
   * App id -> live Kustomizations of other apps that dependsOn one of its Kustomizations, with the
   * edge; `notApplied` where that one is a Kustomization no build applies.
   */
  dependents: Map<string, { from: FluxKustomization; edge: ObjectRef; notApplied?: true }[]>;
  /**
   * App id -> its live HelmReleases' spec.dependsOn edges, each with the release it names (in the
   * depending one's cluster; null where the repository has none); helm-controller waits for those too.
   */
  releaseEdges: Map<string, { edge: ObjectRef; target: HelmRelease | null }[]>;
  /** App id -> HelmReleases of other apps whose dependsOn names one of its releases. */
  releaseDependents: Map<string, HelmRelease[]>;
  /** App id -> ids of the other objects it owns, by list, filled lazily by `byApp`. */
  byApp: <T extends { appId: string | null }>(list: readonly T[]) => ReadonlyMap<string, readonly T[]>;
  /**
   * For an app that is one file of a folder shared with others (a HelmRelease file, a Kustomization
   * file of another repository: its `dir` is the file without its extension, or that and the
   * Kustomization's name where the file holds several), that file; else null.
   */
  fileOf: (app: App) => string | null;
}

const cache = new WeakMap<RepoModel, FactsIndex>();

const ksKey = (namespace: string | null, name: string): string => `${namespace ?? ''}/${name}`;

/**
 * The live Kustomization a dependsOn edge points to: Flux looks for it in the depending one's own
 * cluster only, so one that only another cluster runs is no target (DEPENDS_ON_MISSING says so; a
 * README said "Depends on: production/..." for a development app). Where a copy's cluster is not
 * known (a repository of one cluster), any copy is.
 */
export function resolveEdge(index: FactsIndex, edge: ObjectRef, cluster: string | null): FluxKustomization | null {
  const candidates = index.ksByName.get(ksKey(edge.namespace, edge.name)) ?? [];
  const clusterOf = (k: FluxKustomization) => k.cluster ?? (k.appId ? (index.apps.get(k.appId)?.cluster ?? null) : null);
  if (cluster === null) return candidates.find((k) => clusterOf(k) === null) ?? candidates[0] ?? null;
  return candidates.find((k) => clusterOf(k) === cluster) ?? candidates.find((k) => clusterOf(k) === null) ?? null;
}

/**
 * The Kustomization no build applies that a dependsOn edge names, where no live one does: one of the
 * depending one's cluster (by its app's), else of none. Flux waits for it until it is applied
 * (DEPENDS_ON_DISABLED); the pages link the two, marked as not applied.
 */
export function resolveOffEdge(index: FactsIndex, edge: ObjectRef, cluster: string | null): FluxKustomization | null {
  const candidates = index.offByName.get(ksKey(edge.namespace, edge.name)) ?? [];
  const clusterOf = (k: FluxKustomization) => k.cluster ?? (k.appId ? (index.apps.get(k.appId)?.cluster ?? null) : null);
  return candidates.find((k) => clusterOf(k) === cluster) ?? candidates.find((k) => clusterOf(k) === null) ?? null;
}

export function factsIndex(model: RepoModel): FactsIndex {
  const hit = cache.get(model);
  if (hit) return hit;
  const apps = new Map(model.apps.map((a) => [a.id, a]));
  const kustomizations = new Map(model.kustomizations.map((k) => [k.id, k]));
  const ksByName = new Map<string, FluxKustomization[]>();
  const offByName = new Map<string, FluxKustomization[]>();
  for (const k of model.kustomizations) {
    const key = ksKey(k.namespace, k.name);
    const byName = k.disabled ? offByName : ksByName;
    (byName.get(key) ?? byName.set(key, []).get(key)!).push(k);
  }
  const byApp = <T extends { appId: string | null }>(list: readonly T[]): ReadonlyMap<string, readonly T[]> => groupBy(list, appIdOf);
  let folders: Set<string> | null = null;
  const paths = new Set(model.files.map((f) => f.path));
  const fileOf = (app: App): string | null => {
    if (!folders) {
      folders = new Set();
      for (const f of model.files) for (let i = f.path.indexOf('/'); i > 0; i = f.path.indexOf('/', i + 1)) folders.add(f.path.slice(0, i));
    }
    if (app.dir === '' || folders.has(app.dir)) return null;
    const file = (base: string) => ['.yaml', '.yml', '.dis', '.bak'].map((ext) => `${base}${ext}`).find((p) => paths.has(p)) ?? null;
    // (One of several Kustomizations of one file: its dir is `<file without extension>/<name>`; outside
    // review: the page said "folder kubernetes/flux/cluster/ks/private-apps", which does not exist.)
    const slash = app.dir.lastIndexOf('/');
    return file(app.dir) ?? (slash > 0 && !folders.has(app.dir.slice(0, slash)) ? file(app.dir.slice(0, slash)) : null);
  };
  const index: FactsIndex = { apps, kustomizations, ksByName, offByName, dependents: new Map(), releaseEdges: new Map(), releaseDependents: new Map(), byApp, fileOf };
  const clusterOfApp = (id: string | null) => (id ? (apps.get(id)?.cluster ?? null) : null);
  const releasesByName = Map.groupBy(model.helmReleases.filter((h) => !h.disabled), (h) => ksKey(h.namespace, h.name));
  for (const h of model.helmReleases) {
    if (h.disabled || !h.appId) continue;
    const cluster = clusterOfApp(h.appId);
    for (const edge of h.dependsOn) {
      const candidates = releasesByName.get(ksKey(edge.namespace, edge.name)) ?? [];
      const target = candidates.find((c) => clusterOfApp(c.appId) === cluster) ?? candidates.find((c) => cluster === null || clusterOfApp(c.appId) === null) ?? null;
      (index.releaseEdges.get(h.appId) ?? index.releaseEdges.set(h.appId, []).get(h.appId)!).push({ edge, target });
      if (target?.appId && target.appId !== h.appId) (index.releaseDependents.get(target.appId) ?? index.releaseDependents.set(target.appId, []).get(target.appId)!).push(h);
    }
  }
  // (Also an edge to a Kustomization no build applies: that one's page shows what waits for it, marked.
  // One no build applies waits for nothing yet: its own page lists its dependsOn, its targets' do not.)
  for (const k of model.kustomizations) {
    if (k.disabled) continue;
    const fromCluster = k.appId ? (apps.get(k.appId)?.cluster ?? null) : null;
    for (const edge of k.dependsOn) {
      const target = resolveEdge(index, edge, fromCluster) ?? resolveOffEdge(index, edge, fromCluster);
      if (!target?.appId || target.appId === k.appId) continue;
      const list = index.dependents.get(target.appId) ?? [];
      list.push({ from: k, edge, ...(target.disabled ? { notApplied: true as const } : {}) });
      index.dependents.set(target.appId, list);
    }
  }
  cache.set(model, index);
  return index;
}
