/**
 * Starlight's `docs` collection (src/content/docs, the guide) plus one generated page: the
 * configuration reference, rendered from the zod schema on every build so it cannot drift.
 */
import { docsLoader } from '@astrojs/starlight/loaders';
import type { Loader } from 'astro/loaders';
import { configReferenceMarkdown } from '../lib/site/config-reference.ts';

export const CONFIG_REFERENCE_ID = 'guide/configuration';

export function guideDocsLoader(): Loader {
  const docs = docsLoader();
  return {
    name: 'atlas-guide-docs',
    load: async (ctx) => {
      await docs.load(ctx);
      const body = configReferenceMarkdown();
      const digest = ctx.generateDigest(body);
      if (ctx.store.get(CONFIG_REFERENCE_ID)?.digest === digest) return;
      const data = await ctx.parseData({
        id: CONFIG_REFERENCE_ID,
        data: { title: 'Configuration reference', description: 'Every field of atlas.config.yaml, generated from the schema.', sidebar: { order: 3 } },
      });
      ctx.store.set({
        id: CONFIG_REFERENCE_ID,
        data,
        body,
        digest,
        // A path under the docs folder, so Starlight's sidebar and routing place it in the guide.
        filePath: 'src/content/docs/guide/configuration.md',
        rendered: await ctx.renderMarkdown(body),
      });
    },
  };
}
