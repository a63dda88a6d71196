/**
 * The repository's Markdown as the site's pages read it: the sections of repo-markdown-core.ts, each
 * doc with its sanitised HTML, made on first read (safe-html.ts). Pages and exports import this
 * module; the pipeline (findings, images, runbook slugs) imports the core, which has no HTML.
 */
import { safeHtml } from '../../markdown/safe-html.ts';
import { type RepoDocTree, type RepoMarkdownInput, type RepoMarkdownOptions, type RepoMarkdownTree, repoMarkdownTree, repoMarkdownTreeIn } from './repo-markdown-core.ts';

export { docsFindings } from './repo-markdown-core.ts';
export type { RepoMarkdownInput, RepoMarkdownOptions } from './repo-markdown-core.ts';

export interface RepoDoc extends RepoDocTree {
  /** Sanitised HTML (the leading `# heading` removed when it is the title), made on first read. */
  readonly html: string;
}

export interface RepoMarkdown extends Omit<RepoMarkdownTree, 'docs'> {
  /** Sorted by file. */
  docs: RepoDoc[];
}

/** One section with HTML per tree section, so that every read of a section gives the same objects. */
const withHtml = new WeakMap<RepoMarkdownTree, RepoMarkdown>();

function pages(section: RepoMarkdownTree): RepoMarkdown {
  let out = withHtml.get(section);
  if (!out) {
    out = {
      ...section,
      docs: section.docs.map((doc) => {
        let html: string | undefined;
        return {
          ...doc,
          get html(): string {
            html ??= safeHtml(doc.body);
            return html;
          },
        };
      }),
    };
    withHtml.set(section, out);
  }
  return out;
}

/** `/docs/`: the root README.md and the configured docs folders (default `docs`). */
export function repoMarkdown(atlas: RepoMarkdownInput, options: Pick<RepoMarkdownOptions, 'base'> = {}): RepoMarkdown {
  return pages(repoMarkdownTree(atlas, options));
}

/**
 * The Markdown under `folders` (e.g. `config.runbooks`), published under `options.prefix`. Links to
 * files of the /docs/ section still point at their /docs/ pages.
 */
export function repoMarkdownIn(atlas: RepoMarkdownInput, folders: readonly string[], options: RepoMarkdownOptions = {}): RepoMarkdown {
  return pages(repoMarkdownTreeIn(atlas, folders, options));
}
