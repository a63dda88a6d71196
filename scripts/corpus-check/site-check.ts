/**
 * Checks on a site built from a corpus repository: one page per app, no page that reports an
 * internal error, and no app page with more <script> tags than the layout puts on every app page
 * (a script from a manifest or README that escaped escaping would add one).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface SiteCheck {
  pages: number;
  appPages: number;
  problems: string[];
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const f of htmlFiles(path)) out.push(f);
    else if (entry.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/**
 * `apps` is summary.counts.apps from `scan --json`. App pages are `apps/<namespace>/<app>/index.html`,
 * or `apps/<cluster>/<namespace>/<app>/index.html` where the repository has several clusters
 * (src/lib/site/urls.ts appPath: the app id's segments).
 */
export function checkBuiltSite(out: string, apps: number): SiteCheck {
  const problems: string[] = [];
  const pages = htmlFiles(out);
  const appPages = pages.filter((p) => {
    const parts = relative(out, p).split(sep);
    return (parts.length === 4 || parts.length === 5) && parts[0] === 'apps' && parts.at(-1) === 'index.html';
  });
  if (appPages.length !== apps) problems.push(`${appPages.length} app pages under apps/, but scan --json counts ${apps} apps`);

  const scripts = new Map<string, number>();
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    // The guide documents exit code 70 ("internal error"); every other page must never mention one.
    if (!relative(out, page).startsWith(`guide${sep}`) && /internal error/i.test(html)) problems.push(`${relative(out, page)} mentions an internal error`);
    if (appPages.includes(page)) scripts.set(page, html.match(/<script\b/gi)?.length ?? 0);
  }
  // The layout's count is the one most app pages share; a page above it carries an extra script.
  const tally = new Map<number, number>();
  for (const n of scripts.values()) tally.set(n, (tally.get(n) ?? 0) + 1);
  const usual = [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  for (const [page, n] of scripts) {
    if (n > usual) problems.push(`${relative(out, page)} has ${n} <script> tags, app pages usually ${usual}`);
  }
  return { pages: pages.length, appPages: appPages.length, problems };
}
