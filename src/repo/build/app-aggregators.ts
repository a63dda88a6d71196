/**
 * Which Flux Kustomizations are plumbing (apps.ts): one that deploys other Kustomizations is a folder of
 * them, an app of none, unless its folder is an app's (it runs what the app is made of beside one child,
 * or its children only install other repositories' content, written together in one file of its folder).
 */
import { isWorkload } from '../../model/k8s-object.ts';
import { obj, str } from '../../model/values.ts';
import { isAppContent, type Placed } from './app-drafts.ts';
import { dirOf, resolveFluxPath } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/** The aggregators (plumbing), and the Kustomizations whose children all install other repositories (their app is their folder's). */
export function aggregatorsOf(placed: readonly Placed[], ksPlaced: readonly Placed[], ksParents: ReadonlySet<WorkDoc | undefined>): { aggregators: Set<WorkDoc>; remoteParents: Set<WorkDoc> } {
  const aggregators = new Set<WorkDoc>();
  // (Not one that runs an app of its own beside the one child it applies: `tailscale-operator`, whose
  // folder holds its release, its secret and the `router` Kustomization. Read as plumbing, its app was
  // split in two, its own half in flux-system, where nothing of it runs.)
  // (Nor one whose folder holds what an app is made of beside the child: `gateway`, whose folder holds its
  // Gateways and certificates and the Kustomization that installs the Gateway API from its repository;
  // outside review: read as plumbing, the `gateway` Kustomization and its dependsOn went to the folder
  // of Kustomization files, and the app showed none. Not what a folder of Kustomizations holds besides
  // them: Namespaces, settings, RBAC, quotas, Flux's own sources and notifications.)
  const runsOwn = new Set(placed.filter((q) => !q.doc.isFluxKs && !q.doc.raw.disabled && (isWorkload(q.object) || (q.object.kind === 'HelmRelease' && q.object.group === 'helm.toolkit.fluxcd.io') || isAppContent(q.object))).map((q) => q.doc.owners[0]));
  const children = Map.groupBy(ksPlaced.filter((q) => q.doc.owners[0] !== undefined), (q) => q.doc.owners[0]!);
  const remoteParents = new Set<WorkDoc>();
  for (const p of ksPlaced) {
    const path = p.doc.resolvedPath ?? resolveFluxPath(str(obj(p.doc.body.spec).path) ?? '');
    const oneChildApp = !p.doc.isRoot && path !== '' && runsOwn.has(p.doc) && (children.get(p.doc)?.length ?? 0) === 1;
    // (Nor one whose children all install another repository's content (`external-snapshotter`, whose
    // folder holds the GitRepository and the Kustomizations of the CRDs and the controller; a tenant's
    // folder with its sync to the tenant's repository): they are parts of its app, which is its path's.
    // A folder of Kustomizations of this repository's own folders is plumbing.)
    // (Written together in one file of its folder, as one install: not a folder of such Kustomizations, one a
    // file, each an app of its own, nor those of a subfolder, another app's.)
    const kids = children.get(p.doc) ?? [];
    const installsRemote = !p.doc.isRoot && path !== '' && kids.length > 0 && kids.every((q) => (q.doc.instanceOf ?? q.doc).externalSource === true && q.doc.file === kids[0]!.doc.file && dirOf(q.doc.file) === path);
    if (installsRemote && ksParents.has(p.doc) && !runsOwn.has(p.doc)) remoteParents.add(p.doc);
    if (path === '' || (ksParents.has(p.doc) && !oneChildApp && !installsRemote)) aggregators.add(p.doc);
  }
  return { aggregators, remoteParents };
}
