/**
 * The checkout's fast start, run side: `atlas scan`, `check`, `export` and `diff` run from one bundle
 * of the CLI (scripts/launch/build-bundle.ts) through a V8 code cache made *after* a run, so it holds
 * the bytecode of every function the run compiled. Node's own compile cache (turned on in
 * scripts/atlas.mjs) is made when a module is compiled, before it runs, so it keeps the top level of
 * each module and V8 compiles every function again, lazily, in every process: on the docs-heavy bench
 * repository that and loading ~460 modules one by one was ~150 ms of a ~700 ms `atlas scan`.
 *
 * Everything lives in node_modules/.cache/gitops-atlas/cli/ (where the compile cache is):
 * - inputs.json: the files the bundle was made from, with their size and mtime, and the bundle's id
 *   (a hash of its text). When a file differs (an edit, `npm install`) or Node's version changed, the
 *   bundle is built again first (esbuild, a devDependency: without it, this returns false and the
 *   sources run as before). One process builds at a time (build.lock).
 * - cli-<id>.cjs, the bundle; cli-<id>.code-cache, V8's cache of it; cli-<id>.json, the commands whose
 *   runs made that cache. A run of a command not in the list (or a cache V8 rejects) writes it again
 *   when the process exits, so a cache made by `scan` gains what `export` needs on the first `export`.
 * Files are written under a temporary name and renamed, so concurrent runs never read half a file.
 * This is plain JavaScript for the reason scripts/atlas.mjs is: no TypeScript stripper on a warm start.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';

/** A build lock older than this was left by a build that did not finish. */
const LOCK_STALE_MS = 60_000;

/**
 * The commands that run from the bundle: all but `serve` and the like. `build` too: its pipeline (our ~200
 * modules) loads from the bundle, Astro and the site's pages as before (a 46-page site: ~0.1 s less).
 */
export const BUNDLED_COMMANDS = new Set(['scan', 'check', 'export', 'diff', 'build']);

/**
 * The cache folder, its input list, and the files of the build with this id (the bundle's hash: its
 * code cache is named by it too, because V8 checks a cache against the source's length only).
 * @param {string} root the checkout
 * @param {string} [id]
 */
function bundlePaths(root, id = '') {
  const dir = join(root, 'node_modules/.cache/gitops-atlas/cli');
  return { dir, inputs: join(dir, 'inputs.json'), bundle: join(dir, `cli-${id}.cjs`), code: join(dir, `cli-${id}.code-cache`), covered: join(dir, `cli-${id}.json`) };
}

/**
 * The id of the bundle when it exists and was made from the files as they are now, by this Node;
 * else null.
 * @param {string} inputsFile
 * @param {string} entry this checkout's scripts/cli.ts
 * @returns {string | null}
 */
function freshBundleId(inputsFile, entry) {
  let list;
  try {
    list = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return null;
  }
  if (list?.node !== process.version || typeof list.id !== 'string' || !/^[0-9a-f]+$/.test(list.id) || !Array.isArray(list.inputs) || list.inputs.length === 0) return null;
  // Made by the builder as it is now (build-bundle.ts lists itself): a bundle of an older builder is built again.
  if (!list.inputs.some((/** @type {unknown[]} */ i) => typeof i[0] === 'string' && i[0].endsWith('/scripts/launch/build-bundle.ts'))) return null;
  // Made from this checkout: two checkouts that share one node_modules (a git worktree beside the main
  // one, node_modules linked) share this cache folder too, and each list is fresh for its own files.
  if (!list.inputs.some((/** @type {unknown[]} */ i) => i[0] === entry)) return null;
  for (const [path, size, mtimeMs] of list.inputs) {
    let s;
    try {
      s = statSync(path);
    } catch {
      return null;
    }
    if (s.size !== size || s.mtimeMs !== mtimeMs) return null;
  }
  return list.id;
}

/** @param {string} file @param {string | Uint8Array} data */
function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * Run the CLI from the bundle for `command`; false when the bundle cannot be had (no esbuild, a build
 * error, a read-only folder): the caller then runs the sources.
 * @param {string} root the checkout
 * @param {string} command the command being run (keys the code cache's coverage)
 * @returns {Promise<boolean>}
 */
export async function runBundled(root, command) {
  const { dir, inputs } = bundlePaths(root);
  const entry = join(root, 'scripts/cli.ts');
  let id = freshBundleId(inputs, entry);
  if (id === null) {
    // One process builds; one that finds another building runs the sources this time instead of
    // waiting (many CLI runs start at once in a test suite after an edit).
    const lock = join(dir, 'build.lock');
    let fd = null;
    try {
      mkdirSync(dir, { recursive: true });
      try {
        fd = openSync(lock, 'wx');
      } catch {
        // A lock left by a killed build is older than any build takes.
        if (Date.now() - statSync(lock).mtimeMs < LOCK_STALE_MS) return false;
        rmSync(lock, { force: true });
        fd = openSync(lock, 'wx');
      }
      const { buildBundle } = await import('./build-bundle.ts');
      await buildBundle(entry, dir, inputs);
      id = freshBundleId(inputs, entry);
    } catch {
      return false;
    } finally {
      if (fd !== null) {
        closeSync(fd);
        rmSync(lock, { force: true });
      }
    }
    if (id === null) return false;
  }
  const p = bundlePaths(root, id);
  let source;
  try {
    source = readFileSync(p.bundle, 'utf8');
  } catch {
    return false;
  }
  let cachedData;
  let covered = [];
  try {
    cachedData = readFileSync(p.code);
    covered = JSON.parse(readFileSync(p.covered, 'utf8'));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: p.bundle,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const accepted = cachedData !== undefined && !script.cachedDataRejected && Array.isArray(covered);
  if (!accepted || !covered.includes(command)) {
    const next = accepted ? [...covered, command] : [command];
    process.on('exit', () => {
      try {
        writeAtomic(p.code, script.createCachedData());
        writeAtomic(p.covered, JSON.stringify(next));
      } catch {
        // A cache: a run that cannot write it is only slower next time.
      }
    });
  }
  // The bundle's own `import()` of what it leaves out (Astro, Pagefind, for `build`) goes through the main
  // context's loader, which Node marks experimental with a warning on stderr at the first use.
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    if (String(/** @type {Error} */ (warning)?.message ?? warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    return emitWarning.call(process, warning, ...rest);
  };
  // import.meta.resolve of a bundled module (build-bundle.ts): a relative specifier against the module's
  // own location, a package by Node's ES-module resolution from this checkout (the `import` condition,
  // as the module itself would; require.resolve would not find Starlight).
  /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('gitops-atlas.resolve')] = (/** @type {string} */ parent, /** @type {string} */ specifier) =>
    /^(\.{1,2}\/|\/|file:)/.test(specifier) ? new URL(specifier, parent).href : import.meta.resolve(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(p.bundle), module, p.bundle, p.dir);
  return true;
}
