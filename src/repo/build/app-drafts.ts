/**
 * The drafts the app grouping (apps.ts) works on, and the last passes over them before they become
 * apps: a draft its Kustomization left is named by its own files; a Kustomization without
 * targetNamespace takes the one namespace its objects agree on.
 */
import type { App } from '../../model/app.ts';
import { isWorkload, type KObject } from '../../model/k8s-object.ts';
import { obj, str } from '../../model/values.ts';
import { releaseNamespace } from '../extract/storage.ts';
import { baseName, dirOf, isUnder } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/** An object of the model with the document it came from, to be placed in an app. */
export interface Placed {
  object: KObject;
  doc: WorkDoc;
}

export interface Draft {
  key: string;
  dir: string;
  name: string;
  namespace: string;
  cluster: string | null;
  source: App['source'];
  ks: Placed[];
  objects: Placed[];
  aggregator: boolean;
  /** For an app that is one HelmRelease file in a folder shared with others: that release's id. */
  fileRelease: string | null;
  /**
   * For an app that is one Kustomization of another source (a Git repository of manifests) in a
   * folder of several: its file. Its objects are in the other repository.
   */
  fileKs?: string;
  /**
   * That release's own namespace where it installs elsewhere (spec.targetNamespace): its values
   * ConfigMaps and Secrets and its chart source live there, beside it.
   */
  releaseNamespace?: string;
  /** A cluster's folder of roots whose bootstrap is not committed (apps.ts): what it holds the bootstrap applies. */
  appliedByBootstrap?: boolean;
  /** Its namespace is its Kustomization's own (one no build applies, placed in its cluster: apps.ts), not what its objects say. */
  ownNamespace?: boolean;
}

/** Flux API groups of sources, notifications and image automation (not HelmReleases, not Kustomizations). */
export const FLUX_PLUMBING = /^(source|notification|image)\.toolkit\.fluxcd\.io$/;

/** The passes that settle each draft's name, source and namespace once every object is placed. */
export function settleDrafts(drafts: Iterable<Draft>): void {
  const all = [...drafts];
  // The Kustomizations whose builds hold other Flux Kustomizations.
  const appliesKustomizations = new Set(all.flatMap((d) => [...d.objects, ...d.ks].flatMap((o) => (o.doc.isFluxKs ? o.doc.owners : []))));
  // A Kustomization's draft its Kustomization left (for its one release's app) keeps only files the
  // release's folder does not hold (a stray patch file beside the kustomization.yaml): it is named and
  // placed by those files, not by the Kustomization, which is deployed elsewhere ("flux-system/apps is
  // not deployed" was said of a deployed Kustomization, at its line).
  for (const d of all) {
    if (d.ks.length > 0 || d.aggregator || d.fileRelease !== null || d.objects.length === 0) continue;
    const files = new Set(d.objects.map((o) => o.doc.file));
    if (files.has(d.source.file)) continue;
    const first = d.objects[0]!;
    d.source = first.object.source;
    if (files.size === 1) d.name = baseName(first.doc.file).replace(/\.(ya?ml|dis|bak)$/i, '');
    if (first.object.namespace) d.namespace = first.object.namespace;
  }
  
  // A Kustomization without targetNamespace whose folder says nothing sure of a namespace (an
  // environment folder `apps/production/podinfo`, a component folder `apps/base/shop/helm`): its app
  // is in the one namespace all its objects are in (a release: where it installs), when they agree.
  for (const d of all) {
    if (d.ks.length === 0 || d.aggregator || d.fileRelease !== null || d.ownNamespace) continue;
    if (d.ks.some((k) => str(obj(k.doc.body.spec).targetNamespace) !== null)) continue;
    // The bootstrap Kustomization is flux-system's, whatever else it applies; so is a cluster's own
    // folder of roots (`clusters/dev`, named flux-system where the bootstrap is not committed): a
    // leftover patch file beside them says nothing of where they run.
    // So is a cluster root that applies other Kustomizations (`cluster-apps` in kubernetes/flux/cluster/):
    // the namespace of the rest it applies (a small cluster's namespace folders, all `ai`) says nothing
    // of where it lives. (A root that applies one app's manifests itself is that app.)
    if (d.ks.some((k) => isBootstrap(k.doc))) continue;
    if (d.name === 'flux-system' && d.ks.some((k) => k.doc.isRoot)) continue;
    if (d.ks.some((k) => k.doc.isRoot && appliesKustomizations.has(k.doc))) continue;
    const namespaces = new Set<string>();
    const plumbing = new Set<string>();
    // `default` counts where it is written (metadata or a kustomize `namespace:`), not where it is
    // only the fallback of an object that names none.
    let saysDefault = false;
    // Only what the Kustomization's build applies: a stray file beside its kustomization.yaml that the
    // file does not list (NOT_DEPLOYED) says nothing of where the app runs.
    const deployed = d.ks.some((k) => k.doc.reached);
    // A release's values ConfigMaps and Secrets (valuesFrom) live beside the HelmRelease object, not where
    // it installs: plumbing too (outside review: traefik's release in flux-system, installing into traefik
    // beside its NetworkPolicy, left the app in flux-system because of its values ConfigMap).
    const valuesOf = new Set(d.objects.flatMap((o) => (o.object.kind === 'HelmRelease' && !o.doc.raw.disabled ? ((o.object as { valuesFrom?: { kind: string; name: string }[] }).valuesFrom ?? []).map((v) => `${v.kind}/${o.object.namespace ?? ''}/${v.name}`) : [])));
    for (const o of d.objects) {
      if (o.doc.raw.disabled || o.doc.isFluxKs || (deployed && o.doc.owners.length === 0)) continue;
      const ns = o.object.kind === 'HelmRelease' ? releaseNamespace(o.object, o.doc) : o.object.namespace;
      if (valuesOf.has(`${o.object.kind}/${o.object.namespace ?? ''}/${o.object.name}`)) {
        if (ns !== null) plumbing.add(ns);
        continue;
      }
      if (ns === 'default' && (str(obj(o.doc.body.metadata).namespace) === 'default' || o.doc.kustomizeNs === 'default')) saysDefault = true;
      // Flux's own plumbing beside a release (its HelmRepository, an Alert, an ImageRepository) lives in
      // flux-system by convention, wherever the app runs: it says nothing of the app's namespace,
      // unless it is all the app has (an ImageUpdateAutomation in its own namespace).
      if (ns !== null) (FLUX_PLUMBING.test(o.object.group) ? plumbing : namespaces).add(ns);
    }
    const said = namespaces.size > 0 ? namespaces : plumbing;
    const only = said.size === 1 ? [...said][0]! : null;
    if (only !== null && (only !== 'default' || saysDefault) && only !== d.namespace) d.namespace = only;
  }

  // Where its workloads run, when they agree, is the app's namespace: not the namespace of whichever
  // object its folder's kustomization.yaml lists first (an ExternalSecret in another namespace), nor
  // the Kustomization's own where its objects spread over several (quotas and policies in five
  // namespaces beside the one Deployment). Not where a targetNamespace or a release says it, nor for
  // the bootstrap or a root that applies other Kustomizations.
  for (const d of all) {
    if (d.aggregator || d.fileRelease !== null || d.ownNamespace) continue;
    if (d.ks.some((k) => str(obj(k.doc.body.spec).targetNamespace) !== null || isBootstrap(k.doc) || (k.doc.isRoot && appliesKustomizations.has(k.doc)))) continue;
    if (d.objects.some((o) => o.object.kind === 'HelmRelease' && !o.doc.raw.disabled)) continue;
    const live = d.objects.filter((o) => !o.doc.raw.disabled && o.object.namespace !== null && isWorkload(o.object));
    // (`default` where it is written, not where it is only the fallback of a workload that names none.)
    const written = (o: (typeof live)[number]) => o.object.namespace !== 'default' || str(obj(o.doc.body.metadata).namespace) === 'default' || o.doc.kustomizeNs === 'default';
    const runs = new Set(live.map((o) => (written(o) ? o.object.namespace! : '')));
    if (runs.size === 1 && !runs.has('')) d.namespace = [...runs][0]!;
  }

  // An app no build applies, placed in its cluster (ownNamespace), is where its twin of another
  // cluster is (its name, its folder or that folder in the other cluster's: `clusters/prod/
  // infrastructure-configs` for staging's), whose build was read whole. Without one, its
  // Kustomization's own namespace stays.
  const byName = Map.groupBy(all.filter((d) => !d.ownNamespace && d.cluster !== null), (d) => d.name);
  const inCluster = (dir: string, from: string, to: string) => dir.split('/').map((s) => (s === from ? to : s)).join('/');
  for (const d of all) {
    if (!d.ownNamespace || d.cluster === null) continue;
    const twin = (byName.get(d.name) ?? []).find((t) => t.cluster !== d.cluster && (t.dir === d.dir || t.dir === inCluster(d.dir, d.cluster!, t.cluster!)));
    if (twin) d.namespace = twin.namespace;
  }
}


export function isBootstrap(d: WorkDoc): boolean {
  return d.isRoot === true && (str(obj(d.body.metadata).name) === 'flux-system' || baseName(dirOf(d.file)) === 'flux-system');
}

/**
 * The sync the Flux Operator makes of a FluxInstance (or of the flux-instance chart's values) that an
 * app's Kustomization applies is that app's part, not an app of its own in the app's folder
 * (work-doc.ts madeInCluster); the draft it leaves goes where nothing else is in it.
 */
export function joinMadeInCluster(ksPlaced: readonly Placed[], appOfKs: Map<WorkDoc, Draft>, movedAway: Set<Draft>): void {
  for (const p of ksPlaced) {
    const home = p.doc.madeInCluster && p.doc.owners[0] ? appOfKs.get(p.doc.owners[0]) : undefined;
    const own = appOfKs.get(p.doc);
    if (!home || home.aggregator || !own || own === home) continue;
    own.ks = own.ks.filter((k) => k !== p);
    if (own.ks.length === 0) movedAway.add(own);
    home.ks.push(p);
    appOfKs.set(p.doc, home);
  }
}

/**
 * Of the Kustomizations whose builds all apply one object (a collection's `apps/base`, which Flux
 * generates a list of, and `postgres` of `apps/base/postgres`: DUPLICATE_OBJECT), the one whose path
 * is nearest its file: the app it belongs to, as that finding's advice says (keep it in the folder's
 * own Kustomization). The first build still makes it; only its app follows the nearer one.
 */
export function ownOwner(d: WorkDoc): WorkDoc | undefined {
  const first = d.owners[0];
  if (d.owners.length < 2 || !first) return first;
  const depth = (k: WorkDoc) => (k.resolvedPath != null && isUnder(d.file, k.resolvedPath) ? k.resolvedPath.length : -1);
  const nearest = d.owners.reduce((best, k) => (depth(k) > depth(best) ? k : best), first);
  if (depth(nearest) >= 0) return nearest;
  // A base outside every owner's path (`bases/external-secrets`, listed by the app folder
  // `infrastructure/security/external-secrets` and again by the parent that builds `infrastructure/`):
  // the owner whose path lies inside another owner's, written in its own folder, is the more specific
  // build, the app's own (outside review: the base became an app of its own beside the real one, and
  // APP_ID_COLLISION).
  // (An app folder's own: its ks.yaml written in the folder it builds, as home-ops and monosense keep them.)
  const inner = d.owners.filter((k) => k.resolvedPath != null && isUnder(k.file, k.resolvedPath) && d.owners.some((o) => o !== k && o.resolvedPath != null && k.resolvedPath !== o.resolvedPath && isUnder(k.resolvedPath!, o.resolvedPath)));
  return inner.length === 1 ? inner[0] : first;
}

/** Kinds a folder of Kustomizations holds beside them, which make no app of their own. */
const FOLDER_KINDS = new Set(['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'LimitRange', 'ResourceQuota', 'NetworkPolicy', 'CiliumNetworkPolicy', 'PriorityClass']);

/** An object that is part of what an app runs: not Flux's own plumbing, not what a folder of Kustomizations holds. */
export function isAppContent(o: { kind: string; group: string }): boolean {
  if (FOLDER_KINDS.has(o.kind) || o.group.endsWith('.toolkit.fluxcd.io') || o.group === 'kustomize.config.k8s.io' || o.group === 'fluxcd.controlplane.io') return false;
  return true;
}

/**
 * An app of a Kustomization whose children install other repositories' content (apps.ts remoteParents)
 * runs where they install it, where they agree (their targetNamespace, else their own namespace), not in
 * the parent's flux-system.
 */
export function remoteInstallNamespaces(drafts: Iterable<Draft>, remoteParents: ReadonlySet<WorkDoc>): void {
  for (const d of drafts) {
    const parent = d.ks.find((k) => remoteParents.has(k.doc));
    if (!parent) continue;
    const mine = d.ks.filter((k) => k.doc.owners[0] === parent.doc);
    const where = new Set(mine.map((k) => str(obj(k.doc.body.spec).targetNamespace) ?? k.object.namespace));
    const only = where.size === 1 ? [...where][0] : null;
    if (only && !only.includes('${')) d.namespace = only;
  }
}
