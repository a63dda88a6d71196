/**
 * The images the repository's Markdown shows (docs and hand-written runbooks both link to
 * /docs/_assets/), and the reading of one of them, checked again as it is read.
 */
import { repoMarkdownTree, repoMarkdownTreeIn } from '../lib/site/repo-markdown-core.ts';
import type { RepoMarkdownInput } from '../lib/site/repo-markdown-core.ts';
import { imageProblem, imageType, MAX_IMAGE_BYTES, readInsideRepo } from '../lib/site/repo-markdown-images.ts';

/** Every image shown by the docs or the hand-written runbooks, sorted. */
export function docImages(atlas: RepoMarkdownInput): string[] {
  const all = new Set([...repoMarkdownTree(atlas).images, ...repoMarkdownTreeIn(atlas, atlas.config.runbooks).images]);
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
