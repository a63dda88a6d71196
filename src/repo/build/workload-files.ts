/**
 * Files of plain manifests that are apps of their own (apps.ts): small homelabs write an app as one
 * file, its Deployment with its Service, claim and Ingress (`apps/homelab/jackett.yaml`,
 * `sonarr.yaml`, `radarr.yaml`), in a folder a collection Kustomization applies. Read as that
 * Kustomization's app, nine such apps were one page (outside review).
 *
 * A file is an app of its own when its Kustomization is a collection (its path is elsewhere than its
 * own folder) and either
 * - its folder's HelmRelease files are each an app (a folder of one-file apps, some releases, some
 *   plain workloads), unless its name carries one of those releases' (`nextcloud-redis.yaml` is
 *   nextcloud's part); or
 * - its folder, below the Kustomization's path, holds two or more workload files, each in a namespace
 *   of its own (`apps/media/sonarr/sonarr.yaml` with Namespace sonarr, `radarr.yaml` beside it with
 *   Namespace radarr).
 * Several workload files in one namespace without release files beside them stay one app: the parts
 * of one app (`shop/frontend.yaml`, `backend.yaml`, `redis.yaml`) are written so too.
 */
import { isWorkload } from '../../model/k8s-object.ts';
import type { Draft, Placed } from './app-drafts.ts';
import { baseName, dirOf, isUnder } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

const EXT = /\.(ya?ml|dis|bak)$/i;
/** File names that name no app (`deployment.yaml` in a folder of one-file apps): the workload names it. */
const GENERIC_FILE = /^(deployment|deploy|manifests?|resources|app|workload|statefulset|daemonset|cronjob)$/i;

/**
 * The app of each file, by `cluster|file`, that is an app of its own or part of one beside it.
 * `collection` says whether a Kustomization applies a collection of apps (not an aggregator, path
 * elsewhere than its own folder); `drafts` are the apps so far, among them the releases whose files
 * are each an app (fileRelease); `make` makes (or finds) the draft of a file's app. An app of its own
 * is named after its file (`navidrome.yaml` holding Deployment navidrome-marc is navidrome).
 *
 * Beside one-file apps, a plain file joins one of them where it is that app's part: its name carries
 * the app's (`paperless-samba.yaml`, `nzbget-samba.yaml`), or its objects are all in the namespace
 * named after a release (`mosquitto.yaml` in `homeassistant`, beside the homeassistant release;
 * `jellyfin-media.yaml`, a share's claim, in `servarr`). A shared namespace (`homeservices`, where
 * nextcloud and nine one-file apps run) says nothing of whose a file is.
 */
export function workloadFiles(
  rest: readonly Placed[],
  collection: (owner: WorkDoc) => boolean,
  drafts: readonly Draft[],
  make: (dir: string, name: string, namespace: string, cluster: string | null, source: Placed['object']['source']) => Draft,
): Map<string, Draft> {
  const releaseFiles = Map.groupBy(drafts.filter((d) => d.fileRelease !== null), (d) => `${d.cluster ?? ''}|${dirOf(d.dir)}`);
  // Each live, built file of a collection's, by cluster and file: what it holds.
  const files = new Map<string, { owner: WorkDoc; cluster: string | null; file: string; objects: Placed[] }>();
  for (const p of rest) {
    const owner = p.doc.owners[0];
    if (!owner || p.doc.raw.disabled || p.doc.isFluxKs) continue;
    const key = `${p.doc.cluster ?? ''}|${p.doc.file}`;
    const entry = files.get(key) ?? files.set(key, { owner, cluster: p.doc.cluster ?? null, file: p.doc.file, objects: [] }).get(key)!;
    entry.objects.push(p);
  }
  type Candidate = { key: string; file: string; base: string; name: string; cluster: string | null; owner: WorkDoc; workloads: Placed[]; namespace: string };
  const candidates: Candidate[] = [];
  for (const [key, f] of files) {
    if (!collection(f.owner) || f.objects.some((p) => p.doc.owners[0] !== f.owner || (p.object.kind === 'HelmRelease' && p.object.group === 'helm.toolkit.fluxcd.io'))) continue;
    const namespaces = new Set(f.objects.flatMap((p) => (p.object.namespace !== null ? [p.object.namespace] : [])));
    const workloads = f.objects.filter((p) => isWorkload(p.object));
    const base = baseName(f.file).replace(EXT, '');
    const name = GENERIC_FILE.test(base) && workloads.length === 1 ? workloads[0]!.object.name : base;
    if (namespaces.size === 1) candidates.push({ key, file: f.file, base, name, cluster: f.cluster, owner: f.owner, workloads, namespace: [...namespaces][0]! });
  }
  const out = new Map<string, Draft>();
  const byFolder = Map.groupBy(candidates, (c) => `${c.cluster ?? ''}|${c.owner.file}|${c.owner.resolvedPath ?? ''}|${dirOf(c.file)}`);
  for (const group of byFolder.values()) {
    const folder = dirOf(group[0]!.file);
    const path = group[0]!.owner.resolvedPath;
    if (path === null || path === undefined || (folder !== path && !isUnder(folder, path))) continue;
    const releases = releaseFiles.get(`${group[0]!.cluster ?? ''}|${folder}`) ?? [];
    const plain = group.filter((c) => c.workloads.length > 0);
    // (Below the path, not at it: a Kustomization of one app's own folder, `apps/production/mixed`, is that app whatever its files' namespaces.)
    const ownNamespaces = folder !== path && plain.length >= 2 && new Set(plain.map((c) => c.namespace)).size === plain.length;
    const carries = (c: Candidate, name: string) => c.base.startsWith(`${name}-`) || c.base.startsWith(`${name}.`) || c.name.startsWith(`${name}-`);
    const longest = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => b.name.length - a.name.length)[0];
    const release = (c: Candidate) => longest(releases.filter((r) => carries(c, r.name))) ?? releases.find((r) => r.name === c.namespace && r.namespace === c.namespace);
    // Apps of their own first, then the parts of one (`nzbget-samba.yaml` beside `nzbget.yaml`).
    const own = plain.filter((c) => release(c) === undefined && (ownNamespaces || releases.length > 0) && !plain.some((o) => o !== c && carries(c, o.name)));
    for (const c of own) out.set(c.key, make(c.file.replace(EXT, ''), c.name, c.namespace, c.cluster, c.workloads[0]!.object.source));
    for (const c of group) {
      if (out.has(c.key)) continue;
      const home = release(c) ?? longest(own.filter((o) => carries(c, o.name)));
      if (home) out.set(c.key, 'fileRelease' in home ? home : out.get(home.key)!);
    }
  }
  return out;
}

/**
 * The kustomize folders below an aggregating Kustomization's path (one that applies other
 * Kustomizations) that hold a workload it applies itself, keyed `owner file|owner path|folder`: a flat
 * repository's root (`path: ./`, whose kustomization.yaml lists `ddns`, `immich`, `loki`) applies
 * some apps' folders directly beside the Kustomizations of others. Those with a release were apps of
 * their folders; `ddns` (a Deployment and its SealedSecret) was the root's (outside review). Not the
 * folder the aggregator itself is written in (the bootstrap's own).
 */
export function aggregatorWorkloadDirs(rest: readonly Placed[], aggregators: ReadonlySet<WorkDoc>, kustomizeDirs: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const p of rest) {
    const owner = p.doc.owners[0];
    const path = owner?.resolvedPath;
    if (!owner || path == null || !aggregators.has(owner) || p.doc.raw.disabled || !isWorkload(p.object)) continue;
    const dir = dirOf(p.doc.file);
    if (dir !== path && isUnder(dir, path) && dir !== dirOf(owner.file) && kustomizeDirs.has(dir)) out.add(`${owner.file}|${path}|${dir}`);
  }
  return out;
}