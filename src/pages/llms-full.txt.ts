/** `/llms-full.txt`: every app's facts, the secrets inventory by name, roadmap, changes, findings. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { llmsFullTxt } from '../lib/export/llms.ts';
import { siteRoot } from '../lib/export/json.ts';
import { getAtlas } from '../loaders/atlas-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await getAtlas();
  const apps = (await getCollection('apps')).map((e) => e.data);
  const base = import.meta.env.BASE_URL;
  const text = llmsFullTxt(atlas, apps, { siteUrl: siteRoot(site?.href ?? atlas.config.site ?? null, base), base, title: atlas.config.title ?? atlas.model.name });
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
