// The YAML parse worker of a large scan (src/repo/parse-pool.ts): reads and parses the files it is
// sent, as the scan's own thread does, on the machine's second core. Plain JavaScript so that it can
// turn Node's compile cache on (in the directory the starting thread uses, from workerData) before the
// TypeScript modules load, as scripts/atlas.mjs does for the CLI; the package bundles it (scripts/pack).
import module from 'node:module';
import { workerData } from 'node:worker_threads';

try {
  const dir = workerData?.compileCacheDir;
  if (typeof dir === 'string') module.enableCompileCache?.(dir);
} catch {
  // A read-only or missing folder: run without the cache.
}

await import('./parse-worker-main.ts');
