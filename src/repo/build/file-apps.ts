import type { App } from '../../model/app.ts';
import { appByFolder, type AppOfPath } from '../../model/app-of-path.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { RepoFile } from '../../model/repo-model.ts';
import { KUSTOMIZE_NAMES } from './work-doc.ts';

/**
 * The app of every file, resolved once at build time: the one app the file's objects were placed in
 * (a `cluster-secrets.sops.yaml` under `kubernetes/flux/vars/` belongs to the Kustomization that
 * builds it, whatever folder other apps start in), else, where its objects belong to no app or to
 * several (a component shared by apps), or it holds none (Markdown, JSON dashboards), the app whose
 * folder holds it. Files get `appId` only where there is one.
 */
export function withFileApps(files: readonly RepoFile[], objects: readonly Pick<KObject, 'appId' | 'source'>[], apps: readonly App[], fileClusters: ReadonlyMap<string, ReadonlySet<string>> = new Map()): RepoFile[] {
  const byFile = new Map<string, Set<string>>();
  for (const o of objects) if (o.appId) (byFile.get(o.source.file) ?? byFile.set(o.source.file, new Set()).get(o.source.file)!).add(o.appId);
  const folder = appByFolder(apps);
  // Where there are several clusters, a file only some clusters' builds take in (an overlay's
  // kustomization.yaml, a patch beside it) is an app's of those clusters: both clusters' apps have the
  // same folder, and the first by id was the other cluster's (outside review).
  const byClusters = new Map<string, AppOfPath>();
  const clustersOf = (path: string): ReadonlySet<string> | undefined => {
    const own = fileClusters.get(path);
    if (own) return own;
    const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    for (const name of KUSTOMIZE_NAMES) {
      const k = fileClusters.get(dir === '' ? name : `${dir}/${name}`);
      if (k) return k;
    }
    return undefined;
  };
  const folderIn = (clusters: ReadonlySet<string>): AppOfPath => {
    const key = [...clusters].sort().join('\u0000');
    let rule = byClusters.get(key);
    if (!rule) byClusters.set(key, (rule = appByFolder(apps.filter((a) => a.cluster !== null && clusters.has(a.cluster)))));
    return rule;
  };
  return files.map((f) => {
    const own = byFile.get(f.path);
    if (own?.size === 1) return { ...f, appId: [...own][0]! };
    const clusters = fileClusters.size > 0 ? clustersOf(f.path) : undefined;
    const appId = (clusters ? folderIn(clusters)(f.path) : null) ?? folder(f.path);
    return appId ? { ...f, appId } : f;
  });
}

