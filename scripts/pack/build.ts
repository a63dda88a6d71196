/**
 * Pack-time build (`prepack`): bundles the CLI (scripts/atlas.mjs and the src/ modules it imports)
 * into JavaScript, lib/atlas.mjs and the chunks it loads, because Node does not strip TypeScript types from files
 * under node_modules. Dependencies stay external (they are installed beside the package). The site
 * template (astro.config.mjs, src/) ships as TypeScript: Astro compiles it from a copy outside
 * node_modules (scripts/pack/site-template.ts). `--clean` (postpack) removes lib/ again so the
 * working tree stays as it was; in this repository `node scripts/atlas.mjs` needs no build step.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

if (process.argv.includes('--clean')) {
  rmSync(`${root}lib`, { recursive: true, force: true });
} else {
  // esbuild is Vite's (and so Astro's) own dependency; no extra package is needed to pack.
  const { build } = await import('esbuild');
  const result = await build({
    // The scan's parse thread (src/repo/parse-pool.ts) loads its worker by URL beside the module that
    // starts it: an entry of its own, lib/parse-worker.mjs, beside the chunks.
    entryPoints: { atlas: `${root}scripts/atlas.mjs`, 'parse-worker': `${root}src/repo/parse-worker.ts` },
    outdir: `${root}lib`,
    outExtension: { '.js': '.mjs' },
    // Each command's module stays a chunk of its own, loaded when the command runs, as in the checkout
    // (scripts/atlas.mjs imports them lazily): one file would import Starlight and the diagram renderer
    // at start-up, and `atlas scan` took 0.8 s on an empty folder instead of 0.3 s.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22.12',
    packages: 'external',
    // The entry's shebang is kept by esbuild; a banner gives bundled CommonJS helpers a require().
    banner: { js: "import { createRequire as __atlasCreateRequire } from 'node:module';\nconst require = __atlasCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
  });
  if (result.errors.length) process.exit(1);
  // The overview graph's layout worker (src/render/mermaid/layout-prefetch.ts) is loaded by URL, beside
  // the module that starts it: beside the bundle here. Plain JavaScript, it needs no compiling.
  copyFileSync(`${root}src/render/mermaid/layout-worker.mjs`, `${root}lib/layout-worker.mjs`);
  process.stderr.write(`pack: wrote ${root}lib/atlas.mjs and its chunks\n`);
}
