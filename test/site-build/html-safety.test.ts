/**
 * Issue 11, "nothing executes", on the HTML (the real-browser half is test/e2e/): a repository whose
 * manifest names, labels, annotations and values, README, ROADMAP, CHANGELOG and commit message
 * carry markup is built, and every HTML page of dist/ is parsed with parse5. No script element
 * carries a payload, no element has an on* attribute with one, no href/src/action is
 * `javascript:`; and the payload texts are on the pages as text (so they were rendered, not dropped).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXssRepo } from '../hostile/xss-repo.ts';
import { buildSiteCli, crashSigns, type CliRun } from '../hostile/run-cli.ts';
import { htmlFiles } from './site-files.ts';

interface El {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: El[];
  content?: El;
  value?: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'atlas-xss-'));
const dist = join(tmp, 'dist');
let build: CliRun;
const pages = new Map<string, El>();

beforeAll(async () => {
  mkdirSync(join(tmp, 'repo'));
  mkdirSync(join(tmp, 'rss'));
  writeXssRepo(join(tmp, 'repo'));
  build = await buildSiteCli(join(tmp, 'repo'), dist, 'xss-build', join(tmp, 'rss'));
  for (const f of htmlFiles(dist)) pages.set(f, parse(readFileSync(join(dist, f), 'utf8')) as unknown as El);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function* walk(n: El): Generator<El> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  if (n.content) yield* walk(n.content);
}
const text = (n: El): string => [...walk(n)].filter((c) => c.nodeName === '#text').map((c) => c.value ?? '').join('');
const PAYLOAD = /__pwned|alert\(/;

describe('markup from the repository never becomes live HTML', () => {
  it('the site built', () => {
    expect(crashSigns(build.stderr)).toEqual([]);
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    expect(pages.size).toBeGreaterThan(10);
  });

  it('no <script> element carries a payload', () => {
    const bad: string[] = [];
    for (const [f, doc] of pages) for (const n of walk(doc)) if (n.tagName === 'script' && PAYLOAD.test(text(n) + JSON.stringify(n.attrs))) bad.push(f);
    expect(bad).toEqual([]);
  });

  it('no element carries an on* handler with a payload, and no href/src/action is javascript:', () => {
    const bad: string[] = [];
    for (const [f, doc] of pages) {
      for (const n of walk(doc)) {
        for (const a of n.attrs ?? []) {
          if (/^on/i.test(a.name) && PAYLOAD.test(a.value)) bad.push(`${f}: <${n.tagName} ${a.name}>`);
          if (/^(href|src|action|formaction|xlink:href|data|poster)$/i.test(a.name) && /^\s*javascript:/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))) bad.push(`${f}: <${n.tagName} ${a.name}=${a.value}>`);
        }
        if (['iframe', 'object', 'embed'].includes(n.tagName ?? '') && PAYLOAD.test(JSON.stringify(n.attrs))) bad.push(`${f}: <${n.tagName}>`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the payloads are on the pages as text: rendered, escaped, not dropped', () => {
    const all = [...pages.values()].map(text).join('\n');
    for (const shown of ['<script>window.__pwned=1</script>', '<img src=x onerror=alert(1)>', '{window.__pwned=1}']) expect(all, shown).toContain(shown);
    expect(all).toContain("import x from 'y'");
  });
});
