/**
 * Running the site build from an installed package. Astro writes `.astro/` (and caches) into its
 * root, and Node refuses to strip TypeScript types under node_modules, so an installed package
 * (perhaps read-only, e.g. a Nix store or a locked-down CI image) cannot be Astro's root. Instead
 * the site template (astro.config.mjs, src/, public/, tsconfig.json, package.json) is copied into a
 * work folder under the cache dir, with a node_modules folder of symlinks that mirrors what Node's
 * resolution would find from the package itself (its own node_modules first, then every ancestor's).
 * In a checkout of this repository the project root is used in place, as before.
 */
import { accessSync, chmodSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** What the template copy is made of; everything else in the package is not needed by Astro. */
const TEMPLATE_ENTRIES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];

/**
 * True when Astro cannot build in the package folder itself: installed under node_modules or not
 * writable; or when the caller asks for the copy (`force`, the CLI's ATLAS_COPY_TEMPLATE=1: tests
 * build as an installed package would).
 */
export function needsTemplateCopy(projectRoot: string, force = false): boolean {
  if (force) return true;
  if (projectRoot.split(sep).includes('node_modules')) return true;
  try {
    accessSync(projectRoot, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** The node_modules folder (real path) that holds the `astro` the package uses. */
export function astroModulesDir(projectRoot: string): string | null {
  for (const modules of nodeModulesChain(projectRoot)) {
    if (existsSync(join(modules, 'astro', 'package.json'))) return realpathSync(modules);
  }
  return null;
}

/**
 * Astro treats an absolute module path that shares no folder with its root but `/` as
 * root-relative (vite-plugin-utils `isPathInRoot`), so Starlight's own pages under
 * `/home/.../node_modules` cannot be found from a root in `/tmp`. The work folder must therefore
 * share at least its first path segment with the real node_modules folder.
 */
export function sharesTopFolder(a: string, b: string): boolean {
  const top = (p: string) => resolve(p).split(sep).filter(Boolean)[0] ?? '';
  return top(a) !== '' && top(a) === top(b);
}

const writable = (dir: string) => {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The cache base: `configured` (--cache-dir or ATLAS_CACHE_DIR); else `node_modules/.cache/gitops-atlas-<version>` beside the
 * installed dependencies (the find-cache-dir convention); else the OS temp dir. A configured or
 * temp folder that shares no top folder with node_modules (see sharesTopFolder) is replaced by the
 * node_modules one when that is writable, with a note saying so.
 */
export function chooseCacheBase(projectRoot: string, configuredDir?: string): { base: string; note?: string } {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const modules = astroModulesDir(projectRoot);
  const besideModules = modules && writable(modules) ? join(modules, '.cache', `gitops-atlas-${version}`) : null;
  const configured = configuredDir && configuredDir.trim() !== '' ? resolve(configuredDir) : null;
  const wanted = configured ?? besideModules ?? join(tmpdir(), `gitops-atlas-${version}`);
  if (!modules || sharesTopFolder(wanted, modules) || !besideModules) return { base: wanted };
  return {
    base: besideModules,
    note: `atlas: the cache dir ${wanted} shares no top folder with ${modules}, which Astro needs; using ${besideModules}`,
  };
}

/** node_modules folders Node would search from `from`, nearest first. */
export function nodeModulesChain(from: string): string[] {
  const chain: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = basename(dir) === 'node_modules' ? dir : join(dir, 'node_modules');
    if (existsSync(candidate) && !chain.includes(candidate)) chain.push(candidate);
    if (dirname(dir) === dir) return chain;
  }
}

/** Map of package name -> folder, nearest node_modules winning; dot entries (.bin, .vite, .astro) left out. */
function collectPackages(chain: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const modules of chain) {
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const sub of readdirSync(join(modules, entry))) {
          const name = `${entry}/${sub}`;
          if (!found.has(name)) found.set(name, join(modules, entry, sub));
        }
      } else if (!found.has(entry)) {
        found.set(entry, join(modules, entry));
      }
    }
  }
  return found;
}

/**
 * Fresh copy of the template in `<cacheBase>/site` (wiped first: stale content-layer data from
 * another repository must not leak into this build). Returns the folder to use as Astro's root.
 */
export function prepareSiteRoot(projectRoot: string, cacheBase: string): string {
  const work = join(cacheBase, 'site');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const entry of TEMPLATE_ENTRIES) {
    const from = join(projectRoot, entry);
    if (existsSync(from)) cpSync(from, join(work, entry), { recursive: true });
  }
  // cpSync keeps the source's modes: a read-only install would give a copy we cannot wipe next time.
  makeWritable(work);
  const modules = join(work, 'node_modules');
  mkdirSync(modules);
  for (const [name, target] of collectPackages(nodeModulesChain(projectRoot))) {
    if (name === 'gitops-atlas') continue;
    if (name.includes('/')) mkdirSync(join(modules, name.split('/')[0]!), { recursive: true });
    symlinkSync(target, join(modules, name), 'dir');
  }
  return work;
}

function makeWritable(path: string): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  chmodSync(path, stat.mode | 0o200);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}
