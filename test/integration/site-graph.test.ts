/**
 * What Vite transforms and bundles for the site must not include the pipeline: the Atlas is computed
 * natively (src/integration/atlas-provider.ts, registered by the integration or the CLI) and the
 * content layer and pages only read it (src/loaders/atlas-data.ts). When a loader or page imported
 * computeAtlas, Vite transformed the ~200 modules of the scan and analyses in the content layer and
 * again in the prerender bundle, about 1.5 s of a 10 s build of the largest corpus repository.
 *
 * The module graph is taken with esbuild (its metafile lists every module a bundle reads), from
 * src/content.config.ts, every page endpoint and every TypeScript module an .astro file imports for
 * its value (type-only imports are erased before Vite sees them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}

/** TypeScript modules imported for their value by the .astro files (frontmatter `import ... from './x.ts'`). */
function astroValueImports(): string[] {
  const out = new Set<string>();
  for (const file of [...files('src/pages', '.astro'), ...files('src/components', '.astro')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\s)([^;]*?)\s+from\s+'(\.[^']+\.ts)';?$/gms)) {
      out.add(relative(ROOT, resolve(ROOT, dirname(file), m[2]!)));
    }
  }
  return [...out];
}

async function siteModules(entryPoints: string[]): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: 'out',
    packages: 'external',
    external: ['astro:*', 'virtual:*', '*.astro'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/'));
}

/** Modules only the computing side may load: the pipeline's entry, the scan, the analyses' entry. */
const COMPUTING_SIDE = ['src/pipeline/atlas.ts', 'src/repo/scan.ts', 'src/repo/build/model.ts', 'src/analysis/index.ts', 'src/integration/atlas-provider.ts'];
/** Analyses whose results the Atlas carries: a page reads them, it does not run them again. */
const RUN_BY_THE_PIPELINE = ['src/analysis/runbooks/index.ts', 'src/analysis/health/index.ts', 'src/analysis/roadmap/check-roadmap.ts'];

describe('the modules Vite loads for the site', () => {
  it('the content layer reads the Atlas and imports none of the pipeline', async () => {
    const modules = await siteModules(['src/content.config.ts']);
    expect(modules).toContain('src/loaders/atlas-data.ts');
    expect(modules.filter((m) => COMPUTING_SIDE.includes(m))).toEqual([]);
  });

  it('the pages and components import none of the pipeline', async () => {
    const endpoints = files('src/pages', '.ts').filter((f) => !f.split('/').pop()!.startsWith('_'));
    const entries = [...new Set([...endpoints, ...astroValueImports()])];
    expect(entries).toContain('src/loaders/docs-data.ts');
    const modules = await siteModules(entries);
    expect(modules).toContain('src/loaders/atlas-data.ts');
    expect(modules.filter((m) => COMPUTING_SIDE.includes(m) || RUN_BY_THE_PIPELINE.includes(m))).toEqual([]);
  });

  it('the computing side is what the integration loads', async () => {
    const modules = await siteModules(['src/integration/atlas-integration.ts']);
    expect(modules).toEqual(expect.arrayContaining(['src/integration/atlas-provider.ts', 'src/pipeline/atlas.ts', 'src/repo/scan.ts']));
  });
});
