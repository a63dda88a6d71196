/**
 * The repository's own Markdown for the /docs/ pages and the image endpoint: a thin layer over
 * the one memoised atlas (getAtlas) and repoMarkdown, which is memoised per atlas, so every page
 * of a build shares one rendering of each doc.
 */
import { repoMarkdown, type RepoMarkdown } from '../lib/site/repo-markdown.ts';
import { docImages, readDocAsset, type DocAsset } from '../pipeline/doc-assets.ts';
import { getAtlas } from './atlas-data.ts';

/** The /docs/ section: root README.md and the docs folders, links carrying Astro's `base`. */
export async function getRepoDocs(base: string): Promise<RepoMarkdown> {
  return repoMarkdown(await getAtlas(), { base });
}

/** One image of the site's repository that the docs show, or null (see readDocAsset). */
export async function getDocAsset(path: string): Promise<DocAsset | null> {
  return readDocAsset(await getAtlas(), path);
}

/** `getStaticPaths` of the image endpoint. */
export async function docAssetPaths(): Promise<{ params: { assets: string; path: string } }[]> {
  const atlas = await getAtlas();
  return docImages(atlas).map((path) => ({ params: { assets: '_assets', path } }));
}
