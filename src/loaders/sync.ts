/**
 * What every Atlas loader does with its entries, the way Astro's own glob/file loaders do it:
 * hash each entry with `generateDigest`, leave unchanged entries alone (so dev mode re-renders
 * only what changed), delete entries not seen this run, and in dev re-run on repository changes.
 */
import type { LoaderContext } from 'astro/loaders';
import type { AtlasSettings } from '../integration/settings.ts';
import { invalidateAtlas } from './atlas-data.ts';

export interface EntryInput {
  id: string;
  data: Record<string, unknown>;
}

export interface SyncStats {
  stored: number;
  unchanged: number;
  deleted: number;
}

/** Store entries with digests; returns what changed (the benchmark counts re-rendered entries). */
export async function syncEntries(ctx: LoaderContext, entries: readonly EntryInput[]): Promise<SyncStats> {
  const seen = new Set<string>();
  const stats: SyncStats = { stored: 0, unchanged: 0, deleted: 0 };
  for (const { id, data } of entries) {
    seen.add(id);
    const digest = ctx.generateDigest(data);
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

const reloaders = new Map<string, () => Promise<void>>();
const watched = new WeakSet<object>();

/**
 * In dev, re-run `reload` for this collection when a relevant file under the settings' repository
 * changes. One watcher callback per watcher: it forgets the memoised scan of these settings once,
 * then reloads every registered collection, which all share the new scan.
 */
export function watchRepo(ctx: LoaderContext, settings: AtlasSettings, reload: () => Promise<void>): void {
  const repoRoot = settings.repo;
  const watcher = ctx.watcher;
  if (!watcher) return;
  reloaders.set(ctx.collection, reload);
  if (watched.has(watcher)) return;
  watched.add(watcher);
  watcher.add(repoRoot);
  const root = repoRoot.endsWith('/') ? repoRoot : `${repoRoot}/`;
  const onChange = async (file: string) => {
    if (!file.startsWith(root) || !RELEVANT.test(file) || file.includes('/node_modules/') || file.includes('/.git/')) return;
    const started = performance.now();
    invalidateAtlas(settings);
    for (const run of reloaders.values()) await run();
    ctx.logger.info(`reloaded after ${file.slice(root.length)} changed (${Math.round(performance.now() - started)} ms)`);
  };
  watcher.on('change', onChange);
  watcher.on('add', onChange);
  watcher.on('unlink', onChange);
}
