/**
 * The repository's own Markdown, ready for the site: the root README.md and every file under the
 * configured docs folders (`/docs/`), or any other folders (`repoMarkdownIn`, for the hand-written
 * runbooks), made safe by the one sanitising renderer (src/markdown/safe.ts), with relative links
 * pointing at doc pages, app pages, the forge or nothing, images served by /docs/_assets/, and
 * every broken link a finding with its line.
 *
 * Each file is parsed once per build (the Atlas' MarkdownStore); a section with its options (base,
 * prefix, forge URL) is made once and kept in the same store, so pages, the image endpoint and the
 * findings share it. The HTML of a doc is made by repo-markdown.ts when a page first reads it: the
 * link check and the findings (all that `atlas scan` and `atlas check` need, from this module) read
 * only the safe tree, so they do not load the HTML stack.
 */
import type { Heading, SafeMarkdown } from '../../markdown/safe.ts';
import { markdownStoreOf } from '../../markdown/store.ts';
import type { MarkdownStore } from '../../markdown/store.ts';
import type { RootContent } from 'mdast';
import { createDocLinkRewriter, resolveDocLink } from '../../markdown/links.ts';
import type { DocLinkContext } from '../../markdown/links.ts';
import { finding } from '../../markdown/types.ts';
import type { Finding, LinkRewriter } from '../../markdown/types.ts';
import { sortFindings } from '../../model/finding.ts';
import { findRoadmapPath } from '../../repo/roadmap/find.ts';
import { imageProblem, imageType, MAX_IMAGE_BYTES, readInsideRepo } from './repo-markdown-images.ts';
import { planDocs } from './repo-markdown-plan.ts';
import type { PlannedDoc, RepoMarkdownInput, Selection } from './repo-markdown-plan.ts';
import { ASSETS_SEGMENT } from './repo-markdown-slugs.ts';
import { appPath, withBase } from './urls.ts';

export type { RepoMarkdownInput } from './repo-markdown-plan.ts';

/** A doc of a section as the findings and the link check see it: the safe tree, no HTML yet. */
export interface RepoDocTree {
  /** Repo-relative POSIX path. */
  file: string;
  /** Path below the section ('' for the section's index page). */
  slug: string;
  /** Site URL with the base. */
  url: string;
  /** Front matter title, else the leading `# heading`, else the file name. */
  title: string;
  description: string | null;
  /** The safe tree the page's HTML is made from (the leading `# heading` removed when it is the title). */
  body: Pick<SafeMarkdown, 'tree' | 'text'>;
  /** Headings below the title, for the table of contents. */
  headings: Heading[];
  /** Repo-relative images the doc shows (served by /docs/_assets/). */
  images: string[];
  findings: Finding[];
}

export interface RepoMarkdownTree {
  /** Sorted by file. */
  docs: RepoDocTree[];
  /** Every image the docs show, checked and safe to serve, sorted. */
  images: string[];
  /** Every finding about these docs, sorted by file and line. */
  findings: Finding[];
}

export interface RepoMarkdownOptions {
  /** Astro's base (`import.meta.env.BASE_URL`); default `/`. */
  base?: string;
  /** Section the docs are published under; default `/docs/`. */
  prefix?: string;
}

const DOCS_PREFIX = '/docs/';
const RUNBOOKS_PREFIX = '/runbooks/';

/**
 * The /docs/ section: the root README and the docs folders, without the runbook folders inside them
 * (`docs/runbooks/` by default), whose files are published once, as runbooks under /runbooks/.
 */
function docsSelection(atlas: RepoMarkdownInput, base: string): Selection {
  return { folders: atlas.config.docs, except: atlas.config.runbooks, rootReadme: true, prefix: DOCS_PREFIX, base };
}

/** URL of a repo image on the site (the endpoint src/pages/docs/[assets]/[...path].ts). */
function docAssetPath(repoPath: string): string {
  return `${DOCS_PREFIX}${ASSETS_SEGMENT}/${repoPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** `/docs/`: the root README.md and the configured docs folders (default `docs`). */
export function repoMarkdownTree(atlas: RepoMarkdownInput, options: Pick<RepoMarkdownOptions, 'base'> = {}): RepoMarkdownTree {
  return memo(atlas, docsSelection(atlas, options.base ?? '/'));
}

/**
 * The Markdown under `folders` (e.g. `config.runbooks`), published under `options.prefix`. Links to
 * files of the /docs/ section still point at their /docs/ pages, and links to runbooks at theirs.
 */
export function repoMarkdownTreeIn(atlas: RepoMarkdownInput, folders: readonly string[], options: RepoMarkdownOptions = {}): RepoMarkdownTree {
  return memo(atlas, { folders, rootReadme: false, prefix: options.prefix ?? DOCS_PREFIX, base: options.base ?? '/' });
}

/** The page of every Markdown file the site publishes (/docs/, /runbooks/), by file: a heading of one is at `url#slug`. */
export function docPages(atlas: RepoMarkdownInput, base = '/'): Map<string, string> {
  const runbooks = planDocs(atlas, { folders: atlas.config.runbooks, rootReadme: false, prefix: RUNBOOKS_PREFIX, base }).docs;
  return new Map([...runbooks, ...planDocs(atlas, docsSelection(atlas, base)).docs].map((d) => [d.file, d.url]));
}

/** Findings of the /docs/ section and the runbook folders (broken links, bad front matter, unsafe images ...). */
export function docsFindings(atlas: RepoMarkdownInput): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of [...repoMarkdownTree(atlas).findings, ...repoMarkdownTreeIn(atlas, atlas.config.runbooks).findings]) {
    const key = JSON.stringify([f.code, f.source, f.message]);
    if (!seen.has(key)) out.push(f);
    seen.add(key);
  }
  return sortFindings(out);
}

function memo(atlas: RepoMarkdownInput, selection: Selection): RepoMarkdownTree {
  const store = markdownStoreOf(atlas);
  // What else changes the result between copies of one Atlas: the site pins the forge URL to its commit.
  const { repoUrl, docs, runbooks, roadmap } = atlas.config;
  const key = JSON.stringify([selection, repoUrl ?? null, docs, runbooks, roadmap.file ?? null]);
  return store.memo(`repo-markdown:${key}`, () => build(atlas, store, selection));
}

function build(atlas: RepoMarkdownInput, store: MarkdownStore, selection: Selection): RepoMarkdownTree {
  const plan = planDocs(atlas, selection);
  // Links from these docs may point at /docs/ pages and runbook pages too; this section's own pages win.
  const docsSection = planDocs(atlas, docsSelection(atlas, selection.base));
  const runbooks = planDocs(atlas, { folders: atlas.config.runbooks, rootReadme: false, prefix: RUNBOOKS_PREFIX, base: selection.base });
  const known = [...runbooks.docs, ...docsSection.docs, ...plan.docs];
  const ctx: Omit<DocLinkContext, 'docPath'> = {
    docUrls: new Map([...sitePages(atlas, selection.base), ...known.map((d) => [d.file, d.url] as const)]),
    appDirs: appDirs(atlas, selection.base),
    repoWebUrl: atlas.config.repoUrl,
    repoFiles: new Set(atlas.model.files.map((f) => f.path)),
    anchors: new Map(known.map((d) => [d.file, new Set(d.headings.map((h) => h.slug))])),
    assetUrl: (path) => withBase(docAssetPath(path), selection.base),
  };
  const docs = plan.docs.map((doc) => renderDoc(doc, { ...ctx, docPath: doc.file }, atlas, store));
  const images = [...new Set(docs.flatMap((d) => d.images))].sort();
  const findings = sortFindings([...plan.findings, ...docs.flatMap((d) => d.findings)]);
  return { docs, images, findings };
}

function renderDoc(doc: PlannedDoc, ctx: DocLinkContext, atlas: RepoMarkdownInput, store: MarkdownStore): RepoDocTree {
  const safe = store.safe(doc.body, doc.parsed, {
    file: doc.file,
    lineOffset: doc.lineOffset,
    linkRewriter: siteRewriter(ctx, atlas, store),
  });
  const fmTitle = text(doc.data.title);
  let title = fmTitle;
  const first = safe.headings[0];
  // The page shows the title as its <h1>; a leading `# Title` would repeat it.
  const leading = leadingH1(safe);
  const dropH1 = title === null && first !== undefined && leading !== null;
  if (dropH1) title = first.text;
  const name = doc.file.slice(doc.file.lastIndexOf('/') + 1).replace(/\.(md|mdx|markdown)$/i, '');
  return {
    file: doc.file,
    slug: doc.slug,
    url: doc.url,
    title: title ?? name,
    description: text(doc.data.description),
    body: dropH1 && safe.tree ? { text: safe.text, tree: { ...safe.tree, children: safe.tree.children.filter((c) => c !== leading) } } : { text: safe.text, tree: safe.tree },
    headings: safe.headings.filter((_h, i) => !(i === 0 && leading !== null && fmTitle === null)),
    images: safe.images,
    findings: sortFindings([...doc.findings, ...safe.findings]),
  };
}

/** The doc's leading `# heading`: the first thing it renders (definitions render nothing), or null. */
function leadingH1(safe: SafeMarkdown): RootContent | null {
  const first = safe.tree?.children.find((c) => c.type !== 'definition' && c.type !== 'footnoteDefinition');
  return first?.type === 'heading' && first.depth === 1 ? first : null;
}

/**
 * resolveDocLink's decision, made safe for a static site: broken links become findings, images are
 * checked before they are served, and relative links with nowhere to go become plain text.
 */
function siteRewriter(ctx: DocLinkContext, atlas: RepoMarkdownInput, store: MarkdownStore): LinkRewriter {
  const reportBroken = createDocLinkRewriter(ctx);
  return (url, ref) => {
    const target = resolveDocLink(url, ref.kind, ctx);
    if (target.kind === 'broken') return reportBroken(url, ref);
    if (target.kind === 'image') {
      const problem = store.memo(`doc-image:${target.image}`, () => checkImage(atlas, target.image));
      if (problem === null) return { url: target.url, image: target.image };
      return {
        url: null,
        findings: [finding('DOC_IMAGE_SKIPPED', 'warning', `Image "${url}" is not shown because ${problem}.`, ctx.docPath, ref.line, ref.col)],
      };
    }
    // `unchanged` for a path means: a repository file with no forge URL configured; no page to link.
    if (target.kind === 'unchanged' && (url.split('#')[0] ?? '').split('?')[0] !== '') return { url: null };
    return { url: target.url };
  };
}

/** Why the image cannot be served, or null. */
function checkImage(atlas: RepoMarkdownInput, path: string): string | null {
  const type = imageType(path);
  if (type === null) return 'only PNG, JPEG, GIF, WebP and SVG images are published';
  const size = atlas.model.files.find((f) => f.path === path)?.size ?? 0;
  if (size > MAX_IMAGE_BYTES) return `it is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;
  const bytes = readInsideRepo(atlas.repoRoot, path, MAX_IMAGE_BYTES);
  if (bytes === null) return 'it could not be read inside the repository';
  return imageProblem(bytes, type);
}

/** Files with a page of their own elsewhere on the site. */
function sitePages(atlas: RepoMarkdownInput, base: string): [string, string][] {
  const pages: [string, string][] = [];
  const paths = atlas.model.files.map((f) => f.path);
  if (paths.includes('CHANGELOG.md')) pages.push(['CHANGELOG.md', withBase('/changelog/', base)]);
  const roadmap = findRoadmapPath(paths, atlas.config.roadmap.file ?? null);
  if (roadmap) pages.push([roadmap, withBase('/roadmap/', base)]);
  return pages;
}

/** App folders (and the Kustomization paths inside them) -> app page. */
function appDirs(atlas: RepoMarkdownInput, base: string): Map<string, string> {
  const dirs = new Map<string, string>();
  const apps = [...atlas.model.apps].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const app of apps) if (!dirs.has(app.dir)) dirs.set(app.dir, withBase(appPath(app), base));
  for (const app of apps) {
    for (const dir of app.dirs) {
      if (dir.startsWith(`${app.dir}/`) && !dirs.has(dir)) dirs.set(dir, withBase(appPath(app), base));
    }
  }
  return dirs;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
