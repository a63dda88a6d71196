/**
 * Images that the repository's docs reference, served by the site from the repository's bytes.
 * The bytes are published under our domain, so they are checked first: only raster formats whose
 * content matches their extension, and SVG only without scripts or event handlers (an SVG opened
 * directly in a browser is a document that runs its `<script>`). Reads never leave the
 * repository: a symlink to /etc/passwd named `logo.png` is refused.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { svgAllowlistProblem } from './svg-allowlist.ts';

/** Largest image copied to the site. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** The MIME type served for a repo path, or null when the extension is not an allowed image. */
export function imageType(path: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext ? (TYPES[ext] ?? null) : null;
}

/** Why these bytes must not be served as `type`, or null when they may. */
export function imageProblem(bytes: Uint8Array, type: string): string | null {
  if (bytes.length > MAX_IMAGE_BYTES) return `it is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47) ? null : 'its content is not a PNG image';
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff) ? null : 'its content is not a JPEG image';
    case 'image/gif':
      return starts(0x47, 0x49, 0x46, 0x38) ? null : 'its content is not a GIF image';
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && ascii(bytes, 8, 12) === 'WEBP' ? null : 'its content is not a WebP image';
    case 'image/svg+xml': {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return 'it is not UTF-8 text (an SVG in another encoding is not checked, so not served)';
      }
      return svgProblem(text);
    }
    default:
      return 'it is not an image type the site serves';
  }
}

/**
 * SVG is XML that a browser runs like a page when opened directly. Refuse anything that could
 * execute: first a quick look at the text (script elements, on* event attributes, javascript:
 * URLs, embedded HTML), then the document as an XML parser reads it, against an allowlist of
 * elements and attributes by namespace (svg-allowlist.ts: prefixes, entities, DOCTYPE).
 */
export function svgProblem(text: string): string | null {
  if (!/<(?:[\w.-]+:)?svg[\s>]/i.test(text)) return 'its content is not an SVG image';
  if (/<script[\s>/]/i.test(text)) return 'it contains a <script> element';
  if (/[\s"'/]on[a-z]+\s*=/i.test(text)) return 'it contains an event handler attribute (on...=)';
  if (/javascript\s*:/i.test(text) || /data\s*:\s*text\/html/i.test(text)) return 'it contains a javascript: or HTML data URL';
  if (/<(foreignObject|iframe|embed|object)[\s>/]/i.test(text)) return 'it embeds HTML content';
  return svgAllowlistProblem(text);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, to)).toString('latin1');
}

/**
 * Reads a repo-relative file if its real path stays inside the repository and it is at most
 * `maxBytes` long; null otherwise (missing, a symlink out of the repository, too large).
 */
export function readInsideRepo(repoRoot: string, path: string, maxBytes: number): Buffer | null {
  try {
    const root = realpathSync(repoRoot);
    const real = realpathSync(join(repoRoot, path));
    if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
    const stats = statSync(real);
    if (!stats.isFile() || stats.size > maxBytes) return null;
    return readFileSync(real);
  } catch {
    return null;
  }
}
