/**
 * Issue 22, "repoUrl: javascript:... turns every source and commit link into a javascript: link":
 * the configuration refuses such a URL with a clear error, and every href built from a URL of the
 * configuration goes through safeHref (http: and https: only), so even a value that slipped past
 * the schema gives text, never a link.
 */
import { describe, expect, it } from 'vitest';
import { commitHref } from '../../src/components/changelog/entry-view.ts';
import { AtlasConfigError, parseConfig } from '../../src/config/load.ts';
import { at } from '../../src/lib/export/md.ts';
import { sourceHref } from '../../src/lib/site/urls.ts';
import { resolveDocLink } from '../../src/markdown/links.ts';
import { safeHref } from '../../src/markdown/escape.ts';

const HOSTILE_URLS = [
  'javascript:alert(document.domain)//https://github.com/me/x/blob/main/',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  ' \u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  '/relative/path',
];

describe('safeHref: http: and https: only', () => {
  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    expect(safeHref(url)).toBeNull();
  });

  it('keeps http(s) URLs, re-serialised (a quote or space cannot break out of the attribute)', () => {
    expect(safeHref('https://github.com/me/home-ops/blob/main/a.yaml#L3')).toBe('https://github.com/me/home-ops/blob/main/a.yaml#L3');
    expect(safeHref('http://git.lan/x/src/main/"onmouseover=alert(1) b')).toBe('http://git.lan/x/src/main/%22onmouseover=alert(1)%20b');
  });
});

describe('repoUrl: javascript: in atlas.config.yaml', () => {
  it.each(HOSTILE_URLS.slice(0, 7))('is a configuration error naming repoUrl: %j', (repoUrl) => {
    expect(() => parseConfig({ repoUrl })).toThrow(AtlasConfigError);
    expect(() => parseConfig({ repoUrl })).toThrow(/repoUrl: must be an http:\/\/ or https:\/\/ URL/);
  });

  it('an https repoUrl is accepted', () => {
    expect(parseConfig({ repoUrl: 'https://github.com/me/home-ops/blob/main/' }).repoUrl).toBe('https://github.com/me/home-ops/blob/main/');
  });

  it.each(HOSTILE_URLS.slice(0, 7))('even past the schema, no source, commit, doc or README link is built from %j', (repoUrl) => {
    const ref = { file: 'kubernetes/apps/a.yaml', line: 3 };
    expect(sourceHref(ref, repoUrl)).toBeNull();
    expect(commitHref(repoUrl, 'a'.repeat(40))).toBeNull();
    expect(at(ref, repoUrl)).toBe('kubernetes/apps/a.yaml:3');
    const doc = resolveDocLink('../kubernetes/apps/a.yaml', 'link', { docPath: 'docs/x.md', docUrls: new Map(), repoFiles: new Set(['kubernetes/apps/a.yaml']), repoWebUrl: repoUrl });
    expect(doc.url ?? '').not.toMatch(/^\s*[a-z]*\s*script|^data:|^file:/i);
  });
});
