/**
 * `/docs/_assets/<repo path>`: the images the repository's docs show, copied from the repository
 * at build time (a page cannot copy files, an endpoint can return their bytes). Only images that
 * repoMarkdown checked are listed: PNG, JPEG, GIF, WebP whose bytes match, and SVG without scripts.
 * The folder is a parameter because Astro does not route folders whose name starts with `_`.
 */
import type { APIRoute } from 'astro';
import { docAssetPaths, getDocAsset } from '../../../loaders/docs-data.ts';

export const getStaticPaths = docAssetPaths;

export const GET: APIRoute = async ({ params }) => {
  const asset = params.assets === '_assets' && params.path ? await getDocAsset(params.path) : null;
  if (!asset) return new Response(null, { status: 404 });
  return new Response(asset.bytes, {
    headers: { 'Content-Type': asset.type, 'X-Content-Type-Options': 'nosniff' },
  });
};
