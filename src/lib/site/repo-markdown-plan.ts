/**
 * The first pass over the repository's own Markdown: which files are published, under which URL,
 * with which front matter, and which headings (anchors) each has. Links can only be checked once
 * every doc's URL and headings are known, so rendering is a second pass (repo-markdown.ts).
 */
import type { AtlasConfig } from '../../config/schema.ts';
import { splitFrontMatter } from '../../markdown/front-matter.ts';
import { checkMarkers, stripGenerated } from '../../markdown/markers.ts';
import type { Heading, ParsedMarkdown } from '../../markdown/safe.ts';
import { markdownStoreOf } from '../../markdown/store.ts';
import type { MarkdownStore } from '../../markdown/store.ts';
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
  /** The build's Markdown parses (computeAtlas makes one); without it one is kept per input object. */
  markdown?: MarkdownStore;
}

/** Largest Markdown file published; larger ones get a finding instead of a page. */
const MAX_DOC_BYTES = 1024 * 1024;

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
  /** The one parse of `body` (shared by every section and render of this file). */
  parsed: ParsedMarkdown;
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
  /** Folders inside `folders` whose files another section publishes (the runbooks' under /docs/). */
  except?: readonly string[];
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
function selectFiles(files: RepoModel['files'], selection: Pick<Selection, 'folders' | 'rootReadme' | 'except'>): string[] {
  const folders = selection.folders.map(normalizeFolder);
  const except = (selection.except ?? []).map(normalizeFolder).filter((f) => f !== '');
  return files
    .filter((f) => f.kind === 'markdown' || MARKDOWN_EXT.test(f.path))
    .map((f) => f.path)
    .filter((p) => containingFolder(p, folders) !== null || (selection.rootReadme && ROOT_README.test(p)))
    .filter((p) => containingFolder(p, except) === null)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

type ReadDoc = Omit<PlannedDoc, 'slug' | 'url'>;

/**
 * Reads, splits and slugs every selected file; never throws. Each file is read and parsed once per
 * store however many sections list it (a runbook folder inside docs/ is in both).
 */
export function planDocs(input: RepoMarkdownInput, selection: Selection): DocPlan {
  const store = markdownStoreOf(input);
  return store.memo(`doc-plan:${JSON.stringify(selection)}`, () => plan(input, store, selection));
}

function plan(input: RepoMarkdownInput, store: MarkdownStore, selection: Selection): DocPlan {
  const findings: Finding[] = [];
  const read: ReadDoc[] = [];
  for (const file of selectFiles(input.model.files, selection)) {
    const doc = store.memo(`doc-file:${file}`, () => readDoc(input, store, file));
    if ('problem' in doc) findings.push(doc.problem);
    else if (doc.doc) read.push(doc.doc);
  }
  const { slugs, findings: slugFindings } = assignSlugs(read.map((d) => d.file), selection.folders.map(normalizeFolder));
  for (const f of slugFindings) findings.push(f);
  const docs = read.map((d) => {
    const slug = slugs.get(d.file) ?? '';
    return { ...d, slug, url: withBase(slugUrl(selection.prefix, slug), selection.base) };
  });
  return { docs, findings };
}

/**
 * One Markdown file of the repository as every section reads it (the same memo: read and parsed
 * once per store, whichever reader comes first); null for a draft or a file that cannot be read.
 */
export function repoDoc(input: RepoMarkdownInput, file: string): ReadDoc | null {
  const store = markdownStoreOf(input);
  const doc = store.memo(`doc-file:${file}`, () => readDoc(input, store, file));
  return 'problem' in doc ? null : doc.doc;
}

/** One file read, split and parsed: a doc, a problem, or nothing (a draft). */
function readDoc(input: RepoMarkdownInput, store: MarkdownStore, file: string): { doc: ReadDoc | null } | { problem: Finding } {
  const sizes = store.memo('file-sizes', () => new Map(input.model.files.map((f) => [f.path, f.size])));
  if ((sizes.get(file) ?? 0) > MAX_DOC_BYTES) {
    return { problem: finding('DOC_TOO_LARGE', 'warning', `${file} is larger than ${MAX_DOC_BYTES / 1024} KB and is not published; split it into smaller documents.`, file, 1) };
  }
  const bytes = readInsideRepo(input.repoRoot, file, MAX_DOC_BYTES);
  if (bytes === null) {
    return { problem: finding('DOC_UNREADABLE', 'warning', `${file} could not be read (missing, too large, or a link that leaves the repository); it is not published.`, file, 1) };
  }
  const text = bytes.toString('utf8');
  const split = splitFrontMatter(text, file);
  if (split.data.draft === true) return { doc: null };
  const body = stripGenerated(split.body, { preserveLines: true });
  const parsed = store.parse(body);
  // Headings only: no rewriter, so no link findings from this pass.
  const { headings } = store.safe(body, parsed, { file, lineOffset: split.bodyLine - 1 });
  return {
    doc: {
      file,
      data: split.data,
      body,
      lineOffset: split.bodyLine - 1,
      parsed,
      headings,
      findings: [...split.findings, ...checkMarkers(text, file)],
    },
  };
}
