/**
 * The browser side of the end-to-end suite: a Chromium found by find-chromium.ts (the system's, or
 * the one inside the @sparticuz/chromium package; no browser download) driven by playwright-core,
 * a context that lets only loopback requests through (anything else is recorded and
 * aborted: the suite fails on it), console errors and uncaught page errors collected per page, and
 * screenshots written to artifacts/screenshots/ (in .gitignore; CI keeps them as artefacts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from './find-chromium.ts';

const SCREENSHOTS = join(process.cwd(), 'artifacts/screenshots');

export async function launchBrowser(): Promise<Browser> {
  const { executablePath } = await findChromium();
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  });
}

/** What a context saw that it should not have: requests off loopback, console errors, page errors. */
export interface Watch {
  offLoopback: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

/** A context whose every request is checked: only http(s) to 127.0.0.1 (and data:/blob:) may go out. */
export async function guardedContext(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; watch: Watch }> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const watch: Watch = { offLoopback: [], consoleErrors: [], pageErrors: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    let allowed = false;
    try {
      const u = new URL(url);
      allowed = u.protocol === 'data:' || u.protocol === 'blob:' || ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '127.0.0.1');
    } catch {
      allowed = false;
    }
    if (allowed) await route.continue();
    else {
      watch.offLoopback.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('page', (page) => watchPage(page, watch));
  return { context, watch };
}

function watchPage(page: Page, watch: Watch): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.consoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(`${page.url()}: ${error.message}`));
}

/** Save a full-page screenshot as artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name.replace(/[^a-z0-9_-]+/gi, '-').replace(/-+$/, '')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** sRGB channels 0..1 of a computed CSS colour: `rgb(r g b)`, `rgba(...)` or `color(srgb r g b)`. */
function channels(css: string): [number, number, number] {
  const nums = (css.match(/-?[\d.]+(?:e-?\d+)?/g) ?? []).map(Number);
  const scale = css.startsWith('color(') ? 1 : 255;
  const [r = 0, g = 0, b = 0] = css.startsWith('color(') ? nums : nums.slice(0, 3);
  return [r / scale, g / scale, b / scale];
}

/** WCAG contrast ratio of two computed CSS colours. */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = channels(css).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
