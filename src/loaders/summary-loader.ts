/**
 * `atlas` collection: one entry, `summary`, with what every page may need besides its own data
 * (title, commit for the footer, repo URL for source links, counts for the home page).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { summarize } from '../lib/site/summary.ts';
import type { AtlasSettings } from '../integration/settings.ts';
import { atlasFor } from './atlas-data.ts';
import { syncEntries, watchRepo } from './sync.ts';

async function load(ctx: LoaderContext, settings: AtlasSettings): Promise<void> {
  // Watch first: a save while the first scan runs must cause a reload (src/loaders/sync.ts).
  watchRepo(ctx, settings, () => load(ctx, settings));
  const atlas = await atlasFor(settings);
  await syncEntries(ctx, [{ id: 'summary', data: summarize(atlas) as Record<string, unknown> }]);
}

/** `settings`: the integration's, from `virtual:gitops-atlas/settings` (src/content.config.ts). */
export function summaryLoader(settings: AtlasSettings): Loader {
  return { name: 'atlas-summary', load: (ctx) => load(ctx, settings) };
}
