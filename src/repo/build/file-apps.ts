import type { App } from '../../model/app.ts';
import { appByFolder } from '../../model/app-of-path.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { RepoFile } from '../../model/repo-model.ts';

/**
 * The app of every file, resolved once at build time: the one app the file's objects were placed in
 * (a `cluster-secrets.sops.yaml` under `kubernetes/flux/vars/` belongs to the Kustomization that
 * builds it, whatever folder other apps start in), else, where its objects belong to no app or to
 * several (a component shared by apps), or it holds none (Markdown, JSON dashboards), the app whose
 * folder holds it. Files get `appId` only where there is one.
 */
export function withFileApps(files: readonly RepoFile[], objects: readonly Pick<KObject, 'appId' | 'source'>[], apps: readonly App[]): RepoFile[] {
  const byFile = new Map<string, Set<string>>();
  for (const o of objects) if (o.appId) (byFile.get(o.source.file) ?? byFile.set(o.source.file, new Set()).get(o.source.file)!).add(o.appId);
  const folder = appByFolder(apps);
  return files.map((f) => {
    const own = byFile.get(f.path);
    const appId = own?.size === 1 ? [...own][0]! : folder(f.path);
    return appId ? { ...f, appId } : f;
  });
}
