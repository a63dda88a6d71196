/**
 * An app page's note on the folder it shares: an app that is one file of a folder of such apps
 * (`logging/release-loki.yaml` and `release-promtail.yaml`) shares that folder's other files (its
 * Namespace, the chart source both releases use) with the others. The model gives each object one app
 * (repo/build/folder-share.ts: the first by name it serves), so the page of each says which apps share
 * the folder and whose page lists those objects.
 */
import type { App } from '../../model/app.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';
import { appPath } from './urls.ts';

const folderOf = (file: string) => file.slice(0, Math.max(0, file.lastIndexOf('/')));

export function sharedFolder(model: Pick<RepoModel, 'apps' | 'objects'>, index: FactsIndex, app: App): AppFacts['sharedFolder'] {
  const file = index.fileOf(app);
  if (file === null) return null;
  const folder = folderOf(file);
  const mates = model.apps.filter((a) => a.cluster === app.cluster && a.notDeployed == null && !a.disabled && (a.id === app.id || (index.fileOf(a) !== null && folderOf(index.fileOf(a)!) === folder)));
  if (mates.length < 2) return null;
  const ownFiles = new Set(mates.map((a) => index.fileOf(a)));
  const link = (a: App) => ({ appId: a.id, name: a.name, path: appPath(a) });
  const shared = mates.flatMap((a) => {
    const objects = (index.byApp(model.objects).get(a.id) ?? []).filter((o) => !o.disabled && folderOf(o.source.file) === folder && !ownFiles.has(o.source.file));
    return objects.length > 0 ? [{ ...link(a), objects: [...new Set(objects.map((o) => `${o.kind} ${o.name}`))].sort() }] : [];
  });
  return { folder, apps: mates.filter((a) => a.id !== app.id).map(link), shared };
}
