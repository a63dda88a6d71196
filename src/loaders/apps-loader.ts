/**
 * `apps` collection: one entry per App, holding the facts its page renders (app-facts.ts). The
 * README is read here, with generated ATLAS blocks stripped, so appFacts stays pure.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { appFacts } from '../lib/site/app-facts.ts';
import { stripGenerated } from '../markdown/markers.ts';
import type { AtlasSettings } from '../integration/settings.ts';
import { atlasFor } from './atlas-data.ts';
import { syncEntries, watchRepo } from './sync.ts';

async function readReadme(repoRoot: string, file: string | null): Promise<string | null> {
  if (!file) return null;
  try {
    return stripGenerated(await readFile(join(repoRoot, file), 'utf8'));
  } catch {
    return null; // Gone since the scan; the page falls back to the description.
  }
}

async function load(ctx: LoaderContext, settings: AtlasSettings): Promise<void> {
  // Watch first: a save while the first scan runs must cause a reload (src/loaders/sync.ts).
  watchRepo(ctx, settings, () => load(ctx, settings));
  const { model, repoRoot } = await atlasFor(settings);
  const entries = await Promise.all(
    model.apps.map(async (app) => ({
      id: app.id,
      data: appFacts(model, app.id, { readme: await readReadme(repoRoot, app.readme) })! as Record<string, unknown>,
    })),
  );
  const stats = await syncEntries(ctx, entries);
  ctx.logger.debug(`apps: ${stats.stored} stored, ${stats.unchanged} unchanged, ${stats.deleted} deleted`);
}

/** `settings`: the integration's, from `virtual:gitops-atlas/settings` (src/content.config.ts). */
export function appsLoader(settings: AtlasSettings): Loader {
  return { name: 'atlas-apps', load: (ctx) => load(ctx, settings) };
}
