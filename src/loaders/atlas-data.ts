/**
 * The one scan of a build. Every loader and page asks for the Atlas of the site's settings
 * (`getAtlas()` reads them from the integration's virtual module, `atlasFor(settings)` takes them);
 * the first call runs the pipeline (computeAtlas, src/pipeline/atlas.ts), the others await the
 * same promise.
 */
import { loadConfig } from '../config/load.ts';
import { computeAtlas, type Atlas } from '../pipeline/atlas.ts';
import type { ReadCache } from '../repo/scan.ts';
import type { MarkdownStore } from '../markdown/store.ts';
import { type AtlasSettings, atlasKey } from '../integration/settings.ts';
import { pinRepoUrl } from '../lib/site/urls.ts';


/**
 * The site's Atlas: source links pinned to the commit it is built from (pinRepoUrl), so a line
 * number stays right after the file changes. Exports (computeAtlas from the CLI) keep the branch:
 * a pinned link in a committed README would be out of date with every commit.
 */
async function compute(settings: AtlasSettings, entry: Entry): Promise<Atlas> {
  // In dev, a scan after a save re-reads only the files that changed and parses only the Markdown that changed.
  const dev = settings.devCache ? { cache: (entry.readCache ??= new Map()), ...(entry.markdown ? { earlierMarkdown: entry.markdown } : {}) } : {};
  const atlas = await computeAtlas(settings.repo, loadConfig(settings.repo, settings.overrides), dev);
  if (settings.devCache) entry.markdown = atlas.markdown;
  const repoUrl = pinRepoUrl(atlas.config.repoUrl, atlas.commit?.sha);
  return repoUrl === atlas.config.repoUrl ? atlas : { ...atlas, config: { ...atlas.config, repoUrl } };
}

/**
 * The process-wide registry of Atlases, by settings (atlasKey): the project's one globalThis slot.
 * It cannot be a module-level Map, because Astro evaluates this module more than once in a process
 * (the config, the content layer, each prerender chunk, the dev server's module graph) and
 * scripts/build-site.ts reads the Atlas the build used from its own copy of the module; all of them
 * must share one scan. Every other memo hangs on the Atlas object itself (WeakMap), so a new scan
 * starts them afresh. An entry also keeps, in dev (settings.devCache), the read cache and the last
 * scan's Markdown parses across scans.
 */
interface Entry {
  promise: Promise<Atlas> | undefined;
  readCache: ReadCache | undefined;
  markdown?: MarkdownStore;
}
const REGISTRY = Symbol.for('gitops-atlas.atlases');

function registry(): Map<string, Entry> {
  const slot = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
  return (slot[REGISTRY] ??= new Map());
}

/** The scan and analyses for these settings, memoised (one scan per settings per process). */
export function atlasFor(settings: AtlasSettings): Promise<Atlas> {
  const key = atlasKey(settings);
  const atlases = registry();
  let entry = atlases.get(key);
  if (!entry) atlases.set(key, (entry = { promise: undefined, readCache: undefined }));
  if (entry.promise) return entry.promise;
  const promise = compute(settings, entry);
  entry.promise = promise;
  // A failed scan must not stay cached: the next call (e.g. after a fix in dev) tries again.
  promise.catch(() => {
    if (entry.promise === promise) entry.promise = undefined;
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
 * Forget the memoised Atlas of these settings, or of every settings (dev mode, after a file under
 * the repository changed). The dev read cache stays: it knows by itself which files changed.
 */
export function invalidateAtlas(settings?: AtlasSettings): void {
  for (const [key, entry] of registry()) if (!settings || key === atlasKey(settings)) entry.promise = undefined;
}
