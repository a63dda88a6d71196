/**
 * The documented variables of `astro dev` / `npm run dev` (ATLAS_REPO=../home-ops npm run dev):
 * astro.config.mjs, the command-line edge, reads them here and passes what it read to
 * astroConfigFor (src/integration/astro-config.ts) as explicit settings. Read only: nothing in
 * src/ or scripts/ writes process.env; `atlas build` passes its settings to Astro inline.
 */
import { isAbsolute, resolve } from 'node:path';

const ENV = {
  /** The GitOps repository to document (default: examples/homelab under the project root). */
  repo: 'ATLAS_REPO',
  /** Output folder (default dist/ under the project root). */
  out: 'ATLAS_OUT',
  site: 'ATLAS_SITE',
  base: 'ATLAS_BASE',
  /** JSON object of configuration overrides from CLI flags (title, repoUrl, noindex, ...). */
  config: 'ATLAS_CONFIG_JSON',
  /** Astro's cacheDir, outside the package folder for read-only installs. */
  cacheDir: 'ATLAS_CACHE_DIR',
} as const;

export interface SiteEnv {
  repo: string;
  out: string;
  site: string | undefined;
  base: string | undefined;
  overrides: Record<string, unknown>;
  cacheDir: string | undefined;
}

const nonEmpty = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v : undefined);

/** Read the environment; relative paths resolve against `projectRoot` for defaults and cwd for user input. */
export function readSiteEnv(projectRoot: string, env: NodeJS.ProcessEnv = process.env): SiteEnv {
  const repo = nonEmpty(env[ENV.repo]);
  const out = nonEmpty(env[ENV.out]);
  const cacheDir = nonEmpty(env[ENV.cacheDir]);
  let overrides: Record<string, unknown> = {};
  const raw = nonEmpty(env[ENV.config]);
  if (raw) {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) overrides = parsed as Record<string, unknown>;
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(p));
  return {
    repo: repo ? abs(repo) : resolve(projectRoot, 'examples/homelab'),
    out: out ? abs(out) : resolve(projectRoot, 'dist'),
    site: nonEmpty(env[ENV.site]),
    base: nonEmpty(env[ENV.base]),
    overrides,
    cacheDir: cacheDir ? abs(cacheDir) : undefined,
  };
}

/** `/path` with a leading slash and no trailing one ('' for the root), as Astro's `base` expects. */
export function normalizeBase(base: string | undefined): string | undefined {
  if (!base) return undefined;
  const trimmed = base.trim().replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
