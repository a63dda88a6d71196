/**
 * Site URLs of the repository's own Markdown. A doc's URL is derived from its path, so it stays
 * the same from build to build and people can bookmark it:
 *   docs/architecture.md      -> architecture         (/docs/architecture/)
 *   docs/sops/README.md       -> sops                 (/docs/sops/, README and index are folder pages)
 *   README.md (repo root)     -> readme               (/docs/readme/)
 * Paths are relative to the first configured folder; files of the other folders keep the
 * folder's last segment in front (`adr/0001-flux`), so two folders rarely meet. Where two files
 * still map to one slug (`Foo.md` and `foo.md`), the file that sorts first keeps it and the others
 * get `-2`, `-3` ...: deterministic, and reported so nobody wonders why.
 */
import { finding } from '../../markdown/types.ts';
import type { Finding } from '../../markdown/types.ts';

/** First segment of the image endpoint (`/docs/_assets/...`); no doc may take it. */
export const ASSETS_SEGMENT = '_assets';

const MARKDOWN_EXT = /\.(md|mdx|markdown)$/i;
const INDEX_NAMES = new Set(['readme', 'index']);

/** The folder of `folders` that holds `file` (the longest such folder), or null. */
export function containingFolder(file: string, folders: readonly string[]): string | null {
  let best: string | null = null;
  for (const raw of folders) {
    const folder = normalizeFolder(raw);
    const inside = folder === '' || file.startsWith(`${folder}/`);
    if (inside && (best === null || folder.length > best.length)) best = folder;
  }
  return best;
}

/** `./docs/` -> `docs`; the repository root is ''. */
export function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+|\/+$/g, '').replace(/^\.$/, '');
}

/** The slug a file asks for, before collisions are resolved ('' is the section's index page). */
export function wantedSlug(file: string, folders: readonly string[]): string {
  const folder = containingFolder(file, folders);
  const first = folders.length > 0 ? normalizeFolder(folders[0] as string) : null;
  let rel: string;
  if (folder === null) rel = file; // the root README and other files outside every folder
  else {
    rel = folder === '' ? file : file.slice(folder.length + 1);
    if (folder !== first && folder !== '') rel = `${folder.slice(folder.lastIndexOf('/') + 1)}/${rel}`;
  }
  const parts = rel.replace(MARKDOWN_EXT, '').split('/').map(cleanSegment).filter((s) => s !== '');
  // A root README.md is the repository's front page, not the section's index.
  if (folder !== null && parts.length > 0 && INDEX_NAMES.has(parts[parts.length - 1] as string)) parts.pop();
  if (parts[0] === ASSETS_SEGMENT) parts[0] = 'assets-doc';
  return parts.join('/');
}

/** Lower case; anything but letters, digits, `.`, `_` and `-` becomes `-`. */
function cleanSegment(segment: string): string {
  return segment
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export interface SlugAssignment {
  /** Repo path -> slug, unique. */
  slugs: Map<string, string>;
  findings: Finding[];
}

/**
 * Unique slugs for `files`. Files are taken in a fixed order (files outside every folder last, then
 * by path in code-unit order), so the same set of files always gives the same URLs.
 */
export function assignSlugs(files: readonly string[], folders: readonly string[]): SlugAssignment {
  const order = [...files].sort((a, b) => {
    const oa = containingFolder(a, folders) === null ? 1 : 0;
    const ob = containingFolder(b, folders) === null ? 1 : 0;
    return oa - ob || (a < b ? -1 : a > b ? 1 : 0);
  });
  const taken = new Map<string, string>();
  const slugs = new Map<string, string>();
  const findings: Finding[] = [];
  for (const file of order) {
    const wanted = wantedSlug(file, folders);
    let slug = wanted;
    for (let n = 2; taken.has(slug); n += 1) slug = `${wanted === '' ? 'index' : wanted}-${n}`;
    const holder = taken.get(wanted);
    if (slug !== wanted && holder !== undefined) {
      findings.push(finding(
        'DOC_URL_COLLISION',
        'info',
        `${file} and ${holder} map to the same page; ${holder} keeps it and ${file} is published under "${slug}/". Rename one of them for a clean URL.`,
        file, 1,
      ));
    }
    taken.set(slug, file);
    slugs.set(file, slug);
  }
  return { slugs, findings };
}

/** `/docs/` + slug + `/`, each segment percent-encoded (slugs may hold non-ASCII letters). */
export function slugUrl(prefix: string, slug: string): string {
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return slug === '' ? p : `${p}${slug.split('/').map(encodeURIComponent).join('/')}/`;
}
