/**
 * Collections: Starlight's docs (the guide, with a generated configuration reference) and the
 * Atlas collections, each a thin loader over the one memoised scan (src/loaders/atlas-data.ts) of
 * the repository the integration's settings name (src/integration/atlas-integration.ts).
 */
import { defineCollection } from 'astro:content';
import settings from 'virtual:gitops-atlas/settings';
import { docsSchema } from '@astrojs/starlight/schema';
import { FindingSchema } from './model/finding.ts';
import { AppFactsSchema } from './lib/site/app-facts-schema.ts';
import { SummarySchema } from './lib/site/summary.ts';
import { appsLoader } from './loaders/apps-loader.ts';
import { findingsLoader } from './loaders/findings-loader.ts';
import { guideDocsLoader } from './loaders/guide-loader.ts';
import { summaryLoader } from './loaders/summary-loader.ts';

export const collections = {
  docs: defineCollection({ loader: guideDocsLoader(), schema: docsSchema() }),
  apps: defineCollection({ loader: appsLoader(settings), schema: AppFactsSchema }),
  findings: defineCollection({ loader: findingsLoader(settings), schema: FindingSchema }),
  atlas: defineCollection({ loader: summaryLoader(settings), schema: SummarySchema }),
};
