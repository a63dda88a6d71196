/**
 * The checkout's fast start, build side: bundles the CLI (scripts/cli.ts and what it imports, our
 * modules and the pure-JavaScript dependencies) into one CommonJS file that scripts/launch/bundled.mjs
 * runs through a V8 code cache. Called by the launcher when the bundle is missing or one of its
 * inputs changed; never by the installed package (which ships its own bundle, scripts/pack).
 *
 * - `import.meta.url`, `.dirname` and `.filename` are replaced, per module, by the module's own
 *   location, so a module finds its files (a worker, package.json) from the bundle as from its source;
 *   `import.meta.resolve(x)` by the launcher's resolver given that location (bundled.mjs).
 * - Left out and loaded by Node at run time: the site build's packages (astro, Starlight, Vite,
 *   Pagefind, the diagram renderer and its ELK layout, 2 MB: only `atlas build` uses them) and
 *   satteri, whose Markdown parser is a native addon. A dynamic `import()` of one stays as it is; a
 *   static import becomes a `require` of the file the package's `import` condition names (esmOnlyPlugin).
 * - The list of inputs with their size and modification time is written beside the bundle: a change
 *   to any of them (an edit, `npm install`) makes the launcher build again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** What the launcher reads: the files the bundle was made from, each with its size and mtime. */
interface BundleInputs {
  /** Node's version at build time: a bundle targets the Node it was built for. */
  node: string;
  /**
   * A hash of the bundle's text, in its file name and its code cache's: V8 checks a cache against
   * the length of the source only, so a cache must never meet another bundle of the same length.
   */
  id: string;
  inputs: [path: string, size: number, mtimeMs: number][];
}

/** Loaded by Node, not bundled (see the header). */
const EXTERNAL = ['astro', 'astro/*', '@astrojs/*', 'vite', 'virtual:*', 'pagefind', 'beautiful-mermaid', 'elkjs', 'satteri'];

/** Replaces `import.meta.url|dirname|filename` by the module's own location (a JSON string). */
function importMetaPlugin(): Plugin {
  return {
    name: 'atlas-import-meta',
    setup(b) {
      b.onLoad({ filter: /\.(m?[jt]s|[cm]ts)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const url = JSON.stringify(pathToFileURL(args.path).href);
        const contents = text
          // (A CommonJS bundle has no import.meta: the launcher resolves as this module would, bundled.mjs.)
          .replaceAll('import.meta.resolve(', `globalThis[Symbol.for('gitops-atlas.resolve')](${url}, `)
          .replaceAll('import.meta.url', url)
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Packages left out (EXTERNAL) that a module imports statically: the CommonJS bundle turns that import
 * into a `require`, and Node's require of an ES module resolves the package by its `require` condition,
 * which an ES-module-only package (beautiful-mermaid) does not have. So the `require` names the file the
 * `import` condition gives, by its absolute path (the bundle is this checkout's own, and is built again
 * when a file it was made from moves or changes). A dynamic `import()` stays as it is.
 */
function esmOnlyPlugin(): Plugin {
  const names = new RegExp(`^(${EXTERNAL.map((e) => e.replace(/[.]/g, '\\.').replace('/*', '(/.*)?').replace('*', '.*')).join('|')})$`);
  return {
    name: 'atlas-esm-only',
    setup(b) {
      b.onResolve({ filter: names }, (args) => {
        if (args.kind !== 'import-statement' || args.path.startsWith('virtual:')) return undefined;
        try {
          // This checkout's node_modules, as the bundled module would find them.
          return { path: fileURLToPath(import.meta.resolve(args.path)), namespace: 'esm-only' };
        } catch {
          return undefined;
        }
      });
      // The importer is an ES module of a `"type": "module"` package, so esbuild takes module.exports as
      // its default import (Node's rule) and its properties as the named ones: module.exports is the
      // default export where that is all the module has (Starlight's integration), else the namespace
      // Node's require gives (named imports: beautiful-mermaid, satteri).
      b.onLoad({ filter: /.*/, namespace: 'esm-only' }, (args) => ({ contents: `const ns = require(${JSON.stringify(args.path)}); module.exports = Object.keys(ns).every((k) => k === 'default' || k === '__esModule') && ns.default !== undefined ? ns.default : ns;`, loader: 'js' }));
      b.onResolve({ filter: /.*/, namespace: 'esm-only' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/**
 * Bundle `entry` into `<dir>/cli-<id>.cjs`, then write `inputsFile` naming it (each written under a
 * temporary name and renamed: a reader that finds the list finds the bundle it names), then remove
 * the bundles and caches of earlier builds.
 */
export async function buildBundle(entry: string, dir: string, inputsFile: string): Promise<void> {
  const root = resolve(dirname(entry), '..');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    external: EXTERNAL,
    plugins: [importMetaPlugin(), esmOnlyPlugin()],
    metafile: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild wrote no bundle');
  const id = createHash('sha256').update(out.contents).digest('hex').slice(0, 16);
  const bundle = join(dir, `cli-${id}.cjs`);
  writeAtomic(bundle, out.contents);
  const inputs: BundleInputs = {
    node: process.version,
    id,
    // (This file too: a change to how the bundle is made builds it again.)
    inputs: [...Object.keys(result.metafile.inputs), fileURLToPath(import.meta.url)]
      // A left-out package's file that a `require` names (esmOnlyPlugin): an upgrade that moves it builds again.
      .map((p) => (p.startsWith('esm-only:') ? p.slice('esm-only:'.length) : p))
      .filter((p) => !p.includes(':'))
      .map((p) => {
        const abs = resolve(root, p);
        const s = statSync(abs);
        return [abs, s.size, s.mtimeMs];
      }),
  };
  writeAtomic(inputsFile, JSON.stringify(inputs));
  for (const name of readdirSync(dir)) {
    if (/^cli-[0-9a-f]+\.(cjs|code-cache|json)$/.test(name) && !name.startsWith(`cli-${id}.`)) rmSync(join(dir, name), { force: true });
  }
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
