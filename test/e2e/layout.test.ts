/**
 * Wide content stays inside its column (issue 16): at 1,400 px the apps and secrets tables fit their
 * column without scrolling; at 390 px (a phone) nothing widens the page: a table too wide scrolls
 * inside itself, and an app page's paths wrap. Words stay whole in an app page's tables: a chart's
 * name beside its release's settings list broke mid-word ("grafan a"; outside review), and so did the
 * settings' words on a phone. Screenshots of each go to artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static.ts';
import { SITE_DIR } from '../site-build/global-setup.ts';
import { launchBrowser, screenshot } from './browser.ts';

let browser: Browser;
let site: StaticServer;
beforeAll(async () => {
  browser = await launchBrowser();
  site = await startStaticServer({ root: SITE_DIR });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const PAGES = ['/apps/', '/secrets/', '/apps/media/jellyfin/'];

/** Per page: the page's own horizontal overflow, and each table's width against its column. */
async function measure(width: number, path: string) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(`${site.url.replace(/\/$/, '')}${path}`, { waitUntil: 'load' });
    await screenshot(page, `layout-${path}-${width}`);
    return await page.evaluate(() => {
      const doc = document.documentElement;
      const tables = [...document.querySelectorAll<HTMLTableElement>('main table')].map((t) => ({
        overflows: t.scrollWidth > t.clientWidth + 1,
        outside: t.getBoundingClientRect().right > (t.parentElement?.getBoundingClientRect().right ?? 0) + 1,
      }));
      const codes = [...document.querySelectorAll('main dd code, main p code')].filter((c) => c.getBoundingClientRect().right > doc.clientWidth + 1).length;
      return { pageOverflow: doc.scrollWidth - doc.clientWidth, tables, codesOffScreen: codes };
    });
  } finally {
    await page.close();
  }
}

describe('wide tables and paths stay inside their column', () => {
  it('at 1,400 px the apps and secrets tables fit their column', async () => {
    for (const path of ['/apps/', '/secrets/']) {
      const m = await measure(1400, path);
      expect(m.tables.length, path).toBeGreaterThan(0);
      expect({ path, ...m }).toEqual({ path, pageOverflow: 0, tables: m.tables.map(() => ({ overflows: false, outside: false })), codesOffScreen: 0 });
    }
  });

  it('at 390 px no page is wider than the screen; tables stay in their column; paths wrap', async () => {
    for (const path of PAGES) {
      const m = await measure(390, path);
      expect({ path, pageOverflow: m.pageOverflow, outside: m.tables.filter((t) => t.outside).length, codesOffScreen: m.codesOffScreen }).toEqual({ path, pageOverflow: 0, outside: 0, codesOffScreen: 0 });
    }
  });
});

describe("an app page's tables keep their words whole", () => {
  /** The words (letters only) of a page's table cells, outside code, links and source refs, that are laid out on two lines. */
  async function brokenWords(width: number, path: string): Promise<string[]> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.goto(`${site.url.replace(/\/$/, '')}${path}`, { waitUntil: 'load' });
      await screenshot(page, `words-${path}-${width}`);
      return await page.evaluate(() => {
        const out: string[] = [];
        for (const table of document.querySelectorAll('main table')) {
          const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement?.closest('code, a, .atlas-src, th')) continue;
            for (const m of (n.textContent ?? '').matchAll(/[A-Za-z]{3,}/g)) {
              const range = document.createRange();
              range.setStart(n, m.index);
              range.setEnd(n, m.index + m[0].length);
              if (range.getClientRects().length > 1) out.push(m[0]);
            }
          }
        }
        return out;
      });
    } finally {
      await page.close();
    }
  }

  it("at 1,280 px and at 390 px: grafana's chart, version and Flux settings", async () => {
    for (const width of [1280, 390]) expect({ width, broken: await brokenWords(width, '/apps/observability/grafana/') }).toEqual({ width, broken: [] });
  });
});
