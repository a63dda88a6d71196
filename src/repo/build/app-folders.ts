/**
 * Two folder rules of the app grouping (apps.ts), each made once per grouping: which files of several
 * Flux Kustomizations hold several apps, and which overlay folder under a Kustomization's path a base
 * outside it belongs to.
 */
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { obj, str } from '../../model/values.ts';
import { baseName, dirOf, isUnder, resolveFluxPath, resolveIn } from './paths.ts';
import { templateMatches } from '../../model/templated.ts';
import { metaName, type WorkDoc } from './work-doc.ts';

/**
 * Names of the Kustomizations of each file: home-ops names those of one app's ks.yaml after the app's
 * folder (cert-manager, cert-manager-issuers); a file whose Kustomizations none is named so
 * (`infra/flux-ks.yaml`: sources, crds, storage, each in the namespace its objects name) holds several
 * apps. Never a home-ops `ks.yaml`, nor a file whose Kustomizations set a targetNamespace (one app's
 * parts share one: victoria-metrics/ks.yaml holds vm-operator-crds, vm-operator, vm-cluster).
 */
export function severalAppsFiles(ksPlaced: readonly { doc: WorkDoc; object: { name: string } }[]): (file: string) => boolean {
  const ksNamesOfFile = new Map<string, string[]>();
  const targetedFiles = new Set<string>();
  for (const p of ksPlaced) {
    if (p.doc.raw.disabled) continue;
    (ksNamesOfFile.get(p.doc.file) ?? ksNamesOfFile.set(p.doc.file, []).get(p.doc.file)!).push(p.object.name);
    if (str(obj(p.doc.body.spec).targetNamespace) !== null) targetedFiles.add(p.doc.file);
  }
  // (Compared without separators: `externaldns-ovh` is external-dns's.)
  const flat = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (file) => {
    if (targetedFiles.has(file) || /^ks\.ya?ml$/.test(baseName(file))) return false;
    const names = ksNamesOfFile.get(file) ?? [];
    const folder = flat(baseName(dirOf(file)));
    return names.length >= 2 && names.every((n) => !flat(n).startsWith(folder) && !folder.startsWith(flat(n)));
  };
}

/**
 * The app folder of a folder of plain manifests under `stop` (a sole root's or a collection's path):
 * the folder itself, or above it past folders whose names are no app's (`passed`: base, overlays,
 * app) and past overlays, kustomize folders that build on one above or beside them (`resources:
 * [../../base]`): `apps/shop/overlays/prod` is shop's. Not past an overlay named as the base it lists
 * (`beam01/apps/console` -> `../../../base/apps/console`): that is the app's own folder.
 */
export function appFolderWalk(kustomizeFiles: readonly KustomizeFile[], passed: (name: string) => boolean): (dir: string, stop: string) => string {
  const up = (k: KustomizeFile) => k.resources.filter((r) => r.entry.startsWith('../'));
  const overlays = new Set(kustomizeFiles.filter((k) => up(k).length > 0 && !up(k).some((r) => baseName(resolveIn(k.dir, r.entry) ?? '') === baseName(k.dir))).map((k) => k.dir));
  return (dir, stop) => {
    let d = dir;
    while (d !== '' && d !== stop && dirOf(d) !== '' && dirOf(d) !== stop && (passed(baseName(d)) || overlays.has(d))) d = dirOf(d);
    return d;
  };
}

/**
 * Whether the kustomization.yaml of folder `from` lists folder `dir` as a resource, or lists a base
 * outside it that is a folder of folders listing `dir` (`apps/production` -> `../base`, whose
 * kustomization.yaml lists `cv-site`, `akhq`, `umami`: each of those is listed for the overlay).
 */
export function listedFolders(kustomizeFiles: readonly KustomizeFile[]): (from: string, dir: string) => boolean {
  const lists = listsOf(kustomizeFiles);
  const folders = folderOfFolders(kustomizeFiles, lists);
  return (from, dir) => {
    const own = lists.get(from);
    if (!own) return false;
    if (own.has(dir)) return true;
    for (const b of own) if (b !== null && !isUnder(b, from) && folders.has(b) && lists.get(b)?.has(dir)) return true;
    return false;
  };
}

const listsOf = (kustomizeFiles: readonly KustomizeFile[]) => new Map(kustomizeFiles.map((k) => [k.dir, new Set(k.resources.map((r) => resolveIn(k.dir, r.entry)))]));

/** Kustomize folders whose kustomization.yaml lists two or more kustomize folders (a base of several apps). */
function folderOfFolders(kustomizeFiles: readonly KustomizeFile[], lists: ReadonlyMap<string, ReadonlySet<string | null>>): Set<string> {
  return new Set([...lists].filter(([, l]) => [...l].filter((t) => t !== null && lists.has(t)).length >= 2).map(([d]) => d));
}

/** Subfolders named for what they hold, not for an app. */
const CONTENT_FOLDERS = /^(crds?|manifests?|resources|templates|deploy|k8s|yaml|files|rbac)$/;

/**
 * A base outside the path that a folder under it lists (`apps/prod/web` -> `../../base/web`): its
 * objects are that folder's, the overlay's app (they were the Kustomization's, beside the overlay).
 * Two overlays may list one base, each with its own `namespace:`: each copy is the overlay's of its
 * namespace; several in one namespace, each with its own name suffix, each copy the overlay's whose
 * folder its name is. Returns the file's own folder where it is under the path or no overlay lists it.
 */
export function overlayHosts(kustomizeFiles: readonly KustomizeFile[]): (file: string, path: string, ns?: string | null, name?: string) => string {
  const listedBy = new Map<string, string[]>();
  for (const k of kustomizeFiles) {
    for (const r of [...k.resources, ...k.components]) {
      const target = resolveIn(k.dir, r.entry);
      if (target !== null && target !== k.dir) (listedBy.get(target) ?? listedBy.set(target, []).get(target)!).push(k.dir);
    }
  }
  const namespaceOfDir = new Map(kustomizeFiles.map((k) => [k.dir, k.namespace ?? null]));
  // A file in a plain subfolder named for what it holds (`crds/`, `manifests/`) that the kustomization.yaml
  // just above lists (`keycloak-operator/crds/operator.yml`): its app folder is that kustomization's
  // (outside review: an app "crds").
  const kustomizeDirs = new Set(kustomizeFiles.map((k) => k.dir));
  const listingDir = new Map<string, string>();
  for (const k of kustomizeFiles) {
    for (const r of k.resources) {
      const target = resolveIn(k.dir, r.entry);
      const sub = target === null ? '' : dirOf(target);
      if (target !== null && dirOf(sub) === k.dir && sub !== k.dir && CONTENT_FOLDERS.test(baseName(sub)) && !kustomizeDirs.has(sub)) listingDir.set(target, k.dir);
    }
  }
  // A base outside the path that lists several app folders (`apps/production` -> `../base` -> `cv-site`,
  // `akhq`): a file deeper in one of them is hosted by the folder the base lists, one app each.
  const folders = folderOfFolders(kustomizeFiles, listsOf(kustomizeFiles));
  return (file, path, ns = null, name) => {
    const dir = dirOf(file);
    if (isUnder(file, path)) return listingDir.get(file) ?? dir;
    // (From the file too: a kustomization.yaml may list `frontend/deployment.yaml` rather than its folder.)
    const seen = new Set([dir, file]);
    /** The folder through which the walk reached each one (one step towards the file). */
    const via = new Map<string, string>();
    for (let level = [dir, file], depth = 0; level.length && depth < 8; depth++) {
      const next: string[] = [];
      const hosts: string[] = [];
      for (const d of level) {
        for (const up of listedBy.get(d) ?? []) {
          if (up === path && d !== dir && d !== file && !isUnder(d, path) && folders.has(d) && via.has(d) && via.get(d) !== file) return via.get(d)!;
          if (up !== path && isUnder(up, path)) hosts.push(up);
          else if (!seen.has(up)) seen.add(up), via.set(up, d), next.push(up);
        }
      }
      // Several overlays of one base in one namespace (`queue-lims-pull`, `queue-tbr-pull`, each with a
      // nameSuffix): the copy is the overlay's whose folder its name is.
      if (hosts.length) return hosts.find((h) => name !== undefined && baseName(h) === name) ?? hosts.find((h) => ns !== null && namespaceOfDir.get(h) === ns) ?? hosts[0]!;
      level = next;
    }
    return dir;
  };
}

/**
 * The folder of a file whose own kustomization.yaml lists it, that no build reads, and that a live
 * ResourceSet's template names as a Kustomization's path (`path: clusters/live/apps/<< inputs.name >>`):
 * a kustomize folder of its own, deployed by what the repository does not expand. Else null: a
 * kustomize folder nothing names is one its owner forgot to list, a switched-off part of the app whose
 * folder holds it (unreached-folder.test.ts), and one a kustomization.yaml names (even commented out)
 * or a Flux Kustomization builds (deployed or not) is theirs.
 */
export function resourceSetFolders(kustomizeFiles: readonly KustomizeFile[], fluxKs: readonly WorkDoc[], templatePaths: readonly string[]): (file: string) => string | null {
  if (templatePaths.length === 0) return () => null;
  const byDir = new Map(kustomizeFiles.map((k) => [k.dir, k]));
  const named = new Set<string | null>([
    ...kustomizeFiles.flatMap((k) => [...k.resources, ...k.components, ...(k.commented ?? [])].map((r) => resolveIn(k.dir, r.entry))),
    ...fluxKs.flatMap((d) => [d.resolvedPath, resolveFluxPath(str(obj(d.body.spec).path) ?? '')]),
  ]);
  return (file) => {
    const k = byDir.get(dirOf(file));
    if (!k || k.deployed || named.has(k.dir) || !templatePaths.some((t) => templateMatches(t, k.dir))) return null;
    return k.resources.some((r) => resolveIn(k.dir, r.entry) === file) ? k.dir : null;
  };
}

/**
 * A cluster's root folders: where its roots are written, and the folder a bootstrap applies (one that
 * holds the root itself: a gotk-sync.yaml's or a FluxInstance's `clusters/<name>`). What a root applies
 * elsewhere (`infrastructure/kyverno`) is an app's folder, not the cluster's.
 */
export function clusterRootFolders(roots: readonly WorkDoc[]): Set<string> {
  const selfApplied = (d: WorkDoc) => (d.resolvedPath !== null && isUnder(dirOf(d.file), d.resolvedPath) ? [d.resolvedPath] : []);
  return new Set([...roots.map((d) => dirOf(d.file)), ...roots.flatMap(selfApplied)]);
}

/** The first folder of `path` below `under` ('' where `path` is `under`). */
export function firstSegment(path: string, under: string): string {
  const rel = under === '' ? path : path.slice(under.length + 1);
  return path === under ? '' : rel.split('/')[0] ?? '';
}

/**
 * The app whose folder holds a file: the deepest folder that is the file, contains it, or names it
 * with an extension (`apps/foo` for `apps/foo.yaml`), of the file's cluster; of two apps of one folder,
 * the first. Indexed by folder, so each file looks up its own prefixes instead of every app.
 */
export function folderAppIndex<T extends { dir: string; cluster: string | null }>(apps: readonly T[]): (file: string, cluster: string | null) => T | undefined {
  const byDir = new Map<string, T[]>();
  for (const a of apps) (byDir.get(a.dir) ?? byDir.set(a.dir, []).get(a.dir)!).push(a);
  return (file, cluster) => {
    // The file itself, then each prefix that ends before a `/` or a `.`, longest first, then the root.
    const prefixes = [file];
    for (let i = file.length - 1; i > 0; i--) if (file[i] === '/' || file[i] === '.') prefixes.push(file.slice(0, i));
    prefixes.push('');
    for (const dir of prefixes) {
      // `dir.` matches any file that starts with it; `dir/` only a file under it (isUnder).
      const found = byDir.get(dir)?.find((a) => a.cluster === cluster);
      if (found) return found;
    }
    return undefined;
  };
}

/** A cluster's own folder: `clusters/<name>`, `cluster/<name>`. */
export const CLUSTER_FOLDER = /(?:^|\/)clusters?\/[^/]+$/;

/**
 * A cluster's folder of roots whose bootstrap is not committed (`clusters/prod/` with apps.yaml and
 * infrastructure.yaml, each building a folder elsewhere): Flux's bootstrap applies them as it does
 * where its gotk-sync.yaml is committed, so each is an app at its path, with its own dependsOn, as
 * there. Not one that applies other Kustomizations or its own folder. `ksPerDir`: live Kustomizations per folder.
 */
export function bootstraplessRoots(ks: readonly WorkDoc[], aggregators: ReadonlySet<WorkDoc>, ksPerDir: ReadonlyMap<string, number>): Set<WorkDoc> {
  // Elsewhere than `clusters/<name>` (a FluxInstance's sync path `gitops/flux` whose chart values the
  // model does not read; outside review: one app of thirteen Kustomizations), a folder of roots that
  // each build an app's folder, none of them applying other Kustomizations. (Beside a root that does,
  // `cluster-apps` in `kubernetes/flux/cluster/`, the others are that cluster's plumbing, as before.)
  const aggregating = new Set(ks.filter((d) => d.isRoot && aggregators.has(d) && !d.raw.disabled).map((d) => dirOf(d.file)));
  return new Set(
    ks.filter((d) => {
      const path = d.resolvedPath;
      const fileDir = dirOf(d.file);
      return d.isRoot && !aggregators.has(d) && !d.raw.disabled && path != null && path !== '' && !isUnder(fileDir, path) && !isUnder(path, fileDir) && (ksPerDir.get(fileDir) ?? 0) >= 2 && (CLUSTER_FOLDER.test(fileDir) || !aggregating.has(fileDir)) && metaName(d) !== 'flux-system';
    }),
  );
}

/** What the bootstrap applies of such a folder of roots: every file there, or what its kustomization.yaml lists. */
export function bootstrapAppliedFiles(roots: ReadonlySet<WorkDoc>, kustomizeFiles: readonly KustomizeFile[]): (file: string) => boolean {
  const dirs = new Set([...roots].map((d) => dirOf(d.file)));
  const kustomizationOf = new Map(kustomizeFiles.map((k) => [k.dir, k]));
  return (file) => {
    const k = kustomizationOf.get(dirOf(file));
    return dirs.has(dirOf(file)) && (!k || k.resources.some((r) => resolveIn(k.dir, r.entry) === file));
  };
}

/**
 * Counts over the live Kustomizations, in one pass: per folder and per file of their documents, per
 * cluster and name (`ksNamed`, keyed `cluster|name`), and the other sources each file's Kustomizations
 * of another source build (`kind/namespace/name`; two or more make each of them an app of its own).
 */
export function ksCounts(ks: readonly WorkDoc[], clusterOf: (d: WorkDoc) => string | null) {
  const ksPerDir = new Map<string, number>();
  const ksPerFile = new Map<string, number>();
  const ksNamed = new Map<string, number>();
  const externalSourcesIn = new Map<string, Set<string>>();
  const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  for (const d of ks) {
    if (d.raw.disabled) continue;
    count(ksPerDir, dirOf(d.file));
    count(ksPerFile, d.file);
    count(ksNamed, `${clusterOf(d) ?? ''}|${metaName(d) ?? ''}`);
    if (d.externalSource !== true || d.resolvedPath !== null) continue;
    const ref = obj(obj(d.body.spec).sourceRef);
    const key = `${str(ref.kind) ?? ''}/${str(ref.namespace) ?? d.ns ?? ''}/${str(ref.name) ?? ''}`;
    (externalSourcesIn.get(d.file) ?? externalSourcesIn.set(d.file, new Set()).get(d.file)!).add(key);
  }
  return { ksPerDir, ksPerFile, ksNamed, externalSourcesIn };
}

/**
 * Every folder that holds one of these files, at any depth ('' for the root): a Kustomization whose
 * path is none of them (a folder that is not there, outside review) is part of its ks.yaml's app,
 * not an app at that path.
 */
export function foldersOf(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (let d = dirOf(f); !out.has(d); d = dirOf(d)) {
      out.add(d);
      if (d === '') break;
    }
  }
  return out;
}

/**
 * Whether the Kustomization that applies `k` also builds, itself, other folders beside `k`'s file (a
 * cluster's kustomization.yaml listing `networking/issuers-kustomization.yaml` and the kustomize
 * folder `networking/tunnel`): then that file's folder is a collection, not the app folder of a ks.yaml
 * (home-ops' `apps/<ns>/<app>/ks.yaml`, whose parent applies nothing else there). `k`'s app is its path;
 * read as its file's folder, it took in the sibling folder's app (outside review).
 */
export function parentBuildsBeside(placed: readonly { doc: WorkDoc }[]): (k: WorkDoc, fileDir: string, path: string) => boolean {
  const dirsOf = new Map<WorkDoc, Set<string>>();
  for (const p of placed) {
    const owner = p.doc.owners[0];
    if (!owner || p.doc.isFluxKs || p.doc.raw.disabled) continue;
    (dirsOf.get(owner) ?? dirsOf.set(owner, new Set()).get(owner)!).add(dirOf(p.doc.file));
  }
  return (k, fileDir, path) => {
    const dirs = k.owners[0] ? dirsOf.get(k.owners[0]) : undefined;
    if (!dirs) return false;
    for (const dir of dirs) if (dir !== fileDir && isUnder(dir, fileDir) && !isUnder(dir, path)) return true;
    return false;
  };
}

/**
 * The cluster of a Flux Kustomization that no build applies (a file its cluster folder's
 * kustomization.yaml leaves out, one commented out), where the repository has several clusters: the
 * cluster whose root builds the folder that holds its file (`clusters/staging/infra-configs-sync.yaml`
 * is staging's), the deepest such folder, where it is one cluster's. Read as no cluster's, its app was
 * named after the namespace of what its folder holds (`metallb-system/infrastructure-configs`), beside
 * its deployed twins `<cluster>/flux-system/infrastructure-configs` (outside review). Else null.
 */
export function unappliedHome(ks: readonly WorkDoc[], clusterOf: (d: WorkDoc) => string | null): (d: WorkDoc) => string | null {
  const roots = ks.flatMap((d) => {
    const cluster = d.isRoot && !d.raw.disabled ? clusterOf(d) : null;
    return cluster !== null && d.resolvedPath != null ? [{ cluster, dir: d.resolvedPath }] : [];
  });
  if (new Set(roots.map((r) => r.cluster)).size < 2) return () => null;
  return (d) => {
    if (clusterOf(d) !== null || (d.owners.length > 0 && !d.raw.disabled)) return null;
    const holding = roots.filter((r) => r.dir === '' || isUnder(d.file, r.dir));
    const deepest = Math.max(-1, ...holding.map((r) => r.dir.length));
    const clusters = new Set(holding.filter((r) => r.dir.length === deepest).map((r) => r.cluster));
    return clusters.size === 1 ? [...clusters][0]! : null;
  };
}
