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

export interface FolderRuleOptions {
  /**
   * Leave out an app's folder that holds another app's folder (a root Kustomization deploying all
   * of `kubernetes/apps`): a path under it is then no one app's, unless a deeper folder claims it.
   * For mentions (a runbook naming `kubernetes/apps/media` is not about the root app).
   */
  leafFoldersOnly?: boolean;
}

/**
 * The folder rule: the app with the longest folder (its `dir`, or a folder its Kustomizations
 * deploy from) that is the path or holds it; on a tie, the first app id. The repository root
 * belongs to no app by this rule.
 */
export function appByFolder(apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[], options: FolderRuleOptions = {}): AppOfPath {
  const owned: [dir: string, id: string][] = [];
  for (const a of [...apps].sort((x, y) => x.id.localeCompare(y.id))) {
    for (const dir of [a.dir, ...a.dirs]) if (dir !== '' && dir !== '.') owned.push([dir, a.id]);
  }
  let kept = owned;
  if (options.leafFoldersOnly) {
    // The apps with a folder strictly under each folder (every ancestor of every app folder): linear in depth.
    const holds = new Map<string, Set<string>>();
    for (const [dir, id] of owned) {
      for (let p = parentOf(dir); p !== ''; p = parentOf(p)) {
        let ids = holds.get(p);
        if (!ids) holds.set(p, (ids = new Set()));
        ids.add(id);
      }
    }
    kept = owned.filter(([dir, id]) => ![...(holds.get(dir) ?? [])].some((other) => other !== id));
  }
  const byDir = new Map<string, string>();
  for (const [dir, id] of kept) if (!byDir.has(dir)) byDir.set(dir, id);
  // Walk up the path's own folders: linear in its depth, not in the number of apps.
  return (path) => {
    for (let p = path.replace(/\/+$/, ''); p !== ''; p = parentOf(p)) {
      const hit = byDir.get(p);
      if (hit) return hit;
    }
    return null;
  };
}

function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}

/** A path's app as the model resolved it: the file's own `appId`, else the folder rule (paths the model has no file for). */
export function appOfPath(model: { files: readonly RepoFile[]; apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[] }): AppOfPath {
  return indexOf(model).answer;
}

/**
 * A mentioned path's app (a roadmap item's or a runbook's): a file of the repository is its model's
 * app, and a path not in the repository (one to create) is an app's only inside that app's own
 * folder, so a root Kustomization whose path holds every app does not claim it.
 */
export function appOfMentionedPath(model: { files: readonly RepoFile[]; apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[] }): AppOfPath {
  const index = indexOf(model);
  return (index.mentioned ??= ((leaf) => (path: string) => (index.files.has(path) ? index.files.get(path)! : leaf(path)))(
    appByFolder(model.apps, { leafFoldersOnly: true }),
  ));
}

interface PathIndex {
  apps: readonly unknown[];
  files: Map<string, string | null>;
  answer: AppOfPath;
  mentioned?: AppOfPath;
}

/** Indexed once per model: every roadmap item and runbook asks (a 1,000-app repository has 10,000 files). */
function indexOf(model: { files: readonly RepoFile[]; apps: readonly Pick<App, 'id' | 'dir' | 'dirs'>[] }): PathIndex {
  const cached = MEMO.get(model.files);
  if (cached && cached.apps === model.apps) return cached;
  const files = new Map(model.files.map((f) => [f.path, f.appId ?? null]));
  const folder = appByFolder(model.apps);
  const index: PathIndex = { apps: model.apps, files, answer: (path) => (files.has(path) ? files.get(path)! : folder(path)) };
  MEMO.set(model.files, index);
  return index;
}

const MEMO = new WeakMap<readonly RepoFile[], PathIndex>();
