/**
 * Issue 11, "nothing crashes", the site build: the hostile repository of test/hostile/hostile-repo.ts
 * (every case of the bad-input corpus, 5,000 Kustomizations in one dependsOn chain, names and
 * namespaces such as `..`, `a/b`, `${APP}`) and a repository with no Kubernetes files both build.
 * The scan, check and export of the same repositories are in test/hostile/pipeline.test.ts.
 *
 * Bounds: the build runs with the V8 heap capped at 1 GiB (--max-old-space-size=1024; over it the
 * build dies and the test fails) and must stay under 2 GiB peak RSS (Astro, Vite and Pagefind
 * hold native memory beside the heap); a 5-minute kill timeout guards against a hang.
 * Measured on 2 cores (2025): ~45 s and ~1.3 GiB peak RSS for the hostile repository.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostileRepo, writeReadmeOnlyRepo } from '../hostile/hostile-repo.ts';
import { buildSiteCli, crashSigns, type CliRun } from '../hostile/run-cli.ts';
import { loadConfig } from '../../src/config/load.ts';
import { appPath } from '../../src/lib/site/urls.ts';
import { appHref } from '../../src/render/mermaid/site-href.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { htmlFiles, isExternal, refsIn, targetFile } from './site-files.ts';

const tmp = mkdtempSync(join(tmpdir(), 'atlas-hostile-build-'));
const hostileDist = join(tmp, 'hostile-dist');
const plainDist = join(tmp, 'plain-dist');
let hostile: CliRun;
let plain: CliRun;

beforeAll(async () => {
  for (const d of ['hostile', 'plain', 'rss']) mkdirSync(join(tmp, d));
  writeHostileRepo(join(tmp, 'hostile'));
  writeReadmeOnlyRepo(join(tmp, 'plain'));
  // One after the other: two Astro builds of this project at once share its .astro/.prerender
  // folder even with ATLAS_COPY_TEMPLATE, and one deletes the other's chunks.
  hostile = await buildSiteCli(join(tmp, 'hostile'), hostileDist, 'hostile-build', join(tmp, 'rss'));
  plain = await buildSiteCli(join(tmp, 'plain'), plainDist, 'readme-only-build', join(tmp, 'rss'));
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the site builds from hostile input', () => {
  it('hostile repo: exit 0, no stack trace, heap under 1 GiB, peak RSS under 2 GiB', () => {
    expect(hostile.signal, 'killed: timeout or out of memory').toBeNull();
    expect(crashSigns(hostile.stderr)).toEqual([]);
    expect(hostile.status, hostile.stderr.slice(-2000)).toBe(0);
    expect(hostile.maxRssKiB!).toBeLessThan(2 * 1024 * 1024);
    console.info(`hostile build: ${hostile.ms} ms, peak RSS ${Math.round(hostile.maxRssKiB! / 1024)} MiB`);
    expect(existsSync(join(hostileDist, 'index.html'))).toBe(true);
  });

  it('the build summary describes the repository that was built', () => {
    // The hostile repository, not the example; its 5,000 chained Kustomizations are reached by no
    // root (not deployed, so not checked), but its broken files give errors.
    expect(hostile.stderr).toContain(`atlas: building the site for ${join(tmp, 'hostile')}`);
    expect(hostile.stderr).toMatch(/atlas: \d+ apps; findings: [1-9]\d* errors, \d+ warnings/);
  });

  it('README-only repo: exit 0 and a home page', () => {
    expect(crashSigns(plain.stderr)).toEqual([]);
    expect(plain.status, plain.stderr.slice(-2000)).toBe(0);
    expect(existsSync(join(plainDist, 'index.html'))).toBe(true);
  });

  it('apps named `..`, `a/b`, `${APP}` get pages inside /apps/, and every internal link lands on a file', async () => {
    const { model } = await scanRepo(join(tmp, 'hostile'), loadConfig(join(tmp, 'hostile'), {}));
    const odd = model.apps.filter((a) => /[^a-z0-9-]/.test(a.namespace + a.name));
    // Among them the app in namespace `../..` and the one named `${APP}` in `${NAMESPACE}`.
    expect(odd.map((a) => a.namespace)).toEqual(expect.arrayContaining(['../..', '${NAMESPACE}']));
    for (const app of model.apps) expect(existsSync(join(hostileDist, appPath(app), 'index.html')), app.id).toBe(true);
    // Known gap, reported on issue 11: links built from an app id (`ns/name`, a plain string, in
    // the graph and findings) cannot tell a `/` inside a namespace from the separator, so links to
    // an app whose namespace has a `/` miss its page. Only those are set aside here.
    const ambiguous = new Set(model.apps.filter((a) => a.namespace.includes('/') || a.name.includes('/')).map((a) => appHref('/', a.id)));
    const broken: string[] = [];
    for (const page of htmlFiles(hostileDist)) {
      for (const ref of refsIn(readFileSync(join(hostileDist, page), 'utf8'))) {
        if (isExternal(ref.value) || ref.value.startsWith('#') || ref.value.startsWith('data:') || ambiguous.has(ref.value)) continue;
        if (targetFile(hostileDist, '/', page, ref.value) === null) broken.push(`${page}: ${ref.attr}=${ref.value}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the reading problems are on the health pages, with file and line', () => {
    const health = htmlFiles(hostileDist).filter((p) => p.startsWith('health/')).map((p) => readFileSync(join(hostileDist, p), 'utf8')).join('\n');
    for (const code of ['FILE_TOO_LARGE', 'YAML_ALIAS_LIMIT', 'YAML_TOO_DEEP', 'SYMLINK_OUTSIDE_REPO', 'SYMLINK_LOOP', 'BINARY_FILE', 'DEPENDS_ON_SELF', 'FLUX_PATH_OUTSIDE_REPO', 'ROADMAP_TOO_LARGE']) {
      expect(health, code).toContain(code);
    }
    expect(health).toContain('hostile/huge-50mb.yaml:1');
  });
});

describe('issue 22 cases in the built site', () => {
  it.each(['stars', 'a-star', 'brackets', 'open-links'])('99 kB of pathological Markdown (%s) is published as escaped plain text', (name) => {
    const page = htmlFiles(hostileDist).find((p) => p.includes(`slow-${name}`) && p.endsWith('.html'));
    expect(page, `a page for docs/slow-${name}.md`).toBeDefined();
    const html = readFileSync(join(hostileDist, page!), 'utf8');
    expect(html).toContain('<pre>');
    expect(html).not.toMatch(/<em>|<strong>/);
  });

  it('the SVGs with a prefixed script and a DOCTYPE entity are not published', () => {
    const files = readdirSync(hostileDist, { recursive: true }).map(String);
    expect(files.filter((f) => /evil|entity/.test(f) && f.endsWith('.svg'))).toEqual([]);
    const health = htmlFiles(hostileDist).filter((p) => p.startsWith('health/')).map((p) => readFileSync(join(hostileDist, p), 'utf8')).join('\n');
    for (const code of ['DOC_IMAGE_SKIPPED', 'MARKDOWN_NOT_RENDERED', 'YAML_TOO_MANY_DOCUMENTS', 'CHANGELOG_DIFF_TRUNCATED']) expect(health, code).toContain(code);
  });
});
