/**
 * The repository's own Markdown for the /docs/ pages and the image endpoint: a thin layer over
 * the one memoised scan (getAtlas) and repoMarkdown, which is memoised per scan, so every page
 * of a build shares one rendering of each doc.
 */
import type { Finding } from '../model/finding.ts';
import { docsFindings, repoMarkdown, repoMarkdownIn } from '../lib/site/repo-markdown.ts';
import type { RepoMarkdown, RepoMarkdownInput } from '../lib/site/repo-markdown.ts';
import { imageProblem, imageType, MAX_IMAGE_BYTES, readInsideRepo } from '../lib/site/repo-markdown-images.ts';
import { getAtlas } from './atlas-data.ts';

export { docsFindings } from '../lib/site/repo-markdown.ts';

/** The /docs/ section: root README.md and the docs folders, links carrying Astro's `base`. */
export async function getRepoDocs(base: string): Promise<RepoMarkdown> {
  return repoMarkdown(await getAtlas(), { base });
}

/** Findings of the docs and runbook folders, for the findings collection. */
export async function getDocsFindings(): Promise<Finding[]> {
  return docsFindings(await getAtlas());
}

/** Every image shown by the docs or the hand-written runbooks (both link to /docs/_assets/). */
export function docImages(atlas: RepoMarkdownInput): string[] {
  const all = new Set([...repoMarkdown(atlas).images, ...repoMarkdownIn(atlas, atlas.config.runbooks).images]);
  return [...all].sort();
}

export interface DocAsset {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
}

/**
 * The bytes of one image the docs show, checked again as they are read (the file may have
 * changed since the docs were rendered, in dev). Null for anything not in `docImages`.
 */
export function readDocAsset(atlas: RepoMarkdownInput, path: string): DocAsset | null {
  if (!docImages(atlas).includes(path)) return null;
  const type = imageType(path);
  const bytes = type ? readInsideRepo(atlas.repoRoot, path, MAX_IMAGE_BYTES) : null;
  if (type === null || bytes === null || imageProblem(bytes, type) !== null) return null;
  return { bytes: new Uint8Array(bytes), type };
}

/** `getStaticPaths` of the image endpoint. */
export async function docAssetPaths(): Promise<{ params: { assets: string; path: string } }[]> {
  const atlas = await getAtlas();
  return docImages(atlas).map((path) => ({ params: { assets: '_assets', path } }));
}
