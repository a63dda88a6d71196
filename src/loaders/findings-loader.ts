/** `findings` collection: every finding of the scan, id `file:line:col:CODE` (deduplicated). */
import type { Loader, LoaderContext } from 'astro/loaders';
import { sortFindings } from '../model/finding.ts';
import { getAtlas } from './atlas-data.ts';
import { syncEntries, watchRepo } from './sync.ts';

async function load(ctx: LoaderContext): Promise<void> {
  const { model, repoRoot } = await getAtlas();
  const used = new Map<string, number>();
  const entries = sortFindings(model.findings).map((f) => {
    const base = `${f.source.file}:${f.source.line}:${f.source.col}:${f.code}`;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return { id: n === 0 ? base : `${base}:${n}`, data: f as Record<string, unknown> };
  });
  await syncEntries(ctx, entries);
  watchRepo(ctx, repoRoot, () => load(ctx));
}

export function findingsLoader(): Loader {
  return { name: 'atlas-findings', load };
}
