/**
 * The computing side of the site's Atlas registry (src/loaders/atlas-data.ts): runs the pipeline
 * (computeAtlas) for the site's settings. It is loaded natively, never through Vite: by the Astro
 * config's integration (atlas-integration.ts, which Astro imports with Node) and by the CLI
 * (scripts/build-site.ts), which registers it before Astro starts. So the loaders and pages, which
 * Vite transforms and bundles, carry only the small reading side.
 */
import { loadConfig } from '../config/load.ts';
import { computeAtlas, type Atlas } from '../pipeline/atlas.ts';
import { pinRepoUrl } from '../lib/site/urls.ts';
import { type AtlasEntry, atlasFor, provideComputer } from '../loaders/atlas-data.ts';
import { layoutFor } from '../lib/site/graph-render.ts';
import { overviewDiagram } from '../lib/site/graph-views.ts';
import { prefetchLayouts } from '../render/mermaid/layout-prefetch.ts';
import { layoutSource } from '../render/mermaid/to-svg.ts';
import type { AtlasSettings } from './settings.ts';

/**
 * The site's Atlas: source links pinned to the commit it is built from (pinRepoUrl), so a line
 * number stays right after the file changes. Exports (computeAtlas from the CLI) keep the branch:
 * a pinned link in a committed README would be out of date with every commit.
 */
async function compute(settings: AtlasSettings, entry: AtlasEntry): Promise<Atlas> {
  // In dev, a scan after a save re-reads only the files that changed and parses only the Markdown that changed.
  const dev = settings.devCache
    ? {
        cache: (entry.readCache ??= new Map()),
        preinstalled: (entry.preinstalled ??= new Map()),
        ...(entry.watched ? { listing: (entry.listing ??= { last: null, changed: null, pending: new Set() }) } : {}),
        ...(entry.markdown ? { earlierMarkdown: entry.markdown } : {}),
      }
    : {};
  const atlas = await computeAtlas(settings.repo, loadConfig(settings.repo, settings.overrides), { ...dev, secretDates: true });
  if (settings.devCache) entry.markdown = atlas.markdown;
  // A build: the overview's ELK layout is drawn on a worker while Astro starts (its layout source
  // does not depend on the site's base). Dev renders a page when asked, so it lays out there.
  else {
    const overview = overviewDiagram(atlas.analysis.graph.graph, '/');
    if (overview.nodes.length > 0 && layoutFor(overview) === 'elk') prefetchLayouts([layoutSource(overview)]);
  }
  const repoUrl = pinRepoUrl(atlas.config.repoUrl, atlas.commit?.sha);
  return repoUrl === atlas.config.repoUrl ? atlas : { ...atlas, config: { ...atlas.config, repoUrl } };
}

/** Register the pipeline as the registry's computer (idempotent). */
export function provideAtlases(): void {
  provideComputer(compute);
}

/** For native callers (the CLI's build, the bench, tests): the site's Atlas of these settings, memoised. */
export function siteAtlas(settings: AtlasSettings): Promise<Atlas> {
  provideAtlases();
  return atlasFor(settings);
}
