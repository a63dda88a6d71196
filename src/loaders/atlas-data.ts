/**
 * The one scan of a build, as the site reads it. Every loader and page asks for the Atlas of the
 * site's settings (`getAtlas()` reads them from the integration's virtual module, `atlasFor(settings)`
 * takes them); the first call runs the pipeline, the others await the same promise.
 *
 * This module is the *reading* side and imports no part of the pipeline: Astro loads it through
 * Vite (the content layer's module runner, the prerender bundle), and a static import of
 * computeAtlas made Vite transform and bundle the ~200 modules of the scan and analyses twice per
 * build although the Atlas was always computed before a page asked for it. The computing side,
 * src/integration/atlas-provider.ts, is loaded natively with the Astro config (the integration) or
 * by the CLI and registers itself here (provideComputer).
 */
import type { Atlas } from '../pipeline/atlas.ts';
import type { ReadCache } from '../repo/scan.ts';
import { noteChange, type ListingMemo } from '../repo/discover.ts';
import type { MarkdownStore } from '../markdown/store.ts';
import type { PreinstalledCache } from '../repo/bootstrap-read.ts';
import { type AtlasSettings, atlasKey } from '../integration/settings.ts';

/**
 * What the registry keeps per settings: the scan's promise and, in dev (settings.devCache), the read
 * cache, the last scan's Markdown parses and what each file said about bootstrap installs, which the
 * next scan after a save reuses.
 */
export interface AtlasEntry {
  promise: Promise<Atlas> | undefined;
  readCache: ReadCache | undefined;
  markdown?: MarkdownStore;
  preinstalled?: PreinstalledCache;
  /**
   * The repository's listing and what the watcher saw change since (src/repo/discover.ts ListingMemo):
   * kept only once a watcher reports this repository's changes (watchingRepo), since a listing is
   * reused on the word of what it reports.
   */
  listing?: ListingMemo;
  watched?: boolean;
}

/** Computes the Atlas of these settings (src/integration/atlas-provider.ts). */
export type AtlasComputer = (settings: AtlasSettings, entry: AtlasEntry) => Promise<Atlas>;

/**
 * The process-wide registry of Atlases, by settings (atlasKey), and the function that computes
 * one: the project's one globalThis slot. It cannot be module state, because Astro evaluates this
 * module more than once in a process (the content layer, each prerender chunk, the dev server's
 * module graph) besides the native copy of the CLI and the integration; all of them must share one
 * scan. Every other memo hangs on the Atlas object itself (WeakMap), so a new scan starts them afresh.
 */
interface Registry {
  atlases: Map<string, AtlasEntry>;
  compute: AtlasComputer | undefined;
  /**
   * Diagram layouts started ahead of the page that shows them (the native side lays them out on a
   * worker thread while Vite bundles: src/render/mermaid/layout-prefetch.ts), by their layout source.
   * A promise resolves to null when the worker could not lay it out; the page then lays it out itself.
   */
  layouts: Map<string, Promise<string | null>>;
}
const REGISTRY = Symbol.for('gitops-atlas.registry');

function registry(): Registry {
  const slot = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (slot[REGISTRY] ??= { atlases: new Map(), compute: undefined, layouts: new Map() });
}

/** Offer the layout of this diagram source, being made elsewhere (the native side). */
export function offerLayout(source: string, svg: Promise<string | null>): void {
  registry().layouts.set(source, svg);
}

/** The layout offered for this source (and forget it), or null when none was offered or it failed. */
export async function takeLayout(source: string): Promise<string | null> {
  const { layouts } = registry();
  const offered = layouts.get(source);
  layouts.delete(source);
  return offered ?? null;
}

/** Install the function that computes Atlases (the provider calls this; the last one wins). */
export function provideComputer(compute: AtlasComputer): void {
  registry().compute = compute;
}

/** The scan and analyses for these settings, memoised (one scan per settings per process). */
export function atlasFor(settings: AtlasSettings): Promise<Atlas> {
  const { atlases, compute } = registry();
  const key = atlasKey(settings);
  let entry = atlases.get(key);
  if (!entry) atlases.set(key, (entry = { promise: undefined, readCache: undefined }));
  if (entry.promise) return entry.promise;
  if (!compute) {
    return Promise.reject(
      new Error('GitOps Atlas: no scan of the repository was started and none can be: the site must be built by `atlas build` or served with the GitOps Atlas integration (src/integration/atlas-integration.ts) in its Astro config'),
    );
  }
  const promise = compute(settings, entry);
  entry.promise = promise;
  const current = entry;
  // A failed scan must not stay cached: the next call (e.g. after a fix in dev) tries again.
  promise.catch(() => {
    if (current.promise === promise) current.promise = undefined;
  });
  return promise;
}

/**
 * The Atlas of the site being built or served: its settings come from the integration's virtual
 * module (src/integration/atlas-integration.ts), so this runs only inside Astro. Imported lazily,
 * because the CLI imports this file too and plain Node cannot resolve a virtual module.
 */
export async function getAtlas(): Promise<Atlas> {
  const { default: settings } = await import('virtual:gitops-atlas/settings');
  return atlasFor(settings);
}

/**
 * A watcher reports what changes under the repository of these settings (the dev server's): from now
 * on a scan may reuse the last listing of it. noteRepoChange tells each change: a file changed in place
 * (its repository path), or null for anything else (a file added or removed, a folder, a file of a kind
 * the scan does not read, such as .gitignore), after which the next scan lists the repository again.
 */
export function watchingRepo(settings: AtlasSettings): void {
  const { atlases } = registry();
  const key = atlasKey(settings);
  const entry = atlases.get(key) ?? atlases.set(key, { promise: undefined, readCache: undefined }).get(key)!;
  entry.watched = true;
}

/** See watchingRepo. */
export function noteRepoChange(settings: AtlasSettings, path: string | null): void {
  const listing = registry().atlases.get(atlasKey(settings))?.listing;
  if (listing) noteChange(listing, path);
}

/**
 * Forget the memoised Atlas of these settings, or of every settings (dev mode, after a file under
 * the repository changed). The dev read cache stays: it knows by itself which files changed.
 */
export function invalidateAtlas(settings?: AtlasSettings): void {
  for (const [key, entry] of registry().atlases) if (!settings || key === atlasKey(settings)) entry.promise = undefined;
}
