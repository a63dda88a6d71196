/**
 * Each Markdown file is parsed once per build (issue 19): the pipeline and every page that shows the
 * repository's Markdown read one parse. The parser itself is spied on, so a second parse anywhere
 * (a new reader calling renderUntrustedMarkdown on a whole file, a memo keyed on the wrong object)
 * fails here, not only one that goes through the store.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { docsFindings, repoMarkdown, repoMarkdownIn } from '../../src/lib/site/repo-markdown.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { docImages } from '../../src/pipeline/doc-assets.ts';
import { generateRepo } from '../../scripts/bench/generate.ts';

const parsed = vi.hoisted(() => [] as string[]);

vi.mock('satteri', async (importOriginal) => {
  const actual = await importOriginal<typeof import('satteri')>();
  const markdownToMdast = ((value: string, ...rest: unknown[]) => {
    parsed.push(String(value));
    return (actual.markdownToMdast as (...args: unknown[]) => unknown)(value, ...rest);
  }) as typeof actual.markdownToMdast;
  return { ...actual, markdownToMdast };
});

const HOMELAB = join(import.meta.dirname, '../../examples/homelab');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-parse-once-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What a build does with the repository's Markdown: the pipeline, then every page that shows it. */
async function build(repo: string) {
  const atlas = await computeAtlas(repo, loadConfig(repo, {}));
  // The site's Atlas is a copy with the forge URL pinned to the commit (getAtlas), and a base.
  const site = { ...atlas, config: { ...atlas.config, repoUrl: 'https://github.com/o/r/blob/0123abc/' } };
  const pages = [
    ...repoMarkdown(site, { base: '/atlas/' }).docs,
    ...repoMarkdownIn(site, site.config.runbooks, { prefix: '/runbooks/', base: '/atlas/' }).docs,
  ];
  const html = pages.map((d) => d.html);
  return { atlas, pages, html, images: docImages(site), findings: docsFindings(site) };
}

/** How many times each parsed text was parsed, for the texts parsed more than once. */
function repeats(): number[] {
  const counts = new Map<string, number>();
  for (const text of parsed) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1);
}

describe('each Markdown file is parsed once per build', () => {
  beforeEach(() => {
    parsed.length = 0;
  });

  it('the example: README, docs, a docs folder index and runbooks inside docs/, all rendered as pages', async () => {
    const { atlas, pages, html } = await build(HOMELAB);
    const files = new Set(pages.map((d) => d.file));
    expect(files).toEqual(new Set([
      'README.md', 'docs/architecture.md', 'docs/sops/README.md',
      'docs/runbooks/flux-kustomization-stuck.md', 'docs/runbooks/restore-postgres.md', 'docs/runbooks/rotate-sops-age-key.md',
    ]));
    expect(html.every((h) => h.length > 0)).toBe(true);
    expect(repeats()).toEqual([]);
    // Every doc was parsed (once), and nothing else parsed a whole file again.
    expect(parsed.length).toBe(atlas.markdown.parsed);
    expect(parsed.length).toBe(files.size);
  });

  it('a docs-heavy repository (the bench generator): links between docs, with anchors, and to manifests; runbooks read by two sections', async () => {
    const root = join(tmp, 'docs-heavy');
    generateRepo(root, { apps: 8, commits: 0, docs: { files: 12, bytes: 36_000 } });
    const docs = (readdirSync(join(root, 'docs'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
    const { atlas, pages, findings } = await build(root);
    const files = new Set(pages.map((d) => d.file));
    expect(docs.length).toBeGreaterThanOrEqual(12);
    for (const doc of docs) expect(files).toContain(doc);
    expect(files).toContain('docs/runbooks/restore-storage.md');
    // The generated links all resolve (so the link check really ran over them).
    expect(findings.filter((f) => f.code === 'BROKEN_DOC_LINK')).toEqual([]);
    expect(pages.some((d) => /href="\/atlas\/docs\/[^"]+\/#[a-z0-9-]+"/.test(d.html))).toBe(true);
    expect(repeats()).toEqual([]);
    expect(parsed.length).toBe(atlas.markdown.parsed);
    expect(parsed.length).toBe(files.size);
  });
});
