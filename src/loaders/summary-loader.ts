/**
 * `atlas` collection: one entry, `summary`, with what every page may need besides its own data
 * (title, commit for the footer, repo URL for source links, counts for the home page).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { summarize } from '../lib/site/summary.ts';
import { getAtlas } from './atlas-data.ts';
import { syncEntries, watchRepo } from './sync.ts';

async function load(ctx: LoaderContext): Promise<void> {
  const atlas = await getAtlas();
  await syncEntries(ctx, [{ id: 'summary', data: summarize(atlas) as Record<string, unknown> }]);
  watchRepo(ctx, atlas.repoRoot, () => load(ctx));
}

export function summaryLoader(): Loader {
  return { name: 'atlas-summary', load };
}
