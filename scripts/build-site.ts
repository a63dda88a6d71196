/**
 * Builds the site for a repository with Astro's programmatic build(). The Astro project is this
 * package (src/); its config is astroConfigFor (src/integration/astro-config.ts), passed inline with
 * `configFile: false`, and the GitOps Atlas integration in it hands the repository and configuration
 * overrides to the loaders and pages through a virtual module. Nothing is passed through process.env.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findPrivateAddresses, maskPrivateHtml, nfsPaths, privacyCheck } from '../src/analysis/privacy.ts';
import { type AtlasSettings, definedOverrides, type SiteSettings } from '../src/integration/settings.ts';
import { takeBuildLock } from './build-lock.ts';
import { chooseCacheBase, needsTemplateCopy, prepareSiteRoot } from './pack/site-template.ts';
import { missingAppPages } from '../src/lib/site/missing-pages.ts';
import type { Atlas } from '../src/pipeline/atlas.ts';

export interface BuildSiteOptions {
  /** The GitOps repository to document. */
  repo: string;
  /** Output folder (default: dist/ of this project). */
  out?: string | undefined;
  /** Public site URL, e.g. https://me.github.io. */
  site?: string | undefined;
  /** Base path, e.g. /home-ops. */
  base?: string | undefined;
  /** Configuration overrides from flags, in the shape of atlas.config.yaml (title, repoUrl, noindex ...). */
  config?: Record<string, unknown>;
  /** Astro's cache folder; put it outside the package for read-only installs. Default: Astro's own. */
  cacheDir?: string | undefined;
  /** Build from a copy of the site template as an installed package does, even in a checkout (tests). */
  copyTemplate?: boolean;
  /** Astro's log level (the CLI's --quiet maps to 'error'). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The site's settings for a build from `root`; pure, so it can be tested. Paths are made absolute
 * here, because the build runs in another working directory (buildCwd).
 */
export function siteSettingsFor(options: BuildSiteOptions, root: string): SiteSettings {
  return {
    root,
    repo: resolve(options.repo),
    overrides: definedOverrides(options.config),
    outDir: options.out ? resolve(options.out) : resolve(root, 'dist'),
    site: options.site,
    base: options.base,
    cacheDir: options.cacheDir ? resolve(options.cacheDir) : undefined,
    // A build reads every file once; only `astro dev` keeps a read cache between scans.
    devCache: false,
  };
}

/** The part of the site's settings that names its Atlas (what the integration hands the site). */
export function atlasSettingsOf(settings: SiteSettings): AtlasSettings {
  return { repo: settings.repo, overrides: definedOverrides(settings.overrides), devCache: settings.devCache ?? false };
}

/** Names Vite gives import.meta.env itself; inherited from the caller, Astro lets them override Vite's. */
const VITE_BUILT_INS = ['DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL'] as const;

/**
 * Inherited variables that would make the build a dev-flavoured site (no search, dev-only markup,
 * or the wrong base path). Vite decides "production" from the process's NODE_ENV alone (its
 * resolveConfig sets `isProduction` to NODE_ENV being 'production'; no config option can say
 * otherwise), and Astro's env loader copies every variable of the process into import.meta.env
 * (astro/dist/env/env-loader.js), where a DEV, PROD, SSR, MODE or BASE_URL left by the caller
 * (vitest sets them) wins over Vite's own. An unset NODE_ENV is fine: Astro's build() defaults it.
 */
export function leakedBuildEnv(env: NodeJS.ProcessEnv): string[] {
  const leaked: string[] = VITE_BUILT_INS.filter((k) => env[k] !== undefined);
  if (env.NODE_ENV && env.NODE_ENV !== 'production') leaked.unshift('NODE_ENV');
  return leaked;
}

/** A copy of `env` for a production build: NODE_ENV=production, none of Vite's built-in names. */
export function productionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production' };
  for (const k of VITE_BUILT_INS) delete clean[k];
  return clean;
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
 * Build the site; resolves with the Atlas the build used when dist/ is written. From an installed
 * package, Astro runs on a copy of the site template in the cache dir (see
 * scripts/pack/site-template.ts), so nothing is written into the package folder. The caller's
 * environment must not make the build dev-flavoured (leakedBuildEnv): the CLI re-runs itself
 * without those variables (scripts/commands/build.ts) rather than change its own process.env.
 */
export async function buildSite(options: BuildSiteOptions): Promise<Atlas> {
  const leaked = leakedBuildEnv(process.env);
  if (leaked.length > 0) throw new Error(`${leaked.join(', ')} in the environment would give a development build of the site; unset them (NODE_ENV may be production)`);
  const copy = needsTemplateCopy(PROJECT_ROOT, options.copyTemplate);
  const chosen = copy ? chooseCacheBase(PROJECT_ROOT, options.cacheDir) : null;
  if (chosen?.note) process.stderr.write(`${chosen.note}\n`);
  // One build at a time per site root, before anything is written there: Astro's and Vite's files
  // are shared (scripts/build-lock.ts). The lock lives beside the checkout's own caches, or in the
  // cache base of an installed package.
  const release = await takeBuildLock(chosen ? chosen.base : join(PROJECT_ROOT, 'node_modules', '.cache', 'gitops-atlas'), (pid) => {
    process.stderr.write(`atlas: another atlas build (pid ${pid}) is using the same site folder; waiting for it to finish\n`);
  });
  const savedCwd = process.cwd();
  try {
    let root = PROJECT_ROOT;
    let cacheDir = options.cacheDir;
    let out = options.out;
    if (chosen) {
      root = prepareSiteRoot(PROJECT_ROOT, chosen.base);
      cacheDir = join(chosen.base, 'astro');
      // The template's default output (its own dist/) would vanish with the copy: default to ./dist.
      out ??= resolve('dist');
    }
    const settings = siteSettingsFor({ ...options, out, cacheDir }, root);
    const cwd = buildCwd(root, settings.outDir);
    mkdirSync(cwd, { recursive: true });
    process.chdir(cwd);
    // Start the scan now, in this process's own (native) copy of the pipeline: Astro spends the next
    // seconds loading its config, optimising dependencies and transforming the content layer's modules,
    // with the event loop mostly idle, and the loaders then find this scan in the registry
    // (atlas-data.ts, keyed on the same settings) instead of starting it. A failed scan is dropped
    // from the registry, so the loader that asks for it next runs it again and reports the error.
    const { siteAtlas } = await import('../src/integration/atlas-provider.ts');
    siteAtlas(atlasSettingsOf(settings)).catch(() => undefined);
    await quietAstroTelemetry();
    // Astro, Starlight and the config are loaded after the scan has started (not by a static
    // import of this module), so the scan runs beside their loading instead of after it.
    const [{ build }, { astroConfigFor }] = await Promise.all([import('astro'), import('../src/integration/astro-config.ts')]);
    await build({ ...astroConfigFor(settings), configFile: false, mode: 'production', logLevel: options.logLevel ?? 'info' });
    return await afterBuild(settings, options.logLevel ?? 'info');
  } finally {
    process.chdir(savedCwd);
    release();
  }
}

/**
 * Astro's telemetry is on unless switched off, and its notice is shown only by the `astro` command,
 * never by this programmatic build: a user of atlas would send Astro events about each build (the
 * config's shape, the OS, the CI, a hash of the checkout's first commit) without being told. Astro
 * has no option for it but its ASTRO_TELEMETRY_DISABLED variable, which its telemetry object reads
 * from its own `env` (the process's environment by default): that object is handed a copy that says
 * so, and the process's environment is left as it is. A caller's own setting wins. Should a later
 * Astro move the object, telemetry stays as Astro has it (test/site-build/out-dir.test.ts says so).
 */
async function quietAstroTelemetry(): Promise<void> {
  try {
    const events = new URL('./events/index.js', import.meta.resolve('astro')).href;
    const { telemetry } = (await import(events)) as { telemetry?: { env?: NodeJS.ProcessEnv } };
    if (telemetry && typeof telemetry === 'object') telemetry.env = { ...process.env, ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED ?? '1' };
  } catch {
    // Not where this Astro keeps it: nothing to switch off here.
  }
}

/**
 * Public or private (src/analysis/privacy.ts): warn, file:line, when a public site would show
 * private addresses; with `maskPrivate`, mask them in every written page and rebuild the search
 * index so that Pagefind's excerpts do not keep what the pages no longer show.
 */
async function afterBuild(settings: SiteSettings, logLevel: NonNullable<BuildSiteOptions['logLevel']>): Promise<Atlas> {
  const { outDir } = settings;
  // The same memoised scan the build used: the registry is keyed on the settings (atlas-data.ts).
  const { siteAtlas } = await import('../src/integration/atlas-provider.ts');
  const atlas = await siteAtlas(atlasSettingsOf(settings));
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
