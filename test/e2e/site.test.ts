import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static.ts';
import { BASE_PATH, BASE_SITE_DIR, SITE_DIR } from '../site-build/global-setup.ts';
import { sidebarLinks } from '../site-build/site-files.ts';
import { contrast, guardedContext, launchBrowser, screenshot, type Watch } from './browser.ts';

/**
 * The built example site (examples/homelab, built once by test/site-build/global-setup.ts) in
 * Debian's chromium, served on loopback by the same static server the Docker image uses. Pages are
 * discovered from the sidebar, not listed here, so that new sections are covered as they land.
 */
let browser: Browser;
let site: StaticServer;
let based: StaticServer;

beforeAll(async () => {
  browser = await launchBrowser();
  site = await startStaticServer({ root: SITE_DIR });
  based = await startStaticServer({ root: BASE_SITE_DIR, base: BASE_PATH });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await based?.close();
});

/** Sidebar links of the home page, as paths without the base. */
function sidebarPaths(siteDir: string, base = ''): string[] {
  return sidebarLinks(readFileSync(join(siteDir, 'index.html'), 'utf8'))
    .filter((href) => href.startsWith(`${base}/`))
    .map((href) => href.slice(base.length));
}

/** Load a page; returns its status and records failed subresources (4xx/5xx) into `failures`. */
async function visit(page: Page, url: string, failures: string[]): Promise<number> {
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 400 && r.url() !== url) failures.push(`${url} -> ${r.status()} ${r.url()}`);
  };
  page.on('response', onResponse);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    return response?.status() ?? 0;
  } finally {
    page.off('response', onResponse);
  }
}

function expectClean(watch: Watch, failures: string[]): void {
  expect({ failures, ...watch }).toEqual({ failures: [], offLoopback: [], consoleErrors: [], pageErrors: [] });
}

describe('every page linked from the sidebar', () => {
  it('loads with status 200, no failed asset and no console error', async () => {
    const paths = sidebarPaths(SITE_DIR);
    expect(paths).toContain('/');
    expect(paths.length).toBeGreaterThan(10);
    const { context, watch } = await guardedContext(browser);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of paths) {
      const status = await visit(page, new URL(path.slice(1), site.url).href, failures);
      if (status !== 200) failures.push(`${path} -> ${status}`);
      // One screenshot per top-level section (/, /apps/, /secrets/ ...), not per app.
      if (status === 200 && path.split('/').filter(Boolean).length <= 1) await screenshot(page, `light${path === '/' ? '-home' : path}`);
    }
    await context.close();
    expectClean(watch, failures);
  });
});

describe('search (Pagefind)', () => {
  async function search(page: Page, query: string): Promise<string[]> {
    await page.locator('button[data-open-modal]').first().click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill(query);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    return page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  }

  it('finds an app by its name', async () => {
    const { context, watch } = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(site.url);
    const results = await search(page, 'jellyfin');
    await screenshot(page, 'search-jellyfin');
    await context.close();
    expect(results).toContain('/apps/media/jellyfin/');
    expectClean(watch, []);
  });

  it('finds a secret by its name on the secrets page', async () => {
    const { context, watch } = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(site.url);
    const results = await search(page, 'cloudflare-api-token');
    await screenshot(page, 'search-secret');
    await context.close();
    expect(results).toContain('/secrets/');
    expectClean(watch, []);
  });
});

describe('dependency graphs', () => {
  /** Graph SVGs in the page's main content: size, labels, and label contrast against the page. */
  async function graphs(page: Page) {
    return page.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor;
      return [...document.querySelectorAll('main svg')]
        .filter((svg) => svg.querySelector('text'))
        .map((svg) => {
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')];
          return {
            id: svg.id,
            width: box.width,
            height: box.height,
            labels: texts.map((t) => (t.textContent ?? '').trim()).filter(Boolean),
            fills: [...new Set(texts.map((t) => getComputedStyle(t).fill))],
            visible: texts.filter((t) => t.getBoundingClientRect().width > 0).length,
            bg,
            theme: document.documentElement.dataset.theme,
          };
        });
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`shows every graph as an SVG with readable node labels in the ${theme} theme`, async () => {
      expect(sidebarPaths(SITE_DIR), 'the sidebar links to /graph/').toContain('/graph/');
      const { context, watch } = await guardedContext(browser, theme);
      const page = await context.newPage();
      const failures: string[] = [];
      const graphPages = ['/graph/', '/graph/media/'];
      const seen: Record<string, string[]> = {};
      for (const path of graphPages) {
        expect(await visit(page, new URL(path.slice(1), site.url).href, failures)).toBe(200);
        const found = await graphs(page);
        expect(found.length, `${path} has a graph`).toBeGreaterThan(0);
        for (const g of found) {
          expect(g.theme).toBe(theme);
          expect(g.width).toBeGreaterThan(50);
          expect(g.height).toBeGreaterThan(20);
          expect(g.visible).toBe(g.labels.length);
          for (const fill of g.fills) expect(contrast(fill, g.bg), `${path} ${g.id} label ${fill} on ${g.bg}`).toBeGreaterThan(3);
          seen[path] = [...(seen[path] ?? []), ...g.labels];
        }
        await screenshot(page, `graph-${theme}${path}`);
      }
      await context.close();
      // Facts of examples/homelab: the overview has a node per namespace, media's graph its apps.
      expect(seen['/graph/']!.join(' ')).toMatch(/\bmedia\b/);
      expect(seen['/graph/media/']!.join(' ')).toMatch(/\bjellyfin\b/);
      expectClean(watch, failures);
    });
  }
});

describe(`the site under the base path ${BASE_PATH}`, () => {
  it('loads its top-level pages and their assets, and searches', async () => {
    const paths = sidebarPaths(BASE_SITE_DIR, BASE_PATH).filter((p) => p.split('/').filter(Boolean).length <= 1);
    expect(paths.length).toBeGreaterThan(3);
    const { context, watch } = await guardedContext(browser);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of paths) {
      const status = await visit(page, new URL(path.slice(1), based.url).href, failures);
      if (status !== 200) failures.push(`${path} -> ${status}`);
      const styled = await page.evaluate(() => document.styleSheets.length > 0 && getComputedStyle(document.querySelector('.sidebar-pane') ?? document.body).position !== 'static');
      if (!styled) failures.push(`${path}: Starlight's stylesheet did not apply`);
    }
    await visit(page, based.url, failures);
    await screenshot(page, 'base-path-home');
    await page.locator('button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').fill('jellyfin');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    const results = await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    await context.close();
    expect(results).toContain(`${BASE_PATH}/apps/media/jellyfin/`);
    expectClean(watch, failures);
  });
});
