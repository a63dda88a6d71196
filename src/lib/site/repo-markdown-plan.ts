/**
 * The first pass over the repository's own Markdown: which files are published, under which URL,
 * with which front matter, and which headings (anchors) each has. Links can only be checked once
 * every doc's URL and headings are known, so rendering is a second pass (repo-markdown.ts).
 */
import type { AtlasConfig } from '../../config/schema.ts';
import { splitFrontMatter } from '../../markdown/front-matter.ts';
import { checkMarkers, stripGenerated } from '../../markdown/markers.ts';
import { renderUntrustedMarkdown } from '../../markdown/safe.ts';
import type { Heading } from '../../markdown/safe.ts';
import { finding } from '../../markdown/types.ts';
import type { Finding } from '../../markdown/types.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { readInsideRepo } from './repo-markdown-images.ts';
import { assignSlugs, containingFolder, normalizeFolder, slugUrl } from './repo-markdown-slugs.ts';
import { withBase } from './urls.ts';

/** What reading the docs needs of the Atlas (getAtlas() returns a superset). */
export interface RepoMarkdownInput {
  model: Pick<RepoModel, 'files' | 'apps'>;
  config: Pick<AtlasConfig, 'docs' | 'runbooks' | 'repoUrl' | 'roadmap'>;
  repoRoot: string;
}

/** Largest Markdown file published; larger ones get a finding instead of a page. */
export const MAX_DOC_BYTES = 1024 * 1024;

export interface PlannedDoc {
  /** Repo-relative POSIX path. */
  file: string;
  /** Path below the section ('' for its index page). */
  slug: string;
  /** Site URL with the base, e.g. `/docs/architecture/`. */
  url: string;
  /** Front matter (`{}` when absent or invalid). */
  data: Record<string, unknown>;
  /** Markdown after the front matter, generated blocks blanked out (lines keep their numbers). */
  body: string;
  /** Lines before `body` in the file. */
  lineOffset: number;
  /** Headings of `body` (for `#fragment` checks and the table of contents). */
  headings: Heading[];
  /** Front matter and marker findings. */
  findings: Finding[];
}

export interface DocPlan {
  docs: PlannedDoc[];
  /** Files that could not be published (unreadable, too large) and slug collisions. */
  findings: Finding[];
}

export interface Selection {
  folders: readonly string[];
  /** Publish the repository's root README.md too. */
  rootReadme: boolean;
  /** URL of the section, e.g. `/docs/`. */
  prefix: string;
  /** Astro's base (`import.meta.env.BASE_URL`). */
  base: string;
}

const MARKDOWN_EXT = /\.(md|mdx|markdown)$/i;
const ROOT_README = /^readme\.(md|mdx|markdown)$/i;

/** The Markdown files a selection publishes, sorted by path. */
export function selectFiles(files: RepoModel['files'], selection: Pick<Selection, 'folders' | 'rootReadme'>): string[] {
  const folders = selection.folders.map(normalizeFolder);
  return files
    .filter((f) => f.kind === 'markdown' || MARKDOWN_EXT.test(f.path))
    .map((f) => f.path)
    .filter((p) => containingFolder(p, folders) !== null || (selection.rootReadme && ROOT_README.test(p)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads, splits and slugs every selected file; never throws. */
export function planDocs(input: RepoMarkdownInput, selection: Selection): DocPlan {
  const findings: Finding[] = [];
  const sizes = new Map(input.model.files.map((f) => [f.path, f.size]));
  const read: Omit<PlannedDoc, 'slug' | 'url'>[] = [];
  for (const file of selectFiles(input.model.files, selection)) {
    if ((sizes.get(file) ?? 0) > MAX_DOC_BYTES) {
      findings.push(finding('DOC_TOO_LARGE', 'warning', `${file} is larger than ${MAX_DOC_BYTES / 1024} KB and is not published; split it into smaller documents.`, file, 1));
      continue;
    }
    const bytes = readInsideRepo(input.repoRoot, file, MAX_DOC_BYTES);
    if (bytes === null) {
      findings.push(finding('DOC_UNREADABLE', 'warning', `${file} could not be read (missing, too large, or a link that leaves the repository); it is not published.`, file, 1));
      continue;
    }
    const text = bytes.toString('utf8');
    const split = splitFrontMatter(text, file);
    if (split.data.draft === true) continue;
    const body = stripGenerated(split.body, { preserveLines: true });
    // Headings only: no rewriter, so no link findings from this pass.
    const { headings } = renderUntrustedMarkdown(body, { file, lineOffset: split.bodyLine - 1 });
    read.push({
      file,
      data: split.data,
      body,
      lineOffset: split.bodyLine - 1,
      headings,
      findings: [...split.findings, ...checkMarkers(text, file)],
    });
  }
  const { slugs, findings: slugFindings } = assignSlugs(read.map((d) => d.file), selection.folders.map(normalizeFolder));
  for (const f of slugFindings) findings.push(f);
  const docs = read.map((d) => {
    const slug = slugs.get(d.file) ?? '';
    return { ...d, slug, url: withBase(slugUrl(selection.prefix, slug), selection.base) };
  });
  return { docs, findings };
}
