import type { AppEvent, FileChange } from '../../model/changelog-entry.ts';

/** An app and the repo-relative POSIX folders that belong to it (no trailing slash needed). */
export interface AppDescriptor {
  id: string;
  dirs: string[];
}

/** Folder → app ids, longest folders first, so the most specific folder wins. */
export interface AppIndex {
  entries: Array<{ dir: string; ids: string[] }>;
  /** The same entries by folder, so a path finds its app by walking up its own folders. */
  byDir: Map<string, { dir: string; ids: string[] }>;
}

/** The extensions a per-file app's folder drops (as repo/build/apps.ts names it). */
const PER_FILE_APP = /\.(ya?ml|dis|bak)$/;

export function buildAppIndex(apps: readonly AppDescriptor[]): AppIndex {
  const byDir = new Map<string, Set<string>>();
  for (const app of apps) {
    for (const raw of app.dirs) {
      const dir = normaliseDir(raw);
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir)!.add(app.id);
    }
  }
  const entries = [...byDir].map(([dir, ids]) => ({ dir, ids: [...ids].sort() }));
  entries.sort((a, b) => b.dir.length - a.dir.length || a.dir.localeCompare(b.dir));
  return { entries, byDir: new Map(entries.map((e) => [e.dir, e])) };
}

/**
 * The app ids owning a path: those of the longest folder that contains it (several may share it).
 * An app made of one file in a folder shared with other releases has that file's path without its
 * extension for folder (`apps/podinfo` for `apps/podinfo.yaml`, repo/build/apps.ts): the file is its.
 */
export function appsForPath(index: AppIndex, path: string): { dir: string; ids: string[] } | null {
  const perFile = PER_FILE_APP.test(path) ? index.byDir.get(path.replace(PER_FILE_APP, '')) : undefined;
  if (perFile) return perFile;
  // Walk up the path's own folders (linear in its depth, not in the number of apps).
  for (let p = path; ; ) {
    const hit = index.byDir.get(p);
    if (hit) return hit;
    const slash = p.lastIndexOf('/');
    if (slash < 0) return index.byDir.get('') ?? null;
    p = p.slice(0, slash);
  }
}

/** Every app a commit's files touch; a rename between two apps touches both. Sorted. */
export function appsForFiles(index: AppIndex, files: readonly FileChange[]): string[] {
  const ids = new Set<string>();
  for (const file of files) {
    for (const path of file.oldPath ? [file.path, file.oldPath] : [file.path]) {
      for (const id of appsForPath(index, path)?.ids ?? []) ids.add(id);
    }
  }
  return [...ids].sort();
}

const enabledKs = /^ks\.ya?ml$/;
const disabledKs = /^ks\.(?:dis|bak)$/;

/**
 * App lifecycle from the Flux Kustomization file of an app folder (the seed's `ks.dis` convention):
 * `ks.yaml` added → added, deleted → removed; renamed to `ks.dis`/`ks.bak` (or deleted with a
 * `ks.dis` added beside it) → disabled; the reverse → enabled. A `ks.yaml` moved to another folder
 * removes the old app and adds the new one.
 */
export function detectKsEvents(index: AppIndex, files: readonly FileChange[]): AppEvent[] {
  const added = new Map<string, 'enabled' | 'disabled'>(); // dir → which kind of ks file appeared
  const gone = new Map<string, 'enabled' | 'disabled'>();
  const note = (map: Map<string, 'enabled' | 'disabled'>, path: string): void => {
    const { dir, base } = split(path);
    if (enabledKs.test(base)) map.set(dir, 'enabled');
    else if (disabledKs.test(base) && !map.has(dir)) map.set(dir, 'disabled');
  };
  for (const file of files) {
    if (file.status === 'A' || file.status === 'C') note(added, file.path);
    if (file.status === 'D') note(gone, file.path);
    if (file.status === 'R' && file.oldPath) {
      note(gone, file.oldPath);
      note(added, file.path);
    }
  }
  const events: AppEvent[] = [];
  const push = (dir: string, event: AppEvent['event']): void => {
    // The app whose folder the ks file is in; else apps whose folders sit below it (`<app>/app`). Never
    // the app of a folder above (cluster-apps builds `kubernetes/apps`): a ks file of no app's folder is
    // an app of its own, named by its folder (a past app's folder is in the index: past-apps.ts).
    const owner = index.byDir.get(dir);
    const ids = owner
      ? owner.ids
      : [...new Set(index.entries.filter((e) => e.dir.startsWith(`${dir}/`)).flatMap((e) => e.ids))].sort();
    if (ids.length === 0) events.push({ app: null, dir, event });
    for (const app of ids) events.push({ app, dir, event });
  };
  for (const [dir, state] of added) {
    const before = gone.get(dir);
    if (state === 'enabled' && before === 'disabled') push(dir, 'enabled');
    else if (state === 'disabled' && before === 'enabled') push(dir, 'disabled');
    else if (state === 'enabled' && before === undefined) push(dir, 'added');
  }
  for (const [dir, state] of gone) {
    if (state === 'enabled' && !added.has(dir)) push(dir, 'removed');
  }
  return sortEvents(events);
}

/**
 * The brief's second "added" signal, for repos without `ks.yaml` per app (flat layouts): every file
 * the commit touches under the app is new, and the app was not seen in any older commit of the
 * window. The caller walks oldest first and passes the ids already seen.
 */
export function detectFirstAdds(
  index: AppIndex,
  files: readonly FileChange[],
  seen: ReadonlySet<string>,
): AppEvent[] {
  const perApp = new Map<string, { dir: string; allAdded: boolean }>();
  for (const file of files) {
    const owner = appsForPath(index, file.path);
    if (!owner) continue;
    const isAdd = file.status === 'A' || ((file.status === 'R' || file.status === 'C') && !sameOwner(index, file, owner.dir));
    for (const id of owner.ids) {
      const state = perApp.get(id) ?? { dir: owner.dir, allAdded: true };
      state.allAdded &&= isAdd;
      perApp.set(id, state);
    }
  }
  const events: AppEvent[] = [];
  for (const [app, state] of perApp) {
    if (state.allAdded && !seen.has(app)) events.push({ app, dir: state.dir, event: 'added' });
  }
  return sortEvents(events);
}

function sameOwner(index: AppIndex, file: FileChange, dir: string): boolean {
  return file.oldPath !== undefined && appsForPath(index, file.oldPath)?.dir === dir;
}

export function sortEvents(events: AppEvent[]): AppEvent[] {
  return events.sort(
    (a, b) => a.dir.localeCompare(b.dir) || (a.app ?? '').localeCompare(b.app ?? '') || a.event.localeCompare(b.event),
  );
}

function split(path: string): { dir: string; base: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? { dir: '', base: path } : { dir: path.slice(0, slash), base: path.slice(slash + 1) };
}

function normaliseDir(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
