/**
 * `/changelog/feed.xml`: the changelog as an Atom feed (renderAtomFeed escapes every text). Links
 * are absolute when the site URL is known (Astro's `site`, from --site or atlas.config.yaml);
 * without one they are root-relative, which feed readers resolve against the feed's own URL.
 */
import type { APIRoute } from 'astro';
import { renderAtomFeed } from '../../analysis/changelog/feed.ts';
import { getAtlas } from '../../loaders/atlas-data.ts';
import { getChangelog } from '../../loaders/changelog-data.ts';

export const GET: APIRoute = async ({ site }) => {
  const atlas = await getAtlas();
  const data = await getChangelog();
  const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
  const configured = site?.href ?? atlas.config.site ?? null;
  // Astro's `site` may carry a path; the base is appended once, whichever way the URL came in.
  const siteUrl = configured ? feedRoot(configured, base) : base;
  const title = `${atlas.config.title ?? atlas.model.name}: changelog`;
  const body = renderAtomFeed(data.changelog.entries, { siteUrl, title });
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};

function feedRoot(siteUrl: string, base: string): string {
  const root = siteUrl.replace(/\/+$/, '');
  return base && !new URL(root).pathname.replace(/\/+$/, '').endsWith(base) ? `${root}${base}` : root;
}
