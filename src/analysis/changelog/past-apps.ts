import type { PastApp } from '../../model/changelog-entry.ts';
import type { AppDescriptor } from './attribute.ts';

/**
 * Folder names that say what part of an app a folder holds, not which app: a Kustomization file in
 * one (`immich/secret/ks.yaml`) is named by its own metadata.name, as the model names such apps.
 */
const PART_FOLDERS = new Set(['app', 'apps', 'base', 'config', 'resources', 'manifests', 'deploy', 'src', 'secret', 'secrets', 'crd', 'crds']);

/**
 * The apps of the history that HEAD no longer has, to attribute alongside HEAD's: a file of
 * `kubernetes/apps/default/deduparr/` in a commit before deduparr was removed was deduparr's, not
 * the app of the folder above it (cluster-apps, which HEAD still has). Each is named as `atlas diff`
 * names a removed app: `<namespace>/<folder>`, the namespace from its Kustomization as it was.
 * A past folder HEAD still has (an app of HEAD's there, or a Kustomization file there again) is
 * HEAD's, not a past app.
 */
export function pastAppDescriptors(
  past: readonly PastApp[],
  head: readonly AppDescriptor[],
  headFiles: Iterable<string>,
): AppDescriptor[] {
  if (past.length === 0) return [];
  const headDirs = new Set(head.flatMap((a) => a.dirs.map(normaliseDir)));
  const ksDirs = new Set<string>();
  for (const path of headFiles) if (/(?:^|\/)ks\.(?:ya?ml|dis|bak)$/.test(path)) ksDirs.add(path.slice(0, Math.max(0, path.lastIndexOf('/'))));
  const out: AppDescriptor[] = [];
  for (const app of past) {
    const dir = normaliseDir(app.dir);
    if (dir === '' || headDirs.has(dir) || ksDirs.has(dir)) continue;
    const folder = dir.split('/').at(-1)!;
    const name = PART_FOLDERS.has(folder.toLowerCase()) && app.name ? app.name : folder;
    out.push({ id: app.namespace ? `${app.namespace}/${name}` : name, dirs: [dir] });
  }
  return out;
}

function normaliseDir(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
