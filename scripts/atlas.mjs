#!/usr/bin/env node
/**
 * GitOps Atlas command line (`node scripts/atlas.mjs <command>`; the commands are in scripts/cli.ts).
 *
 * This file turns Node's on-disk compile cache on (node:module enableCompileCache) and then loads the
 * CLI. From the second run on, Node reuses the stripped TypeScript and V8 code of our modules and of
 * node_modules instead of parsing them again (on the wrmilling corpus `atlas scan --json` spends
 * about 0.5 s less CPU). Two things about where it is done:
 * - A module's static imports are all loaded, and their TypeScript stripped and compiled, before its
 *   first line runs, so the CLI is imported after the cache is on, not statically.
 * - This file is plain JavaScript: had the entry been TypeScript, Node would strip its types before
 *   the cache is on, and loading the type stripper (a WebAssembly build of swc) costs ~40-60 ms of
 *   every run, which nothing after it needs once every other module comes from the cache.
 *
 * In a checkout the cache lives in node_modules/.cache/gitops-atlas/ (where build tools keep theirs),
 * not in the OS temp folder: a CLI run leaves nothing in the user's temp folder. The installed package
 * (one bundled file, scripts/pack) writes nothing into its own folder or anywhere else: there Node's
 * own NODE_COMPILE_CACHE variable turns a cache on. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const OWN = fileURLToPath(new URL('../node_modules/.cache/gitops-atlas/node-compile-cache', import.meta.url));
/** This file itself, not the package's bundle of it (whose URL is lib/atlas.mjs). */
const CHECKOUT = import.meta.url.endsWith('/scripts/atlas.mjs');

try {
  if (CHECKOUT && !process.env.NODE_COMPILE_CACHE) module.enableCompileCache?.(OWN);
} catch {
  // A read-only or missing folder: run without the cache.
}

// In a checkout, the commands that read a repository (scan, check, export, diff, build) run from a
// bundle with a V8 code cache made after a run (scripts/launch/bundled.mjs: ~130 ms less per `atlas
// check` on a docs-heavy repository, ~120 ms on a small one; for `build`, our pipeline loads from it and
// Astro from node_modules as before). `--debug` runs the sources, whose stack traces then name our
// files and lines; ATLAS_NO_BUNDLE=1 and NODE_DISABLE_COMPILE_CACHE=1 say no.
// (Imported by URL, so that the package's bundler, scripts/pack, does not take the launcher in.)
const args = process.argv.slice(2);
let bundled = false;
if (CHECKOUT && !args.includes('--debug') && !process.env.ATLAS_NO_BUNDLE && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  const { BUNDLED_COMMANDS, runBundled } = await import(new URL('./launch/bundled.mjs', import.meta.url).href);
  const command = args.find((a) => BUNDLED_COMMANDS.has(a));
  if (command !== undefined && BUNDLED_COMMANDS.has(command)) bundled = await runBundled(fileURLToPath(new URL('..', import.meta.url)), command);
}
if (!bundled) await import('./cli.ts');
