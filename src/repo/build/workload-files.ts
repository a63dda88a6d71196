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

/** An app made of one file: its folder-like key (the file without its extension), name and namespace. */
export interface WorkloadFile {
  file: string;
  cluster: string | null;
  dir: string;
  name: string;
  namespace: string;
  first: Placed;
}

const EXT = /\.(ya?ml|dis|bak)$/i;

/**
 * `collection` says whether a Kustomization applies a collection of apps (not an aggregator, path
 * elsewhere than its own folder); `drafts` are the apps so far, among them the releases whose files
 * are each an app (fileRelease).
 */
export function workloadFiles(rest: readonly Placed[], collection: (owner: WorkDoc) => boolean, drafts: readonly Draft[]): WorkloadFile[] {
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
  const candidates: (WorkloadFile & { owner: WorkDoc; hasRelease: boolean })[] = [];
  for (const f of files.values()) {
    const workloads = f.objects.filter((p) => isWorkload(p.object));
    if (workloads.length === 0 || !collection(f.owner) || f.objects.some((p) => p.doc.owners[0] !== f.owner)) continue;
    const namespaces = new Set(f.objects.flatMap((p) => (p.object.namespace !== null ? [p.object.namespace] : [])));
    if (namespaces.size !== 1) continue;
    const hasRelease = f.objects.some((p) => p.object.kind === 'HelmRelease' && p.object.group === 'helm.toolkit.fluxcd.io');
    const name = workloads.length === 1 ? workloads[0]!.object.name : baseName(f.file).replace(EXT, '');
    candidates.push({ file: f.file, cluster: f.cluster, dir: f.file.replace(EXT, ''), name, namespace: [...namespaces][0]!, first: workloads[0]!, owner: f.owner, hasRelease });
  }
  const out: WorkloadFile[] = [];
  const byFolder = Map.groupBy(candidates, (c) => `${c.cluster ?? ''}|${c.owner.file}|${c.owner.resolvedPath ?? ''}|${dirOf(c.file)}`);
  for (const group of byFolder.values()) {
    const folder = dirOf(group[0]!.file);
    const path = group[0]!.owner.resolvedPath;
    if (path === null || path === undefined || (folder !== path && !isUnder(folder, path))) continue;
    const releases = (releaseFiles.get(`${group[0]!.cluster ?? ''}|${folder}`) ?? []).map((d) => d.name);
    const plain = group.filter((c) => !c.hasRelease);
    // (Below the path, not at it: a Kustomization of one app's own folder, `apps/production/mixed`, is that app whatever its files' namespaces.)
    const ownNamespaces = folder !== path && plain.length >= 2 && new Set(plain.map((c) => c.namespace)).size === plain.length;
    for (const c of plain) {
      const base = baseName(c.file).replace(EXT, '');
      const partOfRelease = releases.some((r) => base.startsWith(`${r}-`) || base.startsWith(`${r}.`) || c.name.startsWith(`${r}-`));
      if (ownNamespaces || (releases.length > 0 && !partOfRelease)) out.push({ file: c.file, cluster: c.cluster, dir: c.dir, name: c.name, namespace: c.namespace, first: c.first });
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