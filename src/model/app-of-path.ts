import type { App } from './app.ts';
import type { RepoFile } from './repo-model.ts';

/**
 * Which app a repository path belongs to. The model answers it once, at build time: an object's
 * app is where the Flux build placed it (`appId` on every object), and a file's app
 * (`RepoFile.appId`, from repo/build/file-apps.ts) is the one app its objects belong to, else the
 * app whose folder holds it. Views read those; this index answers the same question for a path the
 * model has no file for (a roadmap item's file to create).
 */
export type AppOfPath = (path: string) => string | null;

/**
 * The folder rule: the app with the longest folder (its `dir`, or a folder its Kustomizations
 * deploy from) that is the path or holds it; on a tie, the first app id. The repository root
 * belongs to no app by this rule.
 */
export function appByFolder(apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[]): AppOfPath {
  const byDir = new Map<string, string>();
  for (const a of [...apps].sort((x, y) => x.id.localeCompare(y.id))) {
    for (const dir of [a.dir, ...a.dirs]) if (dir !== '' && !byDir.has(dir)) byDir.set(dir, a.id);
  }
  // Walk up the path's own folders: linear in its depth, not in the number of apps.
  return (path) => {
    for (let p = path.replace(/\/+$/, ''); p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      const hit = byDir.get(p);
      if (hit) return hit;
    }
    return null;
  };
}

/** A path's app as the model resolved it: the file's own `appId`, else the folder rule (paths the model has no file for). */
export function appOfPath(model: { files: readonly RepoFile[]; apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[] }): AppOfPath {
  const files = new Map(model.files.map((f) => [f.path, f.appId ?? null]));
  const folder = appByFolder(model.apps);
  return (path) => (files.has(path) ? files.get(path)! : folder(path));
}
