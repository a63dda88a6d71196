import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/markdown/front-matter.ts';
import { createDocLinkRewriter, resolveDocLink } from '../../src/markdown/links.ts';
import type { DocLinkContext } from '../../src/markdown/links.ts';
import { renderUntrustedMarkdown } from '../../src/markdown/safe-html.ts';

const repoDir = new URL('../fixtures/markdown/docs-repo/', import.meta.url);
const repoFiles = new Set(
  (readdirSync(repoDir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((d) => d.isFile())
    .map((d) => `${d.parentPath}/${d.name}`.slice(repoDir.pathname.length)),
);

const base: DocLinkContext = {
  docPath: 'docs/runbooks/restore-postgres.md',
  docUrls: new Map([
    ['README.md', '/docs/'],
    ['docs/index.md', '/docs/docs/'],
    ['docs/sops.md', '/docs/docs/sops/'],
    ['docs/runbooks/restore-postgres.md', '/docs/docs/runbooks/restore-postgres/'],
  ]),
  appDirs: new Map([['kubernetes/apps/database/cloudnative-pg', '/apps/database/cloudnative-pg/']]),
};
const web = 'https://github.com/onedr0p/home-ops/blob/main/';

describe('resolveDocLink', () => {
  it('reads the fixture repository', () => {
    expect(repoFiles).toContain('kubernetes/apps/database/cloudnative-pg/cluster/cluster.yaml');
  });

  it('./x.md and ../x.md go to the doc page, keeping the fragment', () => {
    expect(resolveDocLink('../index.md', 'link', base)).toEqual({ kind: 'doc', url: '/docs/docs/' });
    expect(resolveDocLink('./../sops.md#rotating-keys', 'link', base)).toEqual({ kind: 'doc', url: '/docs/docs/sops/#rotating-keys' });
    expect(resolveDocLink('restore-postgres.md', 'link', base)).toEqual({ kind: 'doc', url: '/docs/docs/runbooks/restore-postgres/' });
  });

  it('a leading / is the repository root, as on GitHub', () => {
    expect(resolveDocLink('/README.md', 'link', base)).toEqual({ kind: 'doc', url: '/docs/' });
    expect(resolveDocLink('/', 'link', base)).toEqual({ kind: 'doc', url: '/docs/' });
  });

  it('an app folder goes to the app page, with or without the trailing slash', () => {
    expect(resolveDocLink('../../kubernetes/apps/database/cloudnative-pg/', 'link', base)).toEqual({ kind: 'app', url: '/apps/database/cloudnative-pg/' });
    expect(resolveDocLink('../../kubernetes/apps/database/cloudnative-pg', 'link', base)).toEqual({ kind: 'app', url: '/apps/database/cloudnative-pg/' });
  });

  it('a manifest goes to the repo web URL, or stays as it is without one', () => {
    const href = '../../kubernetes/apps/database/cloudnative-pg/cluster/cluster.yaml#L3';
    expect(resolveDocLink(href, 'link', { ...base, repoWebUrl: web })).toEqual({
      kind: 'repo-file',
      url: `${web}kubernetes/apps/database/cloudnative-pg/cluster/cluster.yaml#L3`,
    });
    expect(resolveDocLink(href, 'link', base)).toEqual({ kind: 'unchanged', url: href });
  });

  it('percent-encoded names are decoded for lookup and encoded again for the web URL', () => {
    const ctx = { ...base, repoWebUrl: web.slice(0, -1), repoFiles: new Set(['docs/my notes.txt']) };
    expect(resolveDocLink('../my%20notes.txt', 'link', ctx)).toEqual({ kind: 'repo-file', url: `${web}docs/my%20notes.txt` });
  });

  it('a Markdown file that is not published is broken; with repoFiles only if it does not exist', () => {
    expect(resolveDocLink('./missing.md', 'link', base)).toMatchObject({ kind: 'broken', url: null });
    expect(resolveDocLink('./missing.md', 'link', { ...base, repoFiles })).toMatchObject({ kind: 'broken', reason: expect.stringContaining('docs/runbooks/missing.md') });
    const unpublished = { ...base, repoFiles: new Set(['docs/runbooks/draft.md']), repoWebUrl: web };
    expect(resolveDocLink('./draft.md', 'link', unpublished)).toEqual({ kind: 'repo-file', url: `${web}docs/runbooks/draft.md` });
  });

  it('a file or folder that does not exist is broken when repoFiles is known', () => {
    expect(resolveDocLink('../../kubernetes/apps/nope/', 'link', { ...base, repoFiles })).toMatchObject({ kind: 'broken' });
    expect(resolveDocLink('../../kubernetes/apps/database/', 'link', { ...base, repoFiles, repoWebUrl: web })).toEqual({ kind: 'repo-file', url: `${web}kubernetes/apps/database` });
  });

  it('a path that climbs out of the repository is broken', () => {
    expect(resolveDocLink('../../../etc/passwd', 'link', base)).toEqual({ kind: 'broken', url: null, reason: 'it points outside the repository' });
    expect(resolveDocLink('../../x/../../..', 'link', base)).toMatchObject({ kind: 'broken' });
  });

  it('#anchors stay as they are, and are checked when heading slugs are known', () => {
    expect(resolveDocLink('#restore', 'link', base)).toEqual({ kind: 'anchor', url: '#restore' });
    const anchors = new Map([
      ['docs/runbooks/restore-postgres.md', new Set(['restore-a-postgres-cluster', 'steps', 'restore'])],
      ['docs/index.md', new Set(['home-operations', 'layout'])],
    ]);
    expect(resolveDocLink('#restore', 'link', { ...base, anchors })).toEqual({ kind: 'anchor', url: '#restore' });
    expect(resolveDocLink('#nope', 'link', { ...base, anchors })).toMatchObject({ kind: 'broken', url: '#nope' });
    expect(resolveDocLink('../index.md#nope', 'link', { ...base, anchors })).toMatchObject({ kind: 'broken', url: '/docs/docs/#nope' });
    expect(resolveDocLink('../index.md#layout', 'link', { ...base, anchors })).toEqual({ kind: 'doc', url: '/docs/docs/#layout' });
  });

  it('external and protocol-relative URLs are left alone', () => {
    for (const href of ['https://fluxcd.io/flux/', 'mailto:ops@example.org', '//cdn.example/x.png']) {
      expect(resolveDocLink(href, 'link', base)).toEqual({ kind: 'external', url: href });
    }
  });

  it('images are reported by repo path, served from assetUrl, and broken when missing', () => {
    const ctx = { ...base, repoFiles, assetUrl: (p: string) => `/_atlas/repo/${p}` };
    expect(resolveDocLink('../img/topology.png', 'image', ctx)).toEqual({ kind: 'image', url: '/_atlas/repo/docs/img/topology.png', image: 'docs/img/topology.png' });
    expect(resolveDocLink('../img/topology.png', 'image', base)).toEqual({ kind: 'image', url: '../img/topology.png', image: 'docs/img/topology.png' });
    expect(resolveDocLink('../img/gone.png', 'image', ctx)).toMatchObject({ kind: 'broken', url: null });
  });
});

describe('createDocLinkRewriter with renderUntrustedMarkdown', () => {
  it('renders a runbook: links rewritten, images listed, broken links reported on their file line', () => {
    const text = readFileSync(new URL('docs/runbooks/restore-postgres.md', repoDir), 'utf8');
    const fm = splitFrontMatter(text, base.docPath);
    expect(fm.data).toEqual({ title: 'Restore a Postgres cluster', sidebar: { order: 2 } });
    const anchors = new Map([
      ['docs/index.md', new Set(['home-operations', 'layout'])],
      ['docs/sops.md', new Set(['sops', 'rotating-keys'])],
    ]);
    const r = renderUntrustedMarkdown(fm.body, {
      file: base.docPath,
      lineOffset: fm.bodyLine - 1,
      linkRewriter: createDocLinkRewriter({ ...base, repoFiles, repoWebUrl: web, anchors, assetUrl: (p) => `/_atlas/repo/${p}` }),
    });
    expect(r.html).toContain('<a href="/docs/docs/">overview</a>');
    expect(r.html).toContain('<a href="/docs/docs/sops/#rotating-keys">SOPS notes</a>');
    expect(r.html).toContain('<a href="/apps/database/cloudnative-pg/">cloudnative-pg</a>');
    expect(r.html).toContain(`<a href="${web}kubernetes/apps/database/cloudnative-pg/cluster/cluster.yaml">cluster manifest</a>`);
    expect(r.html).toContain('<li>Follow <a href="#restore">the restore section</a> below, or this missing page.</li>');
    expect(r.html).toContain('<img src="/_atlas/repo/docs/img/topology.png" alt="topology">');
    expect(r.html).toContain('<a href="/docs/">the root README</a> and an escape for nothing.');
    expect(r.html).toContain('<a href="/docs/docs/#nope">bad anchor</a>');
    expect(r.images).toEqual(['docs/img/topology.png']);
    expect(r.findings.map((f) => [f.code, f.source.file, f.source.line, f.source.col])).toEqual([
      ['BROKEN_DOC_LINK', 'docs/runbooks/restore-postgres.md', 15, 53],
      ['BROKEN_DOC_LINK', 'docs/runbooks/restore-postgres.md', 18, 1],
      ['BROKEN_DOC_LINK', 'docs/runbooks/restore-postgres.md', 22, 39],
      ['BROKEN_DOC_LINK', 'docs/runbooks/restore-postgres.md', 23, 39],
    ]);
    expect(r.findings[1]?.message).toContain('Image "../img/gone.png" is broken');
  });
});
