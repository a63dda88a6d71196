/**
 * Node's on-disk compile cache (node:module enableCompileCache): from the second run on, Node reuses
 * the stripped TypeScript and V8 code of our modules and of node_modules instead of parsing them
 * again. Imported first by scripts/atlas.ts, so every module a command loads (they are imported when
 * the command runs) is cached. On the wrmilling corpus `atlas scan --json` spends about 0.5 s less
 * CPU (2.6-2.9 s -> 2.15-2.3 s user time).
 *
 * The cache lives beside the package, in node_modules/.cache/gitops-atlas/ (where build tools keep
 * theirs), not in the OS temp folder: a CLI run leaves nothing in the user's temp folder. A
 * NODE_COMPILE_CACHE folder is used instead when set; NODE_DISABLE_COMPILE_CACHE=1 turns it off; a
 * read-only install runs without it.
 */
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const OWN = fileURLToPath(new URL('../node_modules/.cache/gitops-atlas/node-compile-cache', import.meta.url));

try {
  module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE ? undefined : OWN);
} catch {
  // A read-only or missing folder: run without the cache.
}
