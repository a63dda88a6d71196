/**
 * Wide content stays inside its column (issue 16): at 1,400 px the apps and secrets tables fit their
 * column without scrolling; at 390 px (a phone) nothing widens the page: a table too wide scrolls
 * inside itself, and an app page's paths wrap. Screenshots of each go to artifacts/screenshots/.
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
