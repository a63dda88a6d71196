/**
 * An app page's dependency links (app-facts.ts): what its Kustomizations' and HelmReleases'
 * `spec.dependsOn` name, resolved to apps in its cluster, and the apps whose dependsOn names it.
 */
import type { App } from '../../model/app.ts';
import type { AppLink } from './app-facts-schema.ts';
import { resolveEdge, resolveOffEdge, type FactsIndex } from './facts-index.ts';
import { appPath } from './urls.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function link(index: FactsIndex, name: string, namespace: string | null, appId: string | null, at: { file: string; line: number }): AppLink {
  const target = appId ? index.apps.get(appId) : undefined;
  return { name, namespace, appId: target?.id ?? null, path: target ? appPath(target) : null, ref: ref(at) };
}

export function dependsOn(index: FactsIndex, app: App, appliedBy: readonly string[]): AppLink[] {
  const seen = new Set<string>();
  const out: AppLink[] = [];
  // The app's live Kustomizations first, then those no build applies: their dependsOn is what Flux
  // would wait for once applied, shown marked (outside review: a page said "No dependencies declared"
  // of a Kustomization left out of its cluster's list, whose spec.dependsOn names one).
  const own = appliedBy.map((id) => index.kustomizations.get(id)).filter((k) => k !== undefined);
  for (const k of [...own.filter((k) => !k.disabled), ...own.filter((k) => k.disabled)]) {
    for (const edge of k.dependsOn) {
      const live = resolveEdge(index, edge, app.cluster);
      const target = live ?? resolveOffEdge(index, edge, app.cluster);
      if (target?.appId === app.id) continue; // app -> its own crds/config Kustomization
      const key = `${edge.namespace}/${edge.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const made = { ...link(index, edge.name, edge.namespace, target?.appId ?? null, edge.source), ...(k.disabled || (target && !live) ? { notApplied: true as const } : {}) };
      // (Flux resolves dependsOn in the Kustomization's own cluster: a copy another cluster runs is none.)
      const elsewhere = target ? [] : clustersOf(index, edge);
      out.push(elsewhere.length ? { ...made, otherClusters: elsewhere } : made);
    }
  }
  // Its releases' spec.dependsOn: helm-controller installs them only after those releases are ready.
  // (One of its own releases is no dependency of the app; an app named already is not named twice.)
  const named = new Set(out.map((l) => l.appId).filter((id) => id !== null));
  for (const { edge, target } of index.releaseEdges.get(app.id) ?? []) {
    if (target?.appId === app.id || (target?.appId && named.has(target.appId))) continue;
    const key = `HelmRelease/${edge.namespace}/${edge.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (target?.appId) named.add(target.appId);
    out.push(link(index, edge.name, edge.namespace, target?.appId ?? null, edge.source));
  }
  return out.sort(byName);
}

/** The clusters whose apps hold a Kustomization of the edge's name. */
function clustersOf(index: FactsIndex, edge: { name: string; namespace: string | null }): string[] {
  const all = index.ksByName.get(`${edge.namespace ?? ''}/${edge.name}`) ?? [];
  return [...new Set(all.map((k) => k.cluster ?? (k.appId ? index.apps.get(k.appId)?.cluster : null)).filter((c): c is string => !!c))].sort();
}

/**
 * The Kustomizations and HelmReleases of other apps whose dependsOn names one of the app's, each by
 * its own namespace and name as dependsOn names them (`flux-system/cilium-gatewayclass`, not the app's
 * `kube-system/gateway`, which is no Flux object: outside review), linked to its app.
 */
export function dependedOnBy(index: FactsIndex, app: App): AppLink[] {
  const seen = new Set<string>();
  const out: AppLink[] = [];
  const dependents = [...(index.dependents.get(app.id) ?? []), ...(index.releaseDependents.get(app.id) ?? []).map((from) => ({ from, notApplied: undefined }))];
  for (const { from, notApplied } of dependents) {
    const key = `${from.id}\u0000${from.appId}`;
    if (!from.appId || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...link(index, from.name, from.namespace, from.appId, from.source), ...(notApplied ? { notApplied } : {}) });
  }
  return out.sort(byName);
}
