// @ts-check
/**
 * The GitOps Atlas site for `astro dev` (`npm run dev`) and `npx astro build`: the command-line edge,
 * which reads the documented variables (ATLAS_REPO, ATLAS_OUT, ATLAS_SITE, ATLAS_BASE,
 * ATLAS_CONFIG_JSON, ATLAS_CACHE_DIR; src/lib/site/site-env.ts) and never writes them. The config
 * itself is astroConfigFor (src/integration/astro-config.ts), which `atlas build` passes to Astro's
 * build() inline; its integration hands the settings to the site through a virtual module.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { astroConfigFor } from './src/integration/astro-config.ts';
import { readSiteEnv } from './src/lib/site/site-env.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const env = readSiteEnv(root);

export default defineConfig(
  astroConfigFor({ root, repo: env.repo, overrides: env.overrides, outDir: env.out, site: env.site, base: env.base, cacheDir: env.cacheDir }),
);
