/**
 * The baseline of figure 2: a plain Starlight site with the same number of pages as ours, each of
 * about the same HTML size, built with the same Astro (this project's node_modules; the baseline lives under .bench/).
 * Its sidebar is a handful of links, like ours past 60 apps (src/lib/site/sidebar.ts), so the
 * comparison is of page count and size, not of sidebar strategies.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOk, PROJECT_ROOT, runChild, siteSize, tempDir, type ChildRun } from './measure.ts';

const PARAGRAPH =
  'The controller reconciles the release every hour and retries three times before it gives up. ' +
  'Its values come from the chart defaults, the inline values and the ConfigMap generated next to it. ';

/** Markdown of roughly `bytes` bytes: headings, paragraphs, a table and a code block, repeated. */
export function pageMarkdown(title: string, bytes: number): string {
  const head = `---\ntitle: ${title}\n---\n\n`;
  const chunks: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const chunk =
      `## Section ${i + 1}\n\n${PARAGRAPH}${PARAGRAPH}\n\n` +
      `| key | value | source |\n|---|---|---|\n| image | ghcr.io/example/app-${i} | helmrelease.yaml:${12 + i} |\n| chart | app-template 4.${i % 5}.0 | ocirepository.yaml:14 |\n\n` +
      '```yaml\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n```\n\n';
    chunks.push(chunk);
    size += chunk.length;
  }
  return head + chunks.join('');
}

function writeProject(dir: string, pages: number, mdBytes: (i: number) => number): void {
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src/content/docs/p'), { recursive: true });
  // The dependencies must be declared: Vite crawls them to bundle Starlight (virtual modules) for SSR.
  const own = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const dependencies = { astro: own.dependencies.astro, '@astrojs/starlight': own.dependencies['@astrojs/starlight'] };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'starlight-baseline', type: 'module', private: true, dependencies }, null, 2) + '\n');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export default defineConfig({
  cacheDir: process.env.BASELINE_CACHE_DIR,
  integrations: [starlight({
    title: 'Baseline',
    pagefind: true,
    lastUpdated: false,
    pagination: false,
    credits: false,
    sidebar: ['Overview', 'Apps', 'Namespaces', 'Secrets', 'Graph', 'Changelog', 'Roadmap', 'Health', 'Runbooks', 'Docs'].map((label) => ({ label, link: '/' })),
  })],
});
`,
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  );
  writeFileSync(join(dir, 'src/content/docs/index.md'), pageMarkdown('Home', mdBytes(0)));
  // index.md and Starlight's 404 page count as pages too.
  for (let i = 1; i < pages - 1; i++) writeFileSync(join(dir, `src/content/docs/p/page-${String(i).padStart(5, '0')}.md`), pageMarkdown(`Page ${i}`, mdBytes(i)));
}

async function build(dir: string): Promise<ChildRun> {
  const cache = join(dir, '.cache');
  rmSync(cache, { recursive: true, force: true });
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  rmSync(join(dir, '.astro'), { recursive: true, force: true });
  return ensureOk(
    await runChild(process.execPath, [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
      cwd: dir,
      env: { NODE_ENV: 'production', BASELINE_CACHE_DIR: cache },
    }),
    'Starlight baseline build',
  );
}

export interface Baseline {
  dir: string;
  /** Markdown bytes a page gets, calibrated to reach the target HTML size. */
  mdBytes: number;
  /** HTML bytes a page costs without content (Starlight's chrome) and per Markdown byte. */
  chrome: number;
  perMdByte: number;
}

/**
 * Calibrate: build 3 small and 3 large pages, fit html = chrome + k * markdown, and solve for the
 * Markdown size that gives `targetHtmlBytes` per page.
 */
export async function prepareBaseline(pages: number, targetHtmlBytes: number): Promise<Baseline> {
  const dir = tempDir('starlight');
  const small = 1_000;
  const large = 20_000;
  writeProject(dir, 8, (i) => (i % 2 ? large : small));
  await build(dir);
  const sizes = readdirSync(join(dir, 'dist/p')).map((name) => {
    const html = siteSize(join(dir, 'dist/p', name)).htmlBytes;
    return { large: Number(name.slice(5)) % 2 === 1, html };
  });
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hs = avg(sizes.filter((s) => !s.large).map((s) => s.html));
  const hl = avg(sizes.filter((s) => s.large).map((s) => s.html));
  const perMdByte = (hl - hs) / (large - small);
  const chrome = hs - perMdByte * small;
  const mdBytes = Math.max(200, Math.round((targetHtmlBytes - chrome) / perMdByte));
  writeProject(dir, pages, () => mdBytes);
  return { dir, mdBytes, chrome: Math.round(chrome), perMdByte };
}

export async function buildBaseline(b: Baseline): Promise<ChildRun & { size: ReturnType<typeof siteSize> }> {
  const run = await build(b.dir);
  return { ...run, size: siteSize(join(b.dir, 'dist')) };
}
