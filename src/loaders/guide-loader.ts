/**
 * Starlight's `docs` collection (src/content/docs, the guide) plus generated pages: the
 * configuration reference, rendered from the zod schema, and the list of findings, rendered from
 * the registry of finding codes, on every build so they cannot drift.
 */
import { docsLoader } from '@astrojs/starlight/loaders';
import type { Loader, LoaderContext } from 'astro/loaders';
import { configReferenceMarkdown } from '../lib/site/config-reference.ts';
import { findingsReferenceMarkdown } from '../lib/site/findings-reference.ts';

const CONFIG_REFERENCE_ID = 'guide/configuration';
const FINDINGS_REFERENCE_ID = 'guide/findings';

interface GeneratedPage {
  id: string;
  title: string;
  description: string;
  order: number;
  body: () => string;
}

const PAGES: GeneratedPage[] = [
  { id: CONFIG_REFERENCE_ID, title: 'Configuration reference', description: 'Every field of atlas.config.yaml, generated from the schema.', order: 3, body: configReferenceMarkdown },
  { id: FINDINGS_REFERENCE_ID, title: 'Findings', description: 'Every finding code, its severity and what it means, generated from the registry of codes.', order: 4, body: findingsReferenceMarkdown },
];

async function storePage(ctx: LoaderContext, page: GeneratedPage): Promise<void> {
  const body = page.body();
  const digest = ctx.generateDigest(body);
  if (ctx.store.get(page.id)?.digest === digest) return;
  const data = await ctx.parseData({ id: page.id, data: { title: page.title, description: page.description, sidebar: { order: page.order } } });
  ctx.store.set({
    id: page.id,
    data,
    body,
    digest,
    // A path under the docs folder, so Starlight's sidebar and routing place it in the guide.
    filePath: `src/content/docs/${page.id}.md`,
    rendered: await ctx.renderMarkdown(body),
  });
}

export function guideDocsLoader(): Loader {
  const docs = docsLoader();
  return {
    name: 'atlas-guide-docs',
    load: async (ctx) => {
      await docs.load(ctx);
      for (const page of PAGES) await storePage(ctx, page);
    },
  };
}
