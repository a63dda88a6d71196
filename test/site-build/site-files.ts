/**
 * Reading a built site as files: every HTML page, the links and assets a page refers to, the
 * sidebar's links, and where a site path lands on disk. Shared by the link check (no browser) and
 * the browser suite (which visits what the sidebar links to, rather than a hard-coded list).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/** Every file under `dir`, as POSIX paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .sort();
}

export const htmlFiles = (dir: string): string[] => listFiles(dir).filter((f) => f.endsWith('.html'));

const decodeEntities = (s: string) =>
  s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export interface Ref {
  attr: string;
  value: string;
}

/** href, src, srcset and poster values in the page, outside inline scripts (whose strings are not links). */
export function refsIn(html: string): Ref[] {
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) => m.slice(0, m.indexOf('>') + 1));
  const refs: Ref[] = [];
  for (const m of markup.matchAll(/\s(href|src|srcset|poster)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const raw = decodeEntities(m[3] ?? m[4] ?? '');
    if (m[1]!.toLowerCase() === 'srcset') {
      for (const part of raw.split(',')) if (part.trim()) refs.push({ attr: 'srcset', value: part.trim().split(/\s+/)[0]! });
    } else refs.push({ attr: m[1]!.toLowerCase(), value: raw.trim() });
  }
  return refs;
}

/** The links in Starlight's sidebar (`<nav class="sidebar" aria-label="Main">`) of one page. */
export function sidebarLinks(html: string): string[] {
  const start = html.search(/<nav\b[^>]*class="sidebar\b/);
  if (start < 0) return [];
  const end = html.indexOf('</nav>', start);
  const nav = html.slice(start, end < 0 ? undefined : end);
  return [...new Set(refsIn(nav).filter((r) => r.attr === 'href').map((r) => r.value))];
}

/** Whether a link leaves the site (another origin, mail, phone); those are not checked. */
export const isExternal = (ref: string) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref) && !/^javascript:/i.test(ref);

/**
 * The file a site-internal reference lands on, or null when there is none. `from` is the page's
 * path relative to the site folder; `base` is the base path the site is built for ('/' or '/atlas').
 */
export function targetFile(siteDir: string, base: string, from: string, ref: string): string | null {
  const path = ref.split('#')[0]!.split('?')[0]!;
  if (path === '') return from;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  let sitePath: string;
  if (decoded.startsWith('/')) {
    const prefix = base === '/' ? '/' : `${base}/`;
    if (!(decoded + (decoded === base ? '/' : '')).startsWith(prefix)) return null;
    sitePath = decoded.slice(prefix.length - 1) || '/';
  } else {
    // Relative to the page's URL: a page at apps/x/index.html has the URL /apps/x/.
    const pageUrl = '/' + from.replace(/(^|\/)index\.html$/, '$1');
    sitePath = posix.join(posix.dirname(pageUrl.endsWith('/') ? pageUrl + 'x' : pageUrl), decoded);
  }
  const candidates = sitePath.endsWith('/') ? [`${sitePath}index.html`] : [sitePath, `${sitePath}/index.html`];
  for (const c of candidates) {
    const file = join(siteDir, ...c.split('/').filter(Boolean));
    if (existsSync(file) && statSync(file).isFile()) return relative(siteDir, file).split('\\').join('/');
  }
  return null;
}
