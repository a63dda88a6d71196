#!/usr/bin/env node
/**
 * GitOps Atlas command line (`node scripts/atlas.ts <command>`; the commands are in scripts/cli.ts).
 *
 * This file only turns Node's compile cache on and then loads the CLI. A module's static imports are
 * all loaded, and their TypeScript stripped and compiled, before its first line runs: had this file
 * imported the CLI statically, the cache would have been on too late for the CLI's own module graph
 * (arguments, config schema, zod, commander), which was compiled afresh on every run.
 */
import './compile-cache.ts';

await import('./cli.ts');
