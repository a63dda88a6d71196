import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_PATH, BASE_SITE_DIR, SITE_DIR } from './global-setup.ts';
import { htmlFiles, isExternal, listFiles, refsIn, targetFile } from './site-files.ts';

/**
 * A link check over every HTML file of the built example site, at the root and under a base path:
 * each internal link and asset (href, src, srcset, and url() in the stylesheets) lands on a file
 * in dist/. File-level, so it needs no browser and names the page and the link that is broken.
 */
function brokenRefs(siteDir: string, base: string): string[] {
  const broken: string[] = [];
  for (const page of htmlFiles(siteDir)) {
    const html = readFileSync(join(siteDir, page), 'utf8');
    for (const { attr, value } of refsIn(html)) {
      if (value === '' || isExternal(value) || value.startsWith('#')) continue;
      if (targetFile(siteDir, base, page, value) === null) broken.push(`${page}: ${attr}="${value}"`);
    }
  }
  for (const css of listFiles(siteDir).filter((f) => f.endsWith('.css'))) {
    const text = readFileSync(join(siteDir, css), 'utf8');
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
      const value = m[1]!;
      if (isExternal(value) || value.startsWith('data:') || value.startsWith('#')) continue;
      if (targetFile(siteDir, base, css, value) === null) broken.push(`${css}: url(${value})`);
    }
  }
  return broken;
}

describe('links and assets in the built example site', () => {
  it('has pages to check', () => {
    expect(htmlFiles(SITE_DIR).length).toBeGreaterThan(20);
    expect(htmlFiles(SITE_DIR)).toContain('404.html');
  });

  it('resolves every internal link and asset at the domain root', () => {
    expect(brokenRefs(SITE_DIR, '/')).toEqual([]);
  });

  it(`resolves every internal link and asset under the base path ${BASE_PATH}`, () => {
    expect(brokenRefs(BASE_SITE_DIR, BASE_PATH)).toEqual([]);
  });

  it('keeps every root-relative link of the base-path build under the base path', () => {
    const outside: string[] = [];
    for (const page of htmlFiles(BASE_SITE_DIR)) {
      for (const { attr, value } of refsIn(readFileSync(join(BASE_SITE_DIR, page), 'utf8'))) {
        if (value.startsWith('/') && !value.startsWith('//') && value !== BASE_PATH && !value.startsWith(`${BASE_PATH}/`)) {
          outside.push(`${page}: ${attr}="${value}"`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it('builds the same pages at the root and under the base path', () => {
    expect(htmlFiles(BASE_SITE_DIR)).toEqual(htmlFiles(SITE_DIR));
  });
});

describe('the link checker itself', () => {
  it('finds a missing page, accepts a folder link and a relative asset', () => {
    expect(targetFile(SITE_DIR, '/', 'index.html', '/no-such-page/')).toBeNull();
    expect(targetFile(SITE_DIR, '/', 'index.html', '/apps/')).toBe('apps/index.html');
    expect(targetFile(SITE_DIR, '/', 'index.html', '/apps')).toBe('apps/index.html');
    expect(targetFile(BASE_SITE_DIR, BASE_PATH, 'index.html', '/apps/')).toBeNull();
    expect(targetFile(BASE_SITE_DIR, BASE_PATH, 'index.html', `${BASE_PATH}/apps/#x`)).toBe('apps/index.html');
    expect(targetFile(SITE_DIR, '/', 'apps/index.html', '../404.html')).toBe('404.html');
  });
});
