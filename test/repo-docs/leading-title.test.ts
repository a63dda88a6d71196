/**
 * A doc's leading `# Title` becomes the page title and leaves the body, decided on the safe tree
 * (the HTML is made later, only for a page): also when link definitions come first, which render
 * nothing and must stay for the links that use them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoMarkdown } from '../../src/lib/site/repo-markdown.ts';
import type { RepoMarkdownInput } from '../../src/lib/site/repo-markdown.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-leading-title-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function repo(files: Record<string, string>): RepoMarkdownInput {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return {
    model: { files: Object.entries(files).map(([path, text]) => ({ path, kind: 'markdown' as const, size: text.length })), apps: [] },
    config: { docs: ['docs'], runbooks: [], repoUrl: undefined, roadmap: { checks: {} } } as unknown as RepoMarkdownInput['config'],
    repoRoot: root,
  };
}

describe('the leading # heading of a doc', () => {
  const docs = repoMarkdown(repo({
    'docs/defs-first.md': '[guide]: ./plain.md\n\n# Backups\n\nRead the [guide].\n\n## Restore\n',
    'docs/plain.md': '# Plain title\n\nText.\n',
    'docs/front-matter.md': '---\ntitle: From front matter\n---\n# Kept heading\n\nText.\n',
    'docs/later.md': 'Intro first.\n\n# Not leading\n',
  })).docs;
  const doc = (file: string) => docs.find((d) => d.file === file)!;

  it('is the title and is left out of the body, also after link definitions (which stay usable)', () => {
    expect(doc('docs/defs-first.md').title).toBe('Backups');
    expect(doc('docs/defs-first.md').html).toBe('<p>Read the <a href="/docs/plain/">guide</a>.</p>\n<h2 id="restore">Restore</h2>');
    expect(doc('docs/defs-first.md').headings.map((h) => h.text)).toEqual(['Restore']);
    expect(doc('docs/plain.md').title).toBe('Plain title');
    expect(doc('docs/plain.md').html).toBe('<p>Text.</p>');
  });

  it('stays in the body when front matter gives the title or when it is not the first thing', () => {
    expect(doc('docs/front-matter.md').title).toBe('From front matter');
    expect(doc('docs/front-matter.md').html).toBe('<h1 id="kept-heading">Kept heading</h1>\n<p>Text.</p>');
    expect(doc('docs/later.md').title).toBe('later');
    expect(doc('docs/later.md').html).toBe('<p>Intro first.</p>\n<h1 id="not-leading">Not leading</h1>');
  });
});
