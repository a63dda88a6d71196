/**
 * What every Atlas loader does with its entries, the way Astro's own glob/file loaders do it:
 * hash each entry with `generateDigest`, leave unchanged entries alone (so dev mode re-renders
 * only what changed), delete entries not seen this run, and in dev re-run on repository changes.
 */
import type { LoaderContext } from 'astro/loaders';
import type { AtlasSettings } from '../integration/settings.ts';
import { invalidateAtlas, noteRepoChange, watchingRepo } from './atlas-data.ts';

export interface EntryInput {
  id: string;
  data: Record<string, unknown>;
}

export interface SyncStats {
  stored: number;
  unchanged: number;
  deleted: number;
}

/** Digests of entry data objects, by identity: a loader that keeps an entry's object keeps its digest. */
const DIGESTS = new WeakMap<object, string>();

/** Store entries with digests; returns what changed (the benchmark counts re-rendered entries). */
export async function syncEntries(ctx: LoaderContext, entries: readonly EntryInput[]): Promise<SyncStats> {
  const seen = new Set<string>();
  const stats: SyncStats = { stored: 0, unchanged: 0, deleted: 0 };
  for (const { id, data } of entries) {
    seen.add(id);
    // A data object a loader kept from its last run (it changed nothing) has the digest it had.
    let digest = DIGESTS.get(data);
    if (digest === undefined) DIGESTS.set(data, (digest = ctx.generateDigest(data)));
    if (ctx.store.get(id)?.digest === digest) {
      stats.unchanged++;
      continue;
    }
    const parsed = await ctx.parseData({ id, data });
    ctx.store.set({ id, data: parsed, digest });
    stats.stored++;
  }
  for (const id of ctx.store.keys()) {
    if (seen.has(id)) continue;
    ctx.store.delete(id);
    stats.deleted++;
  }
  return stats;
}

/** Files whose change can change the model: manifests, disabled manifests, Markdown, config. */
const RELEVANT = /\.(ya?ml|dis|bak|md|json)$/i;

/**
 * A reload starts once the repository has been quiet for SETTLE_MS: one save can be several events
 * (an editor's write, rename and chmod), and a branch switch or `git pull` is one event per file it
 * touches, spread over as long as git takes. MAX_WAIT_MS after the first event it starts anyway, so
 * a stream of changes (a generator rewriting files) cannot hold the site back for ever.
 */
export const SETTLE_MS = 40;
export const MAX_WAIT_MS = 300;

/** Per watcher (one per dev server), the reload of each collection that watches the repository. */
const reloadersOf = new WeakMap<object, Map<string, () => Promise<void>>>();

/** A file is worth a reload: under the repository, one of RELEVANT's kinds, not in node_modules or .git. */
function relevant(file: string, root: string): boolean {
  return file.startsWith(root) && RELEVANT.test(file) && !file.includes('/node_modules/') && !file.includes('/.git/');
}

/** "kubernetes/apps/x/helmrelease.yaml" for one file; "3 files (a, b, c)" or "120 files (a, b, c, ...)" for more. */
export function changedFiles(files: readonly string[]): string {
  if (files.length === 1) return files[0]!;
  const shown = files.slice(0, 3).join(', ');
  return `${files.length} files (${shown}${files.length > 3 ? ', ...' : ''})`;
}

/**
 * In dev, re-run `reload` for this collection when a relevant file under the settings' repository
 * changes. One watcher callback per watcher: it forgets the memoised scan of these settings once,
 * then reloads every registered collection, which all share the new scan.
 *
 * Events are coalesced: a reload starts when the burst has been quiet for SETTLE_MS (at most
 * MAX_WAIT_MS after its first event), and events that arrive while it runs make one more reload
 * after it, once they have gone quiet too. Each event used to start its own scan at once, all of
 * them concurrently: a branch switch touching 100 files of the largest corpus repository ran 100
 * scans and the dev server settled after 21 s; and since those scans finished in any order, an
 * older one could store its entries after a newer one. A collection whose reload fails
 * (a broken atlas.config.yaml) is logged, the others are still reloaded, the server stays up and the
 * next save tries again. Loaders call this before they ask for the Atlas, so that a save during the
 * dev server's first sync is not missed.
 */
export function watchRepo(ctx: LoaderContext, settings: AtlasSettings, reload: () => Promise<void>): void {
  const repoRoot = settings.repo;
  const watcher = ctx.watcher;
  if (!watcher) return;
  let reloaders = reloadersOf.get(watcher);
  if (reloaders) {
    reloaders.set(ctx.collection, reload);
    return;
  }
  reloadersOf.set(watcher, (reloaders = new Map([[ctx.collection, reload]])));
  watcher.add(repoRoot);
  watchingRepo(settings);
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  const changed = new Set<string>();
  /** When the first event not yet reloaded came (monotonic clock); the pending reload's timer; whether one runs. */
  let pendingSince = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  // Quiet for SETTLE_MS, but never later than MAX_WAIT_MS after the first pending event.
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      reloadOnce().catch((error: unknown) => ctx.logger.error(`reload failed: ${error instanceof Error ? error.message : String(error)}`));
    }, Math.max(0, Math.min(SETTLE_MS, pendingSince + MAX_WAIT_MS - performance.now())));
  };
  const reloadOnce = async () => {
    timer = undefined;
    running = true;
    const files = [...changed];
    changed.clear();
    try {
      const started = performance.now();
      invalidateAtlas(settings);
      // Each collection on its own: one that fails (its entries refused) leaves the others current.
      const failed: string[] = [];
      for (const [collection, run] of reloaders) {
        try {
          await run();
        } catch (error) {
          failed.push(`${collection}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const what = `${changedFiles(files)} changed`;
      if (failed.length === 0) ctx.logger.info(`reloaded after ${what} (${Math.round(performance.now() - started)} ms)`);
      else ctx.logger.error(`reload after ${what} failed for ${failed.join('; ')}`);
    } finally {
      running = false;
      // Events that came while it ran: one more reload, once they have gone quiet too.
      if (changed.size > 0) schedule();
    }
  };
  const onChange = (file: string) => {
    if (!relevant(file, root)) return;
    if (changed.size === 0) pendingSince = performance.now();
    changed.add(file.slice(root.length));
    // A reload running now schedules the next one when it ends.
    if (!running) schedule();
  };
  watcher.on('change', onChange);
  watcher.on('add', onChange);
  watcher.on('unlink', onChange);
  // What the next scan may take from the last listing (discover.ts ListingMemo): a file of it changed in
  // place, and nothing else. Anything else under the repository, though it causes no reload by itself (a
  // new folder, a .gitignore), has the next scan list the repository again. (Not git's own files,
  // which our reads touch, except its exclude list.)
  const note = (inPlace: boolean) => (file: string) => {
    if (!file.startsWith(root) || file.includes('/node_modules/') || (file.includes('/.git/') && !file.endsWith('/.git/info/exclude'))) return;
    noteRepoChange(settings, inPlace && relevant(file, root) ? file.slice(root.length) : null);
  };
  watcher.on('change', note(true));
  for (const event of ['add', 'unlink', 'addDir', 'unlinkDir']) watcher.on(event, note(false));
}
