/**
 * Collections of plain kustomize folders: a Kustomization of plain manifests whose path is elsewhere
 * than its own folder (Flux's getting-started shape: `clusters/prod/apps.yaml` -> `./apps`, a
 * kustomization.yaml listing `home/mosquitto` and `web/organizr`, each a kustomize folder with its own
 * Deployment; or bases the path lists, `../base/alpha`). Where two or more kustomize folders under the
 * path run workloads in two or more namespaces, each of them is an app, as the folders of a sole root
 * are. The folders' workloads say so; folders of plain objects stay the Kustomization's. One namespace
 * is one app's parts (`shop` -> frontend, backend, redis). Split from apps.ts.
 * - A folder whose kustomization.yaml sets its own namespace counts too: an operator's resource alone
 *   (a `postgresql`) runs its pods (outside review: such a folder and its namespace joined a sibling's app).
 * - A Kustomization written in a cluster's root folder whose path is below it (`clusters/k3s/apps.yaml`
 *   -> `./clusters/k3s/apps`) is such a collection too; in an app's own folder (`apps/<ns>/<app>/ks.yaml`
 *   -> its `app/`) it is not (the caller's `candidate` says which).
 */
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import type { Placed } from './app-drafts.ts';
import { isUnder } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

export interface CollectionInputs {
  /** Whether the Kustomization may be a collection at all (not an aggregator, a root, one of releases ...). */
  candidate: (owner: WorkDoc) => boolean;
  /** The folder under the path that lists a base outside it (app-folders.ts overlayHosts). */
  hostDir: (file: string, path: string, ns?: string | null) => string;
  /** Whether the kustomization at `from` lists `dir` (a base outside the path). */
  listsDir: (from: string, dir: string) => boolean;
  /** Folders with a kustomization.yaml that are not kustomize Components. */
  kustomizeDirs: ReadonlySet<string>;
  /** The app folder of a kustomize folder under the path (a base and its overlays are one). */
  appFolderOf: (dir: string, stop: string) => string;
  kustomizeFiles: readonly KustomizeFile[];
}

export function plainCollectionsOf(rest: readonly Placed[], o: CollectionInputs): { plainCollections: Set<WorkDoc>; workloadFolders: Map<WorkDoc, Set<string>> } {
  const ownNamespaceDirs = new Set(o.kustomizeFiles.filter((k) => k.namespace !== null).map((k) => k.dir));
  const workloadFolders = new Map<WorkDoc, Set<string>>();
  const workloadNamespaces = new Map<WorkDoc, Set<string>>();
  for (const p of rest) {
    const owner = p.doc.owners[0];
    const path = owner?.resolvedPath ?? null;
    if (!owner || path === null || !o.candidate(owner)) continue;
    const dir = o.hostDir(p.doc.file, path, p.object.namespace);
    const runs = isWorkload(p.object) || (p.object.namespace !== null && ownNamespaceDirs.has(dir));
    if (!runs || p.doc.raw.disabled || dir === path || !(isUnder(dir, path) || o.listsDir(path, dir)) || !o.kustomizeDirs.has(dir)) continue;
    (workloadFolders.get(owner) ?? workloadFolders.set(owner, new Set()).get(owner)!).add(o.appFolderOf(dir, path));
    if (p.object.namespace !== null) (workloadNamespaces.get(owner) ?? workloadNamespaces.set(owner, new Set()).get(owner)!).add(p.object.namespace);
  }
  const plainCollections = new Set([...workloadFolders].filter(([k, dirs]) => dirs.size >= 2 && (workloadNamespaces.get(k)?.size ?? 0) >= 2).map(([k]) => k));
  return { plainCollections, workloadFolders };
}
