/**
 * Relative links in the repository's own Markdown, rewritten for the site. A doc written for
 * GitHub links to `./other.md`, `../../kubernetes/apps/db/pg/` or `../app/helmrelease.yaml`;
 * on the site those must point at the doc's page, the app's page, or the file on the forge.
 * Paths resolve the way GitHub resolves them: relative to the doc's folder, and a leading `/`
 * means the repository root. Anything that cannot resolve is a BROKEN_DOC_LINK finding with
 * its line, and the link becomes plain text rather than a 404.
 */
import { posix } from 'node:path';
import { finding } from './types.ts';
import { safeHref } from './escape.ts';
import type { LinkRewrite, LinkRewriter, LinkRef } from './types.ts';

export interface DocLinkContext {
  /** Repo-relative POSIX path of the doc being rendered, e.g. `docs/runbooks/restore.md`. */
  docPath: string;
  /** Published docs: repo-relative Markdown path -> site URL. */
  docUrls: ReadonlyMap<string, string>;
  /** App folders: repo-relative folder (no trailing slash) -> app page URL. */
  appDirs?: ReadonlyMap<string, string>;
  /** The forge's file URL prefix, e.g. `https://github.com/o/r/blob/main/`; files not on the site link there. */
  repoWebUrl?: string;
  /** Every repo-relative file; when given, links to files and folders that do not exist are reported. */
  repoFiles?: ReadonlySet<string>;
  /** Heading slugs of published docs (repo path -> slugs); when given, `#fragments` are checked. */
  anchors?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Site URL of a copied image; without it the image keeps its relative URL. */
  assetUrl?: (repoPath: string) => string;
}

export type DocLinkTarget =
  | { kind: 'external' | 'anchor' | 'doc' | 'app' | 'repo-file' | 'unchanged'; url: string }
  | { kind: 'image'; url: string; image: string }
  | { kind: 'broken'; url: string | null; reason: string };

const MARKDOWN_RE = /\.(md|mdx|markdown)$/i;
const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;

/** Decides where one link or image of the doc should point. Pure; never throws. */
export function resolveDocLink(href: string, kind: LinkRef['kind'], ctx: DocLinkContext): DocLinkTarget {
  if (SCHEME_RE.test(href) || href.startsWith('//')) return { kind: 'external', url: href };
  const [beforeHash, ...hashParts] = href.split('#');
  const fragment = hashParts.length > 0 ? hashParts.join('#') : undefined;
  const [pathPart = '', query] = (beforeHash ?? '').split('?');

  if (pathPart === '') {
    if (fragment === undefined || fragment === '') return { kind: 'unchanged', url: href };
    return checkAnchor(ctx.docPath, fragment, { kind: 'anchor', url: href }, ctx);
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { kind: 'broken', url: null, reason: 'its path is not valid percent-encoding' };
  }
  const target = resolvePath(ctx.docPath, decoded);
  if (target === null) return { kind: 'broken', url: null, reason: 'it points outside the repository' };
  const hash = fragment !== undefined ? `#${fragment}` : '';

  if (kind === 'image') {
    if (ctx.repoFiles && !ctx.repoFiles.has(target)) {
      return { kind: 'broken', url: null, reason: `the image ${target} does not exist` };
    }
    return { kind: 'image', url: ctx.assetUrl ? ctx.assetUrl(target) : href, image: target };
  }

  const docUrl = ctx.docUrls.get(target);
  if (docUrl !== undefined) {
    return checkAnchor(target, fragment, { kind: 'doc', url: docUrl + hash }, ctx);
  }
  const appUrl = ctx.appDirs?.get(target);
  if (appUrl !== undefined) return { kind: 'app', url: appUrl + hash };
  for (const index of ['README.md', 'readme.md', 'index.md']) {
    const indexPath = target === '' ? index : `${target}/${index}`;
    const url = ctx.docUrls.get(indexPath);
    if (url !== undefined) return checkAnchor(indexPath, fragment, { kind: 'doc', url: url + hash }, ctx);
  }

  const exists = ctx.repoFiles ? ctx.repoFiles.has(target) || dirExists(ctx.repoFiles, target) : undefined;
  if (exists === false || (exists === undefined && MARKDOWN_RE.test(target))) {
    const what = MARKDOWN_RE.test(target) ? 'document' : 'file or folder';
    return { kind: 'broken', url: null, reason: `the ${what} ${target || '/'} does not exist${exists === undefined ? ' among the published docs' : ''}` };
  }
  if (ctx.repoWebUrl && safeHref(ctx.repoWebUrl)) {
    const base = ctx.repoWebUrl.endsWith('/') ? ctx.repoWebUrl : `${ctx.repoWebUrl}/`;
    const encoded = target.split('/').map(encodeURIComponent).join('/');
    return { kind: 'repo-file', url: base + encoded + (query !== undefined ? `?${query}` : '') + hash };
  }
  return { kind: 'unchanged', url: href };
}

/** A LinkRewriter for renderUntrustedMarkdown that turns broken links into findings. */
export function createDocLinkRewriter(ctx: DocLinkContext): LinkRewriter {
  return (url, ref): LinkRewrite => {
    const target = resolveDocLink(url, ref.kind, ctx);
    if (target.kind === 'image') return { url: target.url, image: target.image };
    if (target.kind !== 'broken') return { url: target.url };
    const what = ref.kind === 'image' ? 'Image' : 'Link';
    return {
      url: target.url,
      findings: [finding(
        'BROKEN_DOC_LINK',
        'warning',
        `${what} "${url}" is broken: ${target.reason}. Fix the path or remove the ${ref.kind}.`,
        ctx.docPath, ref.line, ref.col,
      )],
    };
  };
}

/** Resolves `href` against the doc's folder; a leading `/` is the repo root. Null when it escapes the repo. */
function resolvePath(docPath: string, href: string): string | null {
  const base = href.startsWith('/') ? '' : posix.dirname(docPath);
  const joined = posix.normalize(posix.join('/', base === '.' ? '' : base, href));
  // Normalising against a leading '/' clamps '..' at the root; detect escapes separately.
  let depth = base === '.' || base === '' ? 0 : base.split('/').length;
  for (const segment of href.split('/')) {
    if (segment === '..') depth -= 1;
    else if (segment !== '.' && segment !== '') depth += 1;
    if (depth < 0) return null;
  }
  return joined.replace(/^\/+/, '').replace(/\/+$/, '');
}

function checkAnchor(
  repoPath: string,
  fragment: string | undefined,
  ok: DocLinkTarget,
  ctx: DocLinkContext,
): DocLinkTarget {
  const slugs = ctx.anchors?.get(repoPath);
  if (!slugs || fragment === undefined || fragment === '') return ok;
  let slug = fragment;
  try {
    slug = decodeURIComponent(fragment);
  } catch {
    // keep the raw fragment
  }
  if (slugs.has(slug) || slugs.has(slug.toLowerCase())) return ok;
  return { kind: 'broken', url: ok.url, reason: `${repoPath} has no heading "#${fragment}"` };
}

const dirCache = new WeakMap<ReadonlySet<string>, Set<string>>();

function dirExists(files: ReadonlySet<string>, dir: string): boolean {
  let dirs = dirCache.get(files);
  if (!dirs) {
    dirs = new Set(['']);
    for (const file of files) {
      const parts = file.split('/');
      for (let i = 1; i < parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
    }
    dirCache.set(files, dirs);
  }
  return dirs.has(dir);
}
