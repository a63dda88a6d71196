/**
 * Builds the site for a repository with Astro's programmatic build(). The Astro project is this
 * package (astro.config.mjs, src/); the user's repository, output folder, URL and configuration
 * overrides reach astro.config.mjs and the loaders through the environment (src/lib/site/site-env.ts).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV, normalizeBase } from '../src/lib/site/site-env.ts';

export interface BuildSiteOptions {
  /** The GitOps repository to document. */
  repo: string;
  /** Output folder (default: dist/ of this project). */
  out?: string;
  /** Public site URL, e.g. https://me.github.io. */
  site?: string;
  /** Base path, e.g. /home-ops. */
  base?: string;
  /** Configuration overrides from flags, in the shape of atlas.config.yaml (title, repoUrl, noindex ...). */
  config?: Record<string, unknown>;
  /** Astro's cache folder; put it outside the package for read-only installs. Default: ATLAS_CACHE_DIR or Astro's own. */
  cacheDir?: string;
  /** Astro's log level (the CLI's --quiet maps to 'error'). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The environment astro.config.mjs and the loaders read; pure, so it can be tested. */
export function siteEnvFor(options: BuildSiteOptions): Record<string, string | undefined> {
  const defined = Object.fromEntries(Object.entries(options.config ?? {}).filter(([, v]) => v !== undefined));
  return {
    [ENV.repo]: resolve(options.repo),
    [ENV.out]: options.out ? resolve(options.out) : undefined,
    [ENV.site]: options.site,
    [ENV.base]: normalizeBase(options.base),
    [ENV.config]: Object.keys(defined).length ? JSON.stringify(defined) : undefined,
    [ENV.cacheDir]: options.cacheDir ? resolve(options.cacheDir) : process.env[ENV.cacheDir],
  };
}

/** Build the site; resolves when dist/ is written. Restores the environment afterwards. */
export async function buildSite(options: BuildSiteOptions): Promise<void> {
  const env = siteEnvFor(options);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const { build } = await import('astro');
    await build({ root: PROJECT_ROOT, logLevel: options.logLevel ?? 'info', mode: 'production' });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
