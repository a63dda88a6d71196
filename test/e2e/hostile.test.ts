import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/serve-static.ts';
import { buildExample } from '../site-build/global-setup.ts';
import { htmlFiles } from '../site-build/site-files.ts';
import { guardedContext, launchBrowser, screenshot } from './browser.ts';
import { writeHostileRepo } from './hostile-fixture.ts';

/**
 * Nothing executes (issue 11): a repository full of markup in every free-text place, built into a
 * site and opened page by page in chromium. Every request is routed: anything not to 127.0.0.1
 * fails the test. After each page has loaded (and a search has rendered its excerpts)
 * window.__pwned must still be undefined, no dialog may open, and the DOM must hold no element the
 * payloads would have created; the payload must be on the page, as text.
 */
const OUT = join(process.cwd(), 'artifacts/test-site-hostile');
let repo: string;
let browser: Browser;
let site: StaticServer;

beforeAll(async () => {
  // Outside any git work tree, so the fixture's own history (with a hostile commit message) is read.
  repo = mkdtempSync(join(tmpdir(), 'atlas-hostile-'));
  writeHostileRepo(join(repo, 'hostile'));
  await buildExample(OUT, ['--quiet'], join(repo, 'hostile'));
  browser = await launchBrowser();
  site = await startStaticServer({ root: OUT });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

/** Elements and attributes the payloads would create if any reached the DOM as markup. */
function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') && attr.value.includes('__pwned')) found.push(`<${el.localName} ${name}>`);
        // Pagefind's own search form has action="javascript:void(0);": only the payload's URLs count.
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name) && /^\s*javascript:/i.test(attr.value) && attr.value.includes('__pwned')) {
          found.push(`<${el.localName} ${name}="${attr.value}">`);
        }
      }
      if (el.localName === 'script' && (el.textContent ?? '').includes('__pwned')) found.push('<script> with the payload');
      if (el.localName === 'iframe' || el.localName === 'object' || el.localName === 'embed') found.push(`<${el.localName}>`);
      if (el.localName === 'meta' && (el.getAttribute('http-equiv') ?? '').toLowerCase() === 'refresh') found.push('<meta refresh>');
    }
    return found;
  });
}

describe('a repository of hostile strings, built and opened in the browser', () => {
  it('shows the payloads as text on the pages, never as markup', () => {
    const pages = htmlFiles(OUT);
    expect(pages.length).toBeGreaterThan(5);
    const asMarkup: string[] = [];
    let asText = 0;
    for (const page of pages) {
      // <title> is raw text to the HTML parser (a `<script>` in it is text unless it closes the
      // title first), and quoted attribute values are text too (their quotes are escaped).
      const html = readFileSync(join(OUT, page), 'utf8').replace(/<title>[\s\S]*?<\/title>/, '<title></title>');
      const markup = html.replace(/="[^"]*"/g, '=""');
      if (markup.includes('<script>window.__pwned=1</script>')) asMarkup.push(`${page}: <script>`);
      if (/<img src=x onerror/i.test(markup)) asMarkup.push(`${page}: <img onerror>`);
      if (/<[a-z][^<>]*\s(?:href|src|action)\s*=\s*"\s*javascript:[^"]*__pwned/i.test(html)) asMarkup.push(`${page}: javascript: URL`);
      if (html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;')) asText++;
    }
    expect(asMarkup).toEqual([]);
    expect(asText).toBeGreaterThan(0);
  });

  it('runs none of them and asks no other host for anything, on every page', async () => {
    const { context, watch } = await guardedContext(browser);
    const dialogs: string[] = [];
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    const problems: string[] = [];
    let shownAsText = 0;
    for (const file of htmlFiles(OUT)) {
      const path = file.replace(/(^|\/)index\.html$/, '$1');
      const response = await page.goto(new URL(path, site.url).href, { waitUntil: 'load' });
      if (file !== '404.html' && response?.status() !== 200) problems.push(`${path}: status ${response?.status()}`);
      // Give onerror/onload handlers and timers their chance to fire.
      await page.waitForTimeout(50);
      if (await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined)) problems.push(`${path}: window.__pwned was set`);
      for (const el of await injected(page)) problems.push(`${path}: ${el}`);
      if (await page.evaluate(() => document.body.innerText.includes('<script>window.__pwned=1</script>'))) shownAsText++;
      if (/^apps\/[^/]+\/[^/]+\/$/.test(path)) await screenshot(page, 'hostile-app');
    }
    await context.close();
    expect({ problems, dialogs, offLoopback: watch.offLoopback, pageErrors: watch.pageErrors }).toEqual({
      problems: [],
      dialogs: [],
      offLoopback: [],
      pageErrors: [],
    });
    expect(shownAsText).toBeGreaterThan(0);
  });

  it('renders search excerpts of the payloads as text', async () => {
    const { context, watch } = await guardedContext(browser);
    const page = await context.newPage();
    await page.goto(site.url);
    await page.locator('button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').fill('pwn');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200);
    await screenshot(page, 'hostile-search');
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const found = await injected(page);
    await context.close();
    expect({ pwned, found, offLoopback: watch.offLoopback }).toEqual({ pwned: undefined, found: [], offLoopback: [] });
  });
});
