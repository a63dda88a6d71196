/**
 * Builds the site for a repository with Astro's programmatic build(). The Astro project is this
 * package (astro.config.mjs, src/); the user's repository, output folder, URL and configuration
 * overrides reach astro.config.mjs and the loaders through the environment (src/lib/site/site-env.ts).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPrivateAddresses, maskPrivateHtml, nfsPaths, privacyCheck } from '../src/analysis/privacy.ts';
import { ENV, normalizeBase, readSiteEnv } from '../src/lib/site/site-env.ts';
import { chooseCacheBase, needsTemplateCopy, prepareSiteRoot } from './pack/site-template.ts';
import { missingAppPages } from '../src/lib/site/missing-pages.ts';
import type { Atlas } from '../src/pipeline/atlas.ts';

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
  // Absolute, because the build runs in another working directory (buildCwd).
  const inherited = process.env[ENV.cacheDir]?.trim() || undefined;
  return {
    [ENV.repo]: resolve(options.repo),
    [ENV.out]: options.out ? resolve(options.out) : undefined,
    [ENV.site]: options.site,
    [ENV.base]: normalizeBase(options.base),
    [ENV.config]: Object.keys(defined).length ? JSON.stringify(defined) : undefined,
    [ENV.cacheDir]: options.cacheDir ? resolve(options.cacheDir) : inherited ? resolve(inherited) : undefined,
  };
}

/** True when `path` is `folder` or inside it, by path segments (`/a/b-site` is not inside `/a/b`). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * The working directory for Astro's build. Astro writes the prerender chunks (which import the site's
 * dependencies by bare name) into `<outDir>/.prerender/` when the outDir's path *string* starts with
 * process.cwd(), else into `<cwd>/.astro/.prerender/` (astro/dist/core/build/common.js,
 * getOutDirWithinCwd). The chunks resolve their imports from where they are, so they must sit under
 * the site root, beside its node_modules: an output folder outside the root whose path happened to
 * start with the cwd (a sibling `<project>-site`, or `site/` under the user's repository) gave
 * ERR_MODULE_NOT_FOUND. So the build runs in the root when the output is inside it (by path
 * segments), else in `<root>/.astro`, whose path no outside folder can start with.
 */
export function buildCwd(root: string, outDir: string): string {
  return isInside(outDir, root) ? resolve(root) : join(resolve(root), '.astro');
}

/**
 * Build the site; resolves when dist/ is written. Restores the environment afterwards. From an
 * installed package, Astro runs on a copy of the site template in the cache dir (see
 * scripts/pack/site-template.ts), so nothing is written into the package folder.
 */
export async function buildSite(options: BuildSiteOptions): Promise<Atlas> {
  const env = siteEnvFor(options);
  let root = PROJECT_ROOT;
  if (needsTemplateCopy(PROJECT_ROOT)) {
    const chosen = chooseCacheBase(PROJECT_ROOT, { ...process.env, [ENV.cacheDir]: env[ENV.cacheDir] });
    if (chosen.note) process.stderr.write(`${chosen.note}\n`);
    const cacheBase = chosen.base;
    root = prepareSiteRoot(PROJECT_ROOT, cacheBase);
    env[ENV.cacheDir] = join(cacheBase, 'astro');
    // The template's default output (its own dist/) would vanish with the copy: default to ./dist.
    env[ENV.out] ??= resolve('dist');
  }
  // A NODE_ENV of 'test' or 'development' inherited from the caller (vitest sets 'test') makes Vite
  // build a dev-flavoured site: no search, dev-only markup. The CLI always builds for production.
  env.NODE_ENV = 'production';
  // Vite's import.meta.env takes DEV, PROD, SSR, MODE and BASE_URL from process.env when set (vitest
  // sets DEV=1 and BASE_URL=/): a stray one would give a dev-mode site or the wrong base path.
  for (const key of ['DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL']) env[key] = undefined;
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const outDir = readSiteEnv(root).out;
  const cwd = buildCwd(root, outDir);
  mkdirSync(cwd, { recursive: true });
  const savedCwd = process.cwd();
  process.chdir(cwd);
  try {
    const { build } = await import('astro');
    await build({ root, logLevel: options.logLevel ?? 'info', mode: 'production' });
    return await afterBuild(outDir, options.logLevel ?? 'info');
  } finally {
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Public or private (src/analysis/privacy.ts): warn, file:line, when a public site would show
 * private addresses; with `maskPrivate`, mask them in every written page and rebuild the search
 * index so that Pagefind's excerpts do not keep what the pages no longer show.
 */
async function afterBuild(outDir: string, logLevel: NonNullable<BuildSiteOptions['logLevel']>): Promise<Atlas> {
  // The same memoised scan the build used (the environment is still set).
  const { getAtlas } = await import('../src/loaders/atlas-data.ts');
  const atlas = await getAtlas();
  const { config, model } = atlas;
  const missing = missingAppPages(outDir, model.apps);
  if (missing.length > 0) {
    throw new Error(`${missing.length} app page(s) were not written (two routes collided?): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }
  if (logLevel !== 'silent') {
    for (const f of privacyCheck(model, { site: config.site, maskPrivate: config.maskPrivate })) {
      process.stderr.write(`atlas: warning ${f.code} ${f.source.file}:${f.source.line}: ${f.message}\n`);
    }
  }
  if (!config.maskPrivate) return atlas;
  const paths = nfsPaths(findPrivateAddresses(model));
  let changed = 0;
  for (const file of textFiles(outDir)) {
    const before = readFileSync(file, 'utf8');
    const after = maskPrivateHtml(before, paths);
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  if (changed > 0) await reindex(outDir);
  if (logLevel === 'info' || logLevel === 'debug') process.stderr.write(`atlas: masked private addresses in ${changed} files\n`);
  return atlas;
}

/** Pages and feeds in dist/; Pagefind's index (rebuilt) and hashed assets (ours, not the repo's) are skipped. */
function textFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(html|xml|txt|json|svg|md)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .filter((f) => !/^(pagefind|_astro)\//.test(relative(dir, f).split('\\').join('/')))
    .sort();
}

/** Rebuild dist/pagefind/ as Starlight does (same options), with Starlight's own copy of Pagefind. */
async function reindex(outDir: string): Promise<void> {
  const pagefind = await loadPagefind();
  try {
    const { index } = await pagefind.createIndex();
    if (!index) throw new Error('Pagefind did not start');
    const added = await index.addDirectory({ path: outDir });
    // Stale fragments (content-hashed names) of the unmasked pages would stay beside the new ones.
    rmSync(join(outDir, 'pagefind'), { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    const errors = [...added.errors, ...written.errors];
    if (errors.length) throw new Error(`Pagefind: ${errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

/** Pagefind is Starlight's dependency: hoisted beside us under npm, else inside Starlight's node_modules. */
async function loadPagefind(): Promise<typeof import('pagefind')> {
  try {
    return await import('pagefind');
  } catch {
    const starlight = fileURLToPath(import.meta.resolve('@astrojs/starlight'));
    const nested = resolve(starlight, '../../node_modules/pagefind/lib/index.js');
    return (await import(pathToFileURL(nested).href)) as typeof import('pagefind');
  }
}
