/**
 * `/atlas.json`: the model the site is built from, versioned, with its schema beside it
 * (`/atlas.schema.json`). The app facts are the `apps` collection the app pages render, so the
 * document and the pages agree. Links are relative to `repository.site` (configured site + base).
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { atlasJson, renderAtlasJson, siteRoot } from '../lib/export/json.ts';
import { ATLAS_SCHEMA_FILE } from '../lib/export/json-schema.ts';
import { withBase } from '../lib/site/urls.ts';
import { getAtlas } from '../loaders/atlas-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await getAtlas();
  const apps = (await getCollection('apps')).map((e) => e.data);
  const siteUrl = siteRoot(site?.href ?? atlas.config.site ?? null, import.meta.env.BASE_URL);
  const doc = atlasJson(atlas, apps, { siteUrl, schemaUrl: siteUrl ? undefined : withBase(`/${ATLAS_SCHEMA_FILE}`, import.meta.env.BASE_URL) });
  return new Response(renderAtlasJson(doc), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
