/**
 * Collections: Starlight's docs (the guide, with a generated configuration reference) and the
 * Atlas collections, each a thin loader over the one memoised scan (src/loaders/atlas-data.ts) of
 * the repository the integration's settings name (src/integration/atlas-integration.ts).
 */
import { defineCollection } from 'astro:content';
import settings from 'virtual:gitops-atlas/settings';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { FindingSchema } from './model/finding.ts';
import { AppFactsSchema } from './lib/site/app-facts-schema.ts';
import { SummarySchema } from './lib/site/summary.ts';
import { appsLoader } from './loaders/apps-loader.ts';
import { findingsLoader } from './loaders/findings-loader.ts';
import { guideDocsLoader } from './loaders/guide-loader.ts';
import { summaryLoader } from './loaders/summary-loader.ts';

/**
 * Starlight's frontmatter schema, built once. `<StarlightPage>` (every generated page of the site)
 * reads this collection's schema and, when it is a function, builds the whole schema again for
 * each page: about 1.6 ms a page, 0.3 s of a 190-page build (profiled). Built here, it is built
 * once and each page only parses its frontmatter. The context's `image()` is for hero images, which
 * neither the guide nor a generated page has: one would fail the build with the schema's message.
 */
const starlightFrontmatter = docsSchema()({
  image: () => z.never({ error: 'images in frontmatter are not used on this site' }),
} as unknown as Parameters<ReturnType<typeof docsSchema>>[0]);

export const collections = {
  docs: defineCollection({ loader: guideDocsLoader(), schema: starlightFrontmatter }),
  apps: defineCollection({ loader: appsLoader(settings), schema: AppFactsSchema }),
  findings: defineCollection({ loader: findingsLoader(settings), schema: FindingSchema }),
  atlas: defineCollection({ loader: summaryLoader(settings), schema: SummarySchema }),
};
