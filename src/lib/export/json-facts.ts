/**
 * The facts of every app, read as the site's apps loader reads them (src/loaders/apps-loader.ts):
 * appFacts over the model, with the app's README.md (generated blocks stripped) for its purpose.
 * The CLI exports use this; the site's endpoints take the same facts from the `apps` collection.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Atlas } from '../../pipeline/atlas.ts';
import { stripGenerated } from '../../markdown/markers.ts';
import { appFacts, type AppFacts } from '../site/app-facts.ts';

async function readReadme(repoRoot: string, file: string | null): Promise<string | null> {
  if (!file) return null;
  try {
    return stripGenerated(await readFile(join(repoRoot, file), 'utf8'));
  } catch {
    return null; // Gone since the scan: the facts fall back to the description, as the page does.
  }
}

export async function appFactsOf(atlas: Pick<Atlas, 'model' | 'repoRoot'>): Promise<AppFacts[]> {
  const { model, repoRoot } = atlas;
  const facts = await Promise.all(model.apps.map(async (app) => appFacts(model, app.id, { readme: await readReadme(repoRoot, app.readme) })));
  return facts.filter((f) => f !== null).sort((a, b) => a.id.localeCompare(b.id));
}
