import type { App } from '../../model/app.ts';
import { type Finding } from '../../model/finding.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { baseName, dirOf, isUnder, resolveFluxPath } from './paths.ts';
import { arr, obj, str } from '../../model/values.ts';
import type { Pvc } from '../../model/storage.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import { componentDirs } from './kustomize-tree.ts';
import { appsOfDrafts } from './app-ids.ts';
import { aggregatorsOf } from './app-aggregators.ts';
import { isBootstrap, joinMadeInCluster, ownOwner, remoteInstallNamespaces, settleDrafts, type Draft, type Placed } from './app-drafts.ts';
import { appFolderWalk, foldersOf, listedFolders, bootstrapAppliedFiles, parentBuildsBeside, bootstraplessRoots, CLUSTER_FOLDER, clusterRootFolders, firstSegment, folderAppIndex, ksCounts, overlayHosts, resourceSetFolders, severalAppsFiles, unappliedHome } from './app-folders.ts';
import { mergeSideDrafts } from './app-side-drafts.ts';
import { folderSharer } from './folder-share.ts';
import { plainCollectionsOf } from './app-collections.ts';
import { aggregatorWorkloadDirs, workloadFiles } from './workload-files.ts';
import { resourceSetPaths } from './flux-instance.ts';
import { metaName, type WorkDoc } from './work-doc.ts';
import { releaseNamespace } from '../extract/storage.ts';

export type { Placed } from './app-drafts.ts';

/** Folders that hold a base's variants rather than an app. */
const OVERLAY_FOLDERS = new Set(['overlays', 'overlay', 'bases', 'variants', 'environments', 'envs']);
const GENERIC = new Set(['app', 'apps', 'base', 'overlays', 'resources', 'config', 'manifests', 'deploy', 'src']);
/**
 * Folders named for the part of an app they hold (`immich/secret/ks.yaml` beside `immich/ks.yaml`): an app
 * of its own there is named by its Kustomization (`immich-secret`), not "secret" (outside review).
 */
const ROLE_FOLDERS = new Set(['secret', 'secrets', 'crd', 'crds', 'externalsecret', 'externalsecrets', 'sops']);

/**
 * Names of an environment or variant, not of an app: a Kustomization whose path ends in one
 * (`vault/dev`, `vault/ha`) is named by its metadata.name (`vault-dev`), not "dev" (outside review).
 */
const VARIANT_FOLDERS = new Set(['dev', 'development', 'stage', 'staging', 'prod', 'production', 'test', 'testing', 'qa', 'uat', 'ha', 'local', 'sandbox', 'preview', 'live', 'primary', 'secondary']);

/**
 * Group objects into apps, the unit an operator thinks in. A Kustomization's app is the folder of its
 * ks.yaml (or, for a ks.yaml covering several app folders, the folder its path points into; for
 * per-cluster Kustomizations, the base folder it deploys). Objects an app-wide Kustomization deploys
 * belong to its app; objects of a repo-wide Kustomization (flat layouts) are grouped by HelmRelease
 * folder; the rest land in the app whose folder holds them, or in none.
 */

export function groupApps(
  placed: readonly Placed[],
  clusterOf: (d: WorkDoc) => string | null,
  options: { kustomizeFiles?: readonly KustomizeFile[] } = {},
): { apps: App[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const drafts = new Map<string, Draft>();
  const ksPlaced = placed.filter((p) => p.doc.isFluxKs);
  // Kustomizations that deploy other Kustomizations, in one pass (a `some` per Kustomization was quadratic).
  const ksParents = new Set(ksPlaced.map((q) => q.doc.owners[0]));
  const { aggregators, remoteParents } = aggregatorsOf(placed, ksPlaced, ksParents);

  const draftFor = (dir: string, name: string, namespace: string, cluster: string | null, source: App['source'], aggregator: boolean) => {
    const key = `${cluster ?? ''}|${dir}`;
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { key, dir, name, namespace, cluster, source, ks: [], objects: [], aggregator, fileRelease: null }));
    return d;
  };

  // A Kustomization whose path is elsewhere than its own folder and that deploys HelmReleases from
  // other folders (Flux's reference layout: `clusters/production/apps.yaml` -> `apps/production`, an
  // overlay of `apps/base/podinfo`; `infrastructure/controllers` with one file per release) is
  // plumbing: its releases are the apps, grouped by folder or file as in a flat layout.
  const releasesOf = Map.groupBy(placed.filter((p) => p.object.kind === 'HelmRelease' && p.object.group === 'helm.toolkit.fluxcd.io' && p.doc.owners[0]), (p) => p.doc.owners[0]!);
  const releaseFilesIn = Map.groupBy(new Set(placed.filter((p) => p.object.kind === 'HelmRelease' && p.object.group === 'helm.toolkit.fluxcd.io' && !p.doc.raw.disabled).map((p) => p.doc.file)), dirOf);
  const wide = new Set<WorkDoc>();
  const clusterNames = new Set(ksPlaced.map((p) => clusterOf(p.doc)).filter((c): c is string => c !== null));
  // The names of the cluster folders the roots build (`clusters/production` -> production): in Flux's
  // reference layout `apps/<cluster>/<part>` names a cluster where home-ops' `apps/<namespace>/<app>`
  // names a namespace.
  const rootFolders = new Set([...clusterNames, ...ksPlaced.flatMap((p) => (p.doc.isRoot ? (/(?:^|\/)clusters\/([^/]+)$/.exec(p.doc.resolvedPath ?? '')?.slice(1) ?? []) : []))]);

  /** The folders a bootstrap root builds from inside (`clusters/staging/flux-system/gotk-sync.yaml` -> `clusters/staging`): a cluster's, whatever its name. */
  const rootPaths = new Set(ksPlaced.flatMap((p) => (p.doc.isRoot && p.doc.resolvedPath != null && p.doc.resolvedPath !== '' && isUnder(p.doc.file, p.doc.resolvedPath) ? [p.doc.resolvedPath] : [])));
  const { ksPerDir, ksPerFile, ksNamed, externalSourcesIn } = ksCounts(ksPlaced.map((p) => p.doc), clusterOf);
  const [severalApps, buildsBeside] = [severalAppsFiles(ksPlaced), parentBuildsBeside(placed)];
  // Folders where Kustomizations of this repository's own source are written, and a cluster's top
  // folders: where its roots and the Kustomizations that deploy others are written, and the folders
  // these apply (`clusters/prod/`), not an app's own folder (`apps/kube-system/cilium/`).
  const ownSourceDirs = new Set(ksPlaced.filter((p) => p.doc.externalSource !== true && !p.doc.raw.disabled).map((p) => dirOf(p.doc.file)));
  const tops = ksPlaced.filter((p) => (p.doc.isRoot || ksParents.has(p.doc)) && !p.doc.raw.disabled && p.doc.externalSource !== true);
  const topDirs = new Set([...tops.map((p) => dirOf(p.doc.file)), ...tops.flatMap((p) => (p.doc.resolvedPath !== null ? [p.doc.resolvedPath] : []))]);
  const rootDirs = clusterRootFolders(tops.filter((p) => p.doc.isRoot).map((p) => p.doc));
  for (const p of ksPlaced) {
    const d = p.doc;
    const path = d.resolvedPath;
    // (A path below the Kustomization's own folder is its app's, but in a cluster's root folder:
    // `clusters/prod/apps.yaml` -> `./clusters/prod/apps`, whose kustomization.yaml lists app folders
    // elsewhere, each a release; outside review: eleven apps shown as one.)
    if (aggregators.has(d) || path === null || (isUnder(path, dirOf(d.file)) && !rootDirs.has(dirOf(d.file)))) continue;
    const releases = releasesOf.get(d) ?? [];
    // Releases in sub-folders of the path (`apps/base/<app>/`) or elsewhere: the path is a collection of apps.
    if (releases.length >= 2 || releases.some((r) => !isUnder(r.doc.file, path) || dirOf(r.doc.file) !== path)) wide.add(d);
  }
  const homeOf = unappliedHome(ksPlaced.map((p) => p.doc), clusterOf);
  const bootstrapless = bootstraplessRoots(ksPlaced.map((p) => p.doc), aggregators, ksPerDir);
  const bootstrapApplies = bootstrapAppliedFiles(bootstrapless, options.kustomizeFiles ?? []);
  const appOfKs = new Map<WorkDoc, Draft>();
  const contentDirs = foldersOf([...placed.map((p) => p.doc.file), ...(options.kustomizeFiles ?? []).map((k) => k.file)]);
  const nsOfDoc = new Map<WorkDoc, Set<string>>();
  for (const p of ksPlaced) {
    const orig = p.doc.instanceOf ?? p.doc;
    (nsOfDoc.get(orig) ?? nsOfDoc.set(orig, new Set()).get(orig)!).add(p.object.namespace ?? '');
  }
  for (const p of ksPlaced) {
    const d = p.doc;
    const fileDir = dirOf(d.file);
    // A Kustomization of another source (a tenant's Git repository) was not built: its own folder is its app.
    // (A path that names a file, `./apps/production/kustomization.yaml`, which Flux cannot build, stands for its folder.)
    const path = d.resolvedPath !== null && /\.ya?ml$/.test(d.resolvedPath) && !contentDirs.has(d.resolvedPath) ? dirOf(d.resolvedPath) : d.resolvedPath;
    let dir: string;
    // A folder of such Kustomizations, one a file (`apps/site-docs-kustomization.yaml` -> another
    // repository's ./apps/site-docs), or one beside release files (`csi-smb.yaml`, `traefik.yaml`): each deploys an app of its own, an app per file as for releases.
    const perFile = path === null && !d.isRoot && !aggregators.has(d) && !d.raw.disabled && ((ksPerDir.get(fileDir) ?? 0) >= 2 || (releaseFilesIn.get(fileDir)?.length ?? 0) >= 2) && ksPerFile.get(d.file) === 1;
    // Several of them in one file, beside Kustomizations of this repository (`clusters/prod/infrastructure.yaml`:
    // an upstream CRDs repository and a tenant's overlay among the cluster's own): each is an app of its
    // own too, not part of the app of that folder. (In an app's own folder, Kustomizations of its one
    // other source are that app's parts.) One without a path counts as aggregating elsewhere, so that
    // it never claims its folder: it applies the other source's root, nothing of this repository.
    // So is one written in a cluster's root folder (`clusters/staging/netbox-kustomization.yaml` beside
    // the FluxInstance that syncs the folder), which is the cluster's, not an app named `staging`.
    // So is each of a file's Kustomizations of two or more other sources (`apps.yaml` with app-prod
    // from one branch's GitRepository and app-dev from another's): one app showed both, with one's source.
    const perKs = !perFile && path === null && d.externalSource === true && !d.isRoot && !ksParents.has(d) && !d.raw.disabled && ((ownSourceDirs.has(fileDir) && topDirs.has(fileDir)) || rootDirs.has(fileDir) || (externalSourcesIn.get(d.file)?.size ?? 0) >= 2);
    // A switched-off Kustomization (commented out) written in a folder a root or parent Kustomization
    // builds (`base/app-sync.yaml` beside the releases the root deploys from `base/`, a cluster's
    // `infrastructure.yaml`): an app of its own, at its path. Read as its file's folder, it claimed what
    // the live build deploys from there, or made the cluster's folder a switched-off app ("prod").
    // (In an app's own folder, its ks.yaml's folder is still its app.)
    const written = d.raw.disabled && path === null && topDirs.has(fileDir) ? resolveFluxPath(str(obj(d.body.spec).path) ?? '') : null;
    const gone = written !== null && written !== '' && written !== fileDir;
    if (perFile) dir = d.file.replace(/\.(ya?ml|dis|bak)$/, '');
    else if (perKs) dir = `${d.file.replace(/\.(ya?ml|dis|bak)$/, '')}/${p.object.name}`;
    else if (gone) dir = written;
    // (A path that holds nothing, written in a cluster's folder, is no claim on that folder: what the
    // bootstrap applies beside it is not this Kustomization's; outside review.)
    else if (aggregators.has(d) || (d.isRoot && !bootstrapless.has(d)) || path === null || (!contentDirs.has(path) && !rootDirs.has(fileDir))) dir = fileDir;
    else if (isUnder(path, fileDir) && fileDir !== '') {
      // One ks.yaml per app folder (app + crds + config Kustomizations) is one app; a ks.yaml at the
      // namespace level (`apps/<ns>/ks.yaml`, or a top-level folder) covers several apps: one each.
      // In a cluster's root folder (where a root is, or what it applies: `clusters/development/`), one file per app
      // (`cilium-kustomization.yaml` -> `./clusters/development/cilium`) deploys an app of its own at its
      // path, as it would from any other folder: the top folder is the cluster's, not one app's.
      const namespaceLevel = /(^|\/)apps\/[^/]+$/.test(fileDir) || !fileDir.includes('/');
      if (namespaceLevel && path !== fileDir) dir = `${fileDir}/${firstSegment(path, fileDir)}`;
      else dir = path !== fileDir && (severalApps(d.file) || rootDirs.has(fileDir) || buildsBeside(d, fileDir, path)) ? path : fileDir;
    } else dir = path;
    const folderName = baseName(dir);
    // The folder names the app where the ks.yaml lives in the app's folder (home-ops); elsewhere the
    // Kustomization is named by its metadata.name, never by a leaf folder such as a cluster's name.
    // A root or aggregating Kustomization (`kubernetes/flux/cluster/ks.yaml` -> `cluster-apps`) is named by its metadata.name.
    // (A folder of several such Kustomizations keeps the folder's name.)
    const lone = (d.isRoot || aggregators.has(d)) && (ksPerDir.get(fileDir) ?? 0) < 2;
    // (Nor a folder a root builds, `clusters/staging/`, with one cluster as with several: the cluster's, not an app's.)
    // (Nor a cluster's folder of roots whose bootstrap is not committed, `clusters/platform/` with
    // infrastructure.yaml and apps.yaml: flux-system's, as where there are several clusters.)
    const rootsFolder = d.isRoot && rootDirs.has(dir) && dir === fileDir && (ksPerDir.get(dir) ?? 0) >= 2 && CLUSTER_FOLDER.test(dir);
    // (Where the Kustomization's own name tells it apart: two variants both called `bot-apps` keep their folders' names.)
    const variant = VARIANT_FOLDERS.has(folderName) && p.object.name !== folderName && ksNamed.get(`${clusterOf(d) ?? ''}|${p.object.name}`) === 1;
    const byFolder = folderName && !GENERIC.has(folderName) && !ROLE_FOLDERS.has(folderName) && !variant && !clusterNames.has(folderName) && !rootPaths.has(dir) && !rootsFolder && (dir === fileDir || isUnder(dir, fileDir)) && !lone;
    // A cluster's own folder (`clusters/production/`) is its bootstrap, which Flux calls flux-system.
    const name = byFolder && !perFile && !perKs ? folderName : d.isRoot && !bootstrapless.has(d) && (clusterNames.has(folderName) || rootsFolder) ? 'flux-system' : p.object.name;
    const nsFolder = /(?:^|\/)apps\/(?:base\/)?([^/]+)\/[^/]+$/.exec(dir)?.[1];
    // Of another source's build nothing is read here: its health checks say where it runs, when they agree.
    const checked = path === null ? [...new Set(arr(obj(d.body.spec).healthChecks).map((h) => str(obj(h).namespace)))] : [];
    const healthNs = checked.length === 1 ? checked[0]! : null;
    // (One no build applies, written in a cluster's folder, is that cluster's, in its own namespace as
    // its deployed twins are: what its build would hold is not all read, a base another build reads is
    // that one's. app-folders.ts unappliedHome.)
    const home = homeOf(d);
    const namespace = str(obj(d.body.spec).targetNamespace) ?? (home !== null ? p.object.namespace : null) ?? (nsFolder && !GENERIC.has(nsFolder) && !perKs && !rootFolders.has(nsFolder) ? nsFolder : null) ?? healthNs ?? p.object.namespace ?? 'default';
    // One document a build places in several namespaces (a tenant base's Kustomization in each tenant's
    // overlay) is one app per namespace: team-a's and team-b's, not one app of both.
    const spread = (nsOfDoc.get(d.instanceOf ?? d)?.size ?? 0) > 1;
    // Layers in a cluster's folder (`clusters/k3s/core.yaml`, `apps.yaml` dependsOn core): an app each, so their order shows.
    const layer = aggregators.has(d) && !d.isRoot && dir === fileDir && rootDirs.has(fileDir) && name === p.object.name && (ksPerDir.get(fileDir) ?? 0) >= 2;
    const draft = draftFor(spread ? `${dir}#${namespace}` : layer ? `${dir}#${name}` : dir, name, namespace, clusterOf(d) ?? home, p.object.source, aggregators.has(d) && !perKs);
    if (spread || layer) draft.dir = dir;
    if (home !== null) draft.ownNamespace = true;
    // (An app of one aggregating Kustomization and others, in whichever order its file lists them, is an app.)
    if (!aggregators.has(d) || perKs) draft.aggregator = false;
    if (perFile || perKs) {
      // (One of several in a file is known by its own name: objects named after it join it.)
      draft.fileKs = perKs ? `${dir}.yaml` : d.file;
      // Its sources and image objects beside it live in the Kustomization's own namespace (flux-system).
      if (p.object.namespace && p.object.namespace !== namespace) draft.releaseNamespace = p.object.namespace;
    }
    draft.ks.push(p);
    appOfKs.set(d, draft);
  }

  const hostDir = overlayHosts(options.kustomizeFiles ?? []);
  // A release's own kustomize folder that only a ResourceSet's template deploys (app-folders.ts).
  const unbuiltFolderOf = resourceSetFolders(options.kustomizeFiles ?? [], ksPlaced.map((p) => p.doc), resourceSetPaths(placed.map((p) => p.doc)));
  // Flat layouts: a repo-wide Kustomization deploys many HelmReleases; each is an app by its folder.
  const rest = placed.filter((p) => !p.doc.isFluxKs);
  /** Drafts this loop made for a release (named after it); drafts whose only Kustomization moved to its one release's app (no app unless objects land there). */
  const [namedByRelease, movedAway] = [new Set<Draft>(), new Set<Draft>()];
  const releaseNames = new Map<Draft, Set<string>>();
  // A kustomize folder named as one of its releases (`controllers/cloudnative-pg`: cloudnative-pg, cnpg-wal-minio) is one app, not one per file (outside review).
  const releaseFolders = new Set(rest.filter((q) => q.object.kind === 'HelmRelease' && baseName(dirOf(q.doc.file)) === q.object.name && (options.kustomizeFiles ?? []).some((k) => k.dir === dirOf(q.doc.file))).map((q) => dirOf(q.doc.file)));
  joinMadeInCluster(ksPlaced, appOfKs, movedAway);
  const workloadsOf = Map.groupBy(rest.filter((q) => isWorkload(q.object) && !q.doc.raw.disabled), (q) => q.doc.owners[0]);
  const runsOtherFolders = (owner: WorkDoc, dir: string): boolean =>
    (workloadsOf.get(owner) ?? []).some((q) => !isUnder(owner.resolvedPath != null ? hostDir(q.doc.file, owner.resolvedPath, q.object.namespace, q.object.name) : q.doc.file, dir));
  // A ResourceSet that makes releases for several of its input sets (a tenant each) makes an app per
  // input set: its releases and what the same input set makes beside them (resource-set-build.ts).
  const madeApps = new Map<WorkDoc, Map<number, Draft>>();
  const releaseInputs = new Map<WorkDoc, Set<number>>();
  for (const p of rest) if (p.doc.madeBy && p.doc.madeFor != null && p.object.kind === 'HelmRelease' && p.object.group === 'helm.toolkit.fluxcd.io') (releaseInputs.get(p.doc.madeBy) ?? releaseInputs.set(p.doc.madeBy, new Set()).get(p.doc.madeBy)!).add(p.doc.madeFor);
  const madeApp = (p: Placed): Draft | undefined => (p.doc.madeBy && p.doc.madeFor != null ? madeApps.get(p.doc.madeBy)?.get(p.doc.madeFor) : undefined);
  for (const p of rest) {
    if (p.object.kind !== 'HelmRelease' || p.object.group !== 'helm.toolkit.fluxcd.io') continue;
    const owner = ownOwner(p.doc);
    if (p.doc.madeBy && p.doc.madeFor != null && (releaseInputs.get(p.doc.madeBy)?.size ?? 0) >= 2) {
      if (madeApp(p)) continue;
      const dir = `${p.doc.file.replace(/\.(ya?ml|dis|bak)$/, '')}/${p.object.namespace ?? ''}/${p.object.name}`;
      const draft = draftFor(dir, p.object.name, releaseNamespace(p.object, p.doc) ?? 'default', owner ? clusterOf(owner) : (p.doc.cluster ?? null), p.object.source, false);
      (madeApps.get(p.doc.madeBy) ?? madeApps.set(p.doc.madeBy, new Map()).get(p.doc.madeBy)!).set(p.doc.madeFor, draft);
      continue;
    }
    if (owner && !aggregators.has(owner) && !wide.has(owner)) continue;
    // A release in a base outside the path is the app of the overlay folder under the path that lists it.
    const fileDir = owner?.resolvedPath != null && wide.has(owner) ? hostDir(p.doc.file, owner.resolvedPath, p.object.namespace, p.object.name) : dirOf(p.doc.file);
    const cluster = owner ? clusterOf(owner) : (p.doc.cluster ?? null);
    // A release in another app's folder is that app's, unless another Kustomization applies it and that
    // app's do not (`infrastructure` at platform/controllers lists its sources only; platform/controllers/releases
    // is another Kustomization's path): then the folder says nothing of where it belongs.
    // (Nor, for a release no build places, an app whose folder holds the release's own kustomize folder
    // that nothing builds: `apps/alpha/` with its kustomization.yaml, which a ResourceSet's generated
    // Kustomization deploys, is alpha's, not the app of the Kustomization that applies `apps/`.)
    const unbuilt = !owner && unbuiltFolderOf(p.doc.file) !== null;
    const claims = (a: Draft) => a.ks.length === 0 || (!owner && !(unbuilt && a.dir !== dirOf(p.doc.file))) || a.ks.some((k) => p.doc.owners.includes(k.doc));
    if ([...drafts.values()].some((a) => !a.aggregator && a.cluster === cluster && !a.ks.some((k) => wide.has(k.doc)) && isUnder(p.doc.file, a.dir) && claims(a))) continue;
    // (A copy of the same release that nothing applies beside one that is applied, or one switched off,
    // is no other release of the folder: a leftover patch fragment no list names did not split the
    // folder's one app into an app per file.)
    const copyOf = (q: Placed) => q.object.name === p.object.name && (!!q.doc.raw.disabled || !!p.doc.raw.disabled || (q.doc.owners.length === 0) !== (p.doc.owners.length === 0));
    const sharedDir = !releaseFolders.has(fileDir) && rest.some((q) => q !== p && q.object.kind === 'HelmRelease' && dirOf(q.doc.file) === fileDir && q.doc.file !== p.doc.file && !copyOf(q));
    // (A release written in a cluster's own folder, the one its bootstrap root builds, `clusters/bands/
    // demo.yaml`: an app of its file. Read as the folder's app, it took every release below it.)
    const perFile = (sharedDir && fileDir === dirOf(p.doc.file)) || fileDir === '' || (rootPaths.has(fileDir) && fileDir === dirOf(p.doc.file));
    const dir = perFile ? p.doc.file.replace(/\.(ya?ml|dis|bak)$/, '') : fileDir;
    // Where the release installs (spec.targetNamespace), not where the HelmRelease object lives:
    // repositories that keep every HelmRelease in flux-system install each app in its own namespace.
    const fresh = !drafts.has(`${cluster ?? ''}|${dir}`);
    const draft = draftFor(dir, p.object.name, releaseNamespace(p.object, p.doc) ?? 'default', cluster, p.object.source, false);
    if (fresh) namedByRelease.add(draft);
    // Several releases of one folder (an overlay of a base with the app and its database): the app is
    // named after the one named as the folder is, whichever comes first in the files.
    else if (namedByRelease.has(draft) && p.object.name === baseName(dir) && draft.name !== baseName(dir)) {
      draft.name = p.object.name;
      draft.namespace = releaseNamespace(p.object, p.doc) ?? 'default';
      draft.source = p.object.source;
    }
    (releaseNames.get(draft) ?? releaseNames.set(draft, new Set()).get(draft)!).add(p.object.name);
    if (perFile) draft.fileRelease = p.object.id;
    if (p.object.namespace && p.object.namespace !== draft.namespace) draft.releaseNamespace = p.object.namespace;
    // The plumbing Kustomization that deploys exactly one release belongs to that release's app
    // (not the bootstrap's `flux-system` Kustomization: that is flux-system's, whatever it applies).
    // (Not one that also runs workloads of other folders: `apps` -> overlays of several bases, one of them a release's.)
    // (So does one of several releases to the one named as it is: `mariadb-operator`, with its Namespace, not mariadb-operator-crds.)
    const ownersReleases = owner ? (releasesOf.get(owner) ?? []) : [];
    const namedAsOwner = owner !== undefined && ownersReleases.length > 1 && p.object.name === metaName(owner) && ownersReleases.filter((r) => r.object.name === p.object.name).length === 1;
    if (owner && wide.has(owner) && !isBootstrap(owner) && (ownersReleases.length === 1 || namedAsOwner) && !runsOtherFolders(owner, dir)) {
      const own = appOfKs.get(owner);
      if (own && own !== draft) {
        own.ks = own.ks.filter((k) => k.doc !== owner);
        if (own.ks.length === 0) movedAway.add(own);
        if (!draft.ks.some((k) => k.doc === owner)) draft.ks.push(...ksPlaced.filter((k) => k.doc === owner));
        appOfKs.set(owner, draft);
      }
    }
  }
  // Several releases of one folder, none named as it is (`rrstack`: prowlarr, sabnzbd, radarr, sonarr): a
  // stack, named by its folder, not by whichever release comes first (outside review: `rrstack/prowlarr`).
  for (const d of namedByRelease) {
    const names = releaseNames.get(d)!;
    const folder = baseName(d.dir);
    if (d.fileRelease === null && names.size >= 2 && !names.has(folder) && folder !== '' && !GENERIC.has(folder) && !VARIANT_FOLDERS.has(folder) && !OVERLAY_FOLDERS.has(folder)) d.name = folder;
  }

  // In a folder shared by several HelmRelease files, another file's object (a pvc.yaml beside
  // sonarr.yaml and radarr.yaml) belongs to the release that claims it (existingClaim in its
  // values) or whose name it carries (`sonarr-config`, `sonarr-pvc.yaml`). The same in a folder of
  // Kustomization files (`site-portfolio-imagerepo.yaml` beside `site-portfolio-kustomization.yaml`),
  // where the file's name counts as the app's name too (`homepage-kustomization.yaml` of `app-homepage`).
  // Files of plain manifests that are apps of their own, as release files are (workload-files.ts).
  const fileAppOf = workloadFiles(rest, (k) => !aggregators.has(k) && k.resolvedPath != null && !isUnder(k.resolvedPath, dirOf(k.file)), [...drafts.values()], (dir, name, ns, cluster, source) => draftFor(dir, name, ns, cluster, source, false));
  const fileDrafts = new Set(fileAppOf.values());
  const fileApps = [...drafts.values()].filter((d) => d.fileRelease !== null || d.fileKs !== undefined || fileDrafts.has(d));
  const docsPerFile = new Map<string, number>();
  for (const q of rest) if (!q.doc.raw.disabled) docsPerFile.set(q.doc.file, (docsPerFile.get(q.doc.file) ?? 0) + 1);
  const releaseById = new Map(rest.flatMap((q) => (q.object.kind === 'HelmRelease' && q.object.group === 'helm.toolkit.fluxcd.io' ? [[q.object.id, q.object as unknown as HelmRelease] as const] : [])));
  /**
   * A chart source beside the releases (`prometheus-source.yaml` beside `kube-prometheus-stack-release.yaml`)
   * is the app's whose release names it, where one app's alone does; its file's name only breaks ties.
   */
  const sourceUserApp = (p: Placed, here: readonly Draft[]): Draft | undefined => {
    // (A file of several sources, `sources.yaml`, is the plumbing's: only a source's own file goes.)
    if (p.object.group !== 'source.toolkit.fluxcd.io' || (docsPerFile.get(p.doc.file) ?? 0) > 1) return undefined;
    const users = here.filter((a) => {
      const hr = a.fileRelease === null ? undefined : releaseById.get(a.fileRelease);
      const ref = hr?.chart.sourceRef;
      return ref !== null && ref !== undefined && ref.kind === p.object.kind && ref.name === p.object.name && (ref.namespace ?? hr!.namespace) === p.object.namespace;
    });
    return users.length === 1 ? users[0] : undefined;
  };
  const sharedFolderApp = (p: Placed): Draft | undefined => {
    const here = fileApps.filter((a) => a.cluster === (p.doc.cluster ?? null) && dirOf(a.dir) === dirOf(p.doc.file) && (a.namespace === p.object.namespace || a.releaseNamespace === p.object.namespace || p.object.namespace === null));
    if (here.length === 0) return undefined;
    const claimedBy = (p.object as Partial<Pvc>).existingClaimOf ?? [];
    const byClaim = here.find((a) => a.fileRelease !== null && claimedBy.includes(a.fileRelease));
    if (byClaim) return byClaim;
    const user = sourceUserApp(p, here);
    if (user) return user;
    const base = baseName(p.doc.file);
    const carries = (name: string) => p.object.name === name || p.object.name.startsWith(`${name}-`) || base.startsWith(`${name}-`) || base.startsWith(`${name}.`);
    const names = (a: Draft) => [a.name, ...(a.fileKs ? [baseName(a.fileKs).replace(/(?:[-_.](?:kustomization|ks|sync|flux))?\.(?:ya?ml|dis|bak)$/i, '')] : [])];
    const longest = (a: Draft) => Math.max(...names(a).filter(carries).map((n) => n.length));
    return here.filter((a) => names(a).some(carries)).sort((a, b) => longest(b) - longest(a))[0];
  };

  const bootstrapFolder = new Map<string, Draft>();
  for (const p of ksPlaced) if (isBootstrap(p.doc) && !p.doc.raw.disabled && appOfKs.get(p.doc)?.dir === dirOf(p.doc.file)) bootstrapFolder.set(`${clusterOf(p.doc) ?? ''}|${dirOf(p.doc.file)}`, appOfKs.get(p.doc)!);
  const folderApp = folderAppIndex([...drafts.values()].filter((a) => !a.aggregator));
  // Folders of plain manifests a sole root reaches; not a kustomize Component's (its objects are
  // copied into each build that names it, an app's part, not an app).
  const components = componentDirs(options.kustomizeFiles ?? [], ksPlaced.map((p) => ({ resolvedPath: p.doc.resolvedPath, components: arr(obj(p.doc.body.spec).components).flatMap((c) => str(c) ?? []) })));
  const kustomizeDirs = new Set((options.kustomizeFiles ?? []).map((k) => k.dir).filter((d) => !components.has(d)));
  const aggregatorApps = aggregatorWorkloadDirs(rest, aggregators, kustomizeDirs);
  const [listsDir, appFolderOf] = [listedFolders(options.kustomizeFiles ?? []), appFolderWalk(options.kustomizeFiles ?? [], (name) => GENERIC.has(name) || OVERLAY_FOLDERS.has(name))];
  const ksOfCluster = Map.groupBy(ksPlaced.filter((p) => !p.doc.raw.disabled), (p) => clusterOf(p.doc));
  const soleRoots = new Set([...ksOfCluster.values()].filter((l) => l.length === 1 && l[0]!.doc.isRoot).map((l) => l[0]!.doc));
  // Collections of plain kustomize folders, each an app (app-collections.ts).
  const candidate = (owner: WorkDoc) => !aggregators.has(owner) && !wide.has(owner) && !soleRoots.has(owner) && !(owner.isRoot && !bootstrapless.has(owner)) && !(isUnder(owner.resolvedPath ?? '', dirOf(owner.file)) && !rootDirs.has(dirOf(owner.file))) && (releasesOf.get(owner)?.length ?? 0) === 0;
  const { plainCollections, workloadFolders } = plainCollectionsOf(rest, { candidate, hostDir, listsDir, kustomizeDirs, appFolderOf, kustomizeFiles: options.kustomizeFiles ?? [] });
  const byFolders = (owner: WorkDoc) => soleRoots.has(owner) || plainCollections.has(owner);
  const inAppFolder = (owner: WorkDoc, dir: string): boolean =>
    kustomizeDirs.has(dir) && (soleRoots.has(owner) || (plainCollections.has(owner) && workloadFolders.get(owner)!.has(appFolderOf(dir, owner.resolvedPath ?? ''))));
  // Namespaced objects first: they make the apps of overlay folders, which a base's Namespace then joins.
  // Objects no build applies (a file its folder's kustomization.yaml leaves out) last, each in the app
  // of its folder as the builds made them: `apps/kavita/syncthing.yaml` beside the listed files of
  // `apps/kavita`, an app of the collection `apps`, is kavita's, not the collection Kustomization's
  // (whose app it named after its namespace: `kavita/apps`, outside review).
  const [built, unbuilt] = [rest.filter((p) => p.doc.owners.length > 0), rest.filter((p) => p.doc.owners.length === 0)];
  const restOrdered = [built, unbuilt].flatMap((list) => [...list.filter((p) => p.object.namespace !== null), ...list.filter((p) => p.object.namespace === null)]);
  let folderAppOfUnbuilt: typeof folderApp | null = null;
  for (const p of restOrdered) {
    const owner = ownOwner(p.doc);
    if (!owner && folderAppOfUnbuilt === null) folderAppOfUnbuilt = folderAppIndex([...drafts.values()].filter((a) => !a.aggregator));
    let draft = madeApp(p) ?? (p.doc.raw.disabled ? undefined : fileAppOf.get(`${p.doc.cluster ?? ''}|${p.doc.file}`));
    if (!draft && owner && !aggregators.has(owner) && !wide.has(owner)) draft = appOfKs.get(owner);
    const cluster = p.doc.cluster ?? null;
    // The bootstrap's own folder (`clusters/x/flux-system`: gotk-sync's GitRepository, gotk-components'
    // Namespace) is the bootstrap's app, also where its Kustomization applies others (and so is no folder app).
    draft ??= bootstrapFolder.get(`${cluster ?? ''}|${dirOf(p.doc.file)}`);
    // What else such a folder of roots holds (`clusters/prod/artifacts.yaml`) is the bootstrap's, which
    // applies it, as where gotk-sync.yaml is committed: an app called flux-system.
    if (!draft && !p.doc.raw.disabled && bootstrapApplies(p.doc.file)) {
      draft = draftFor(dirOf(p.doc.file), 'flux-system', 'flux-system', cluster, p.object.source, false);
      draft.appliedByBootstrap = true;
    }
    // A base's file outside a collection's path is looked up where the overlay that lists it is (the
    // release of `apps/base/gitlab` is the app of `apps/dev/gitlab`, and so is the base's Namespace).
    const hosted = owner?.resolvedPath != null && (wide.has(owner) || plainCollections.has(owner) || soleRoots.has(owner)) && !isUnder(p.doc.file, owner.resolvedPath) ? hostDir(p.doc.file, owner.resolvedPath, p.object.namespace, p.object.name) : null;
    if (hosted !== null && hosted !== dirOf(p.doc.file)) draft ??= drafts.get(`${cluster ?? ''}|${hosted}`) ?? folderApp(`${hosted}/${baseName(p.doc.file)}`, cluster);
    draft ??= sourceUserApp(p, fileApps.filter((a) => a.cluster === cluster && dirOf(a.dir) === dirOf(p.doc.file)));
    draft ??= (owner ? folderApp : folderAppOfUnbuilt ?? folderApp)(p.doc.file, cluster);
    draft ??= sharedFolderApp(p);
    // A collection Kustomization (`apps` -> apps/auth with a release, apps/cam with a ConfigMap):
    // manifests in a folder below its path (or a base it lists) that holds no release are an app of that folder (as its
    // releases are apps by folder), not part of the Kustomization's (or its one release's) app.
    // (A namespace folder's Namespace, a CRD, any cluster-scoped object: no app of its own.)
    // The same for a cluster's root whose kustomization.yaml lists folders of plain manifests
    // (`clusters/delta` -> infrastructure/ingress-nginx, production/shop), where the cluster has no
    // other Flux Kustomization: each such kustomize folder is an app. (Where the root applies
    // Kustomizations, its own folders are plumbing: repositories, variables.)
    // (A base outside the path belongs to the overlay folder under it that lists it, for a collection of plain folders and for one of releases alike.)
    const host = owner?.resolvedPath != null && (plainCollections.has(owner) || wide.has(owner) || soleRoots.has(owner)) ? hostDir(p.doc.file, owner.resolvedPath, p.object.namespace, p.object.name) : dirOf(p.doc.file);
    const collection = owner && (wide.has(owner) || inAppFolder(owner, host) || aggregatorApps.has(`${owner.file}|${owner.resolvedPath}|${host}`));
    if (owner && collection && owner.resolvedPath !== null && (!draft || draft === appOfKs.get(owner) || draft.dir === owner.resolvedPath)) {
      const dir = host;
      // (A sole root's kustomization.yaml may reach folders outside its path: `../../apps/blog`.)
      if (dir !== owner.resolvedPath && (isUnder(dir, owner.resolvedPath) || soleRoots.has(owner) || ((plainCollections.has(owner) || (wide.has(owner) && !releaseFilesIn.has(dir))) && listsDir(owner.resolvedPath, dir)))) {
        // Under a sole root, a base and its overlays (`apps/shop/base`, `apps/shop/overlays/prod`) are
        // one app, of the folder above them.
        const appDir = byFolders(owner) ? appFolderOf(dir, owner.resolvedPath) : dir;
        const name = GENERIC.has(baseName(appDir)) && dirOf(appDir) !== owner.resolvedPath ? baseName(dirOf(appDir)) : baseName(appDir);
        // A cluster-scoped object (a ClusterRoleBinding, the app's Namespace) joins the app its folder's
        // namespaced objects made, and makes none of its own.
        if (p.object.namespace !== null) draft = draftFor(appDir, name, p.object.namespace, cluster, p.object.source, false);
        else draft = drafts.get(`${cluster ?? ''}|${appDir}`) ?? draft;
      }
    }
    // (A folder of one-file apps that the Kustomization reaches from above: what those apps leave
    // unclaimed is theirs, not the Kustomization's; folder-share.ts. In the folder that is its own path
    // or app, `infrastructure/controllers/sources.yaml`, it stays the plumbing's.)
    if (!draft && owner && owner.resolvedPath !== dirOf(p.doc.file) && appOfKs.get(owner)?.dir !== dirOf(p.doc.file)) draft = folderSharer(p, fileApps.filter((a) => a.cluster === cluster && dirOf(a.dir) === dirOf(p.doc.file)), releaseById);
    if (!draft && owner) draft = appOfKs.get(owner);
    // What the build of a Kustomization that moved to its release's app makes beside the release (an
    // overlay's own `secret.yaml`) is that app's too, not an app of its file left in the overlay folder.
    if (draft && movedAway.has(draft) && owner && p.doc.owners.includes(owner) && appOfKs.get(owner) !== undefined) draft = appOfKs.get(owner);
    if (draft) draft.objects.push(p);
  }

  mergeSideDrafts(drafts, appOfKs);

  remoteInstallNamespaces(drafts.values(), remoteParents);

  settleDrafts(drafts.values());

  const apps = appsOfDrafts(drafts.values(), placed, options.kustomizeFiles ?? [], movedAway, findings);
  return { apps, findings };
}
