/** `findings` collection: every finding of the scan, id `file:line:col:CODE` (deduplicated). */
import type { Loader, LoaderContext } from 'astro/loaders';
import { sortFindings } from '../model/finding.ts';
import type { AtlasSettings } from '../integration/settings.ts';
import { atlasFor } from './atlas-data.ts';
import { syncEntries, watchRepo } from './sync.ts';

async function load(ctx: LoaderContext, settings: AtlasSettings): Promise<void> {
  // Watch first: a save while the first scan runs must cause a reload (src/loaders/sync.ts).
  watchRepo(ctx, settings, () => load(ctx, settings));
  const { model } = await atlasFor(settings);
  const used = new Map<string, number>();
  const entries = sortFindings(model.findings).map((f) => {
    const base = `${f.source.file}:${f.source.line}:${f.source.col}:${f.code}`;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return { id: n === 0 ? base : `${base}:${n}`, data: f as Record<string, unknown> };
  });
  await syncEntries(ctx, entries);
}

/** `settings`: the integration's, from `virtual:gitops-atlas/settings` (src/content.config.ts). */
export function findingsLoader(settings: AtlasSettings): Loader {
  return { name: 'atlas-findings', load: (ctx) => load(ctx, settings) };
}
