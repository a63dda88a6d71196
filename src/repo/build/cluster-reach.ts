import { isUnder } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * The folders each named cluster's Flux tree builds, found before any build runs: its roots' paths,
 * then the paths of the Flux Kustomizations written under those, and so on. An estimate by folder
 * (a kustomization.yaml may include files from elsewhere), enough to tell which cluster's tree
 * applies a shared `configs/<cluster>/` folder, whatever order the builds run in.
 */
export function clusterFolders(runs: readonly { cluster: string | null; roots: readonly WorkDoc[] }[], fluxDocs: readonly WorkDoc[], repoPath: (k: WorkDoc) => string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const run of runs) {
    if (run.cluster === null) continue;
    const dirs = new Set<string>();
    const seen = new Set<WorkDoc>(run.roots);
    const queue = [...run.roots];
    while (queue.length > 0) {
      const path = repoPath(queue.shift()!);
      if (path === null || path.includes('${') || dirs.has(path)) continue;
      dirs.add(path);
      for (const d of fluxDocs) {
        if (seen.has(d) || !isUnder(d.file, path)) continue;
        seen.add(d);
        queue.push(d);
      }
    }
    out.set(run.cluster, [...(out.get(run.cluster) ?? []), ...dirs]);
  }
  return out;
}

/**
 * For a substituteFrom lookup of cluster `here`: the other cluster that alone applies `file`, or null
 * (no other cluster's tree reaches it, or this cluster's reaches it too).
 */
export function onlyOtherCluster(file: string, here: string, folders: ReadonlyMap<string, readonly string[]>): string | null {
  const reaches = (cluster: string) => (folders.get(cluster) ?? []).some((dir) => isUnder(file, dir));
  if (reaches(here)) return null;
  for (const cluster of [...folders.keys()].sort()) if (cluster !== here && reaches(cluster)) return cluster;
  return null;
}
