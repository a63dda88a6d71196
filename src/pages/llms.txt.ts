/** `/llms.txt` (llmstxt.org): what the cluster runs, one line per app with a link to its page. */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { llmsTxt } from '../lib/export/llms.ts';
import { siteRoot } from '../lib/export/json.ts';
import { getAtlas } from '../loaders/atlas-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await getAtlas();
  const apps = (await getCollection('apps')).map((e) => e.data);
  const base = import.meta.env.BASE_URL;
  const text = llmsTxt(atlas, apps, { siteUrl: siteRoot(site?.href ?? atlas.config.site ?? null, base), base, title: atlas.config.title ?? atlas.model.name });
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
