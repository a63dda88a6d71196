/**
 * `apps` collection: one entry per App, holding the facts its page renders (app-facts.ts). The
 * README is read here, with generated ATLAS blocks stripped, so appFacts stays pure.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { appFacts, appFindings } from '../lib/site/app-facts.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { sameScan } from '../model/same-scan.ts';
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

/**
 * Each app's facts of the last run, kept while the scan's model is the same: a dev re-run after a
 * save that changes no manifest (a ROADMAP.md edit) reuses the scan's model (src/model/same-scan.ts),
 * and only its findings are new.
 * An app whose README and findings are unchanged then keeps its facts object, and with it its digest
 * (src/loaders/sync.ts). Keyed by the model's objects, as the health matrices are.
 */
interface Kept {
  readme: string | null;
  findings: string;
  data: Record<string, unknown>;
}
const kept = new WeakMap<readonly unknown[], { model: RepoModel; byApp: Map<string, Kept> }>();

function factsOf(model: RepoModel, byApp: Map<string, Kept>, appId: string, readme: string | null): Record<string, unknown> {
  const findings = JSON.stringify(appFindings(model, appId));
  const hit = byApp.get(appId);
  if (hit && hit.readme === readme && hit.findings === findings) return hit.data;
  const data = appFacts(model, appId, { readme })! as Record<string, unknown>;
  byApp.set(appId, { readme, findings, data });
  return data;
}

async function load(ctx: LoaderContext, settings: AtlasSettings): Promise<void> {
  // Watch first: a save while the first scan runs must cause a reload (src/loaders/sync.ts).
  watchRepo(ctx, settings, () => load(ctx, settings));
  const { model, repoRoot } = await atlasFor(settings);
  const last = kept.get(model.objects);
  const byApp = last !== undefined && sameScan(last.model, model) ? last.byApp : new Map<string, Kept>();
  kept.set(model.objects, { model, byApp });
  const entries = await Promise.all(
    model.apps.map(async (app) => ({
      id: app.id,
      data: factsOf(model, byApp, app.id, await readReadme(repoRoot, app.readme)),
    })),
  );
  const stats = await syncEntries(ctx, entries);
  ctx.logger.debug(`apps: ${stats.stored} stored, ${stats.unchanged} unchanged, ${stats.deleted} deleted`);
}

/** `settings`: the integration's, from `virtual:gitops-atlas/settings` (src/content.config.ts). */
export function appsLoader(settings: AtlasSettings): Loader {
  return { name: 'atlas-apps', load: (ctx) => load(ctx, settings) };
}
