/** `/atlas.schema.json`: the JSON Schema of `/atlas.json`, generated from its zod schema. */
import type { APIRoute } from 'astro';
import { atlasJsonSchema } from '../lib/export/json-schema.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(atlasJsonSchema(), null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } });
