import { beforeAll, describe, expect, it } from 'vitest';
import { docsFindings, repoMarkdown, repoMarkdownIn } from '../../src/lib/site/repo-markdown.ts';
import type { RepoDoc, RepoMarkdownInput } from '../../src/lib/site/repo-markdown.ts';
import { HOMELAB, scanFixture } from './atlas-fixture.ts';

let atlas: RepoMarkdownInput;
beforeAll(async () => {
  atlas = await scanFixture(HOMELAB);
});

function doc(docs: RepoDoc[], file: string): RepoDoc {
  const found = docs.find((d) => d.file === file);
  if (!found) throw new Error(`${file} is not published; have ${docs.map((d) => d.file).join(', ')}`);
  return found;
}

describe('repoMarkdown over examples/homelab', () => {
  it('publishes the root README and everything under docs/ but the runbook folders, with stable URLs', () => {
    const { docs } = repoMarkdown(atlas);
    // docs/runbooks/ and docs/sops/ are the runbook folders (the default): published once, under /runbooks/.
    expect(atlas.config.runbooks).toEqual(['docs/runbooks', 'docs/sops']);
    expect(docs.map((d) => [d.file, d.url])).toEqual([
      ['README.md', '/docs/readme/'],
      ['docs/architecture.md', '/docs/architecture/'],
    ]);
    // App READMEs belong to the app pages, not to /docs/.
    expect(docs.some((d) => d.file.startsWith('kubernetes/'))).toBe(false);
  });

  it('takes the title from the leading heading and does not repeat it in the body', () => {
    const arch = doc(repoMarkdown(atlas).docs, 'docs/architecture.md');
    expect(arch.title).toBe('Architecture');
    expect(arch.html).not.toContain('<h1');
    expect(arch.headings.map((h) => h.text)).toEqual([
      'Cluster', 'How Flux applies the repository', 'Two namespace styles', 'Ingress', 'Storage and backups', 'Secrets',
    ]);
    expect(arch.html).toContain('<h2 id="two-namespace-styles">Two namespace styles</h2>');
    expect(arch.html).toContain('<table>');
  });

  it('resolves a runbook link to an app folder to the app page', () => {
    const runbook = doc(repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/' }).docs, 'docs/runbooks/restore-postgres.md');
    expect(runbook.html).toContain('<a href="/apps/database/cloudnative-pg/"><code>kubernetes/apps/database/cloudnative-pg/</code></a>');
  });

  it('rewrites links between docs to their pages, and ROADMAP/CHANGELOG to their sections', () => {
    const { docs } = repoMarkdown(atlas);
    // A link to a runbook goes to its runbook page.
    expect(doc(docs, 'docs/architecture.md').html).toContain('<a href="/runbooks/sops/">sops/README.md</a>');
    const readme = doc(docs, 'README.md').html;
    expect(readme).toContain('<a href="/roadmap/"><code>ROADMAP.md</code></a>');
    expect(readme).toContain('<a href="/changelog/"><code>CHANGELOG.md</code></a>');
    expect(readme).toContain('<a href="/docs/architecture/"><code>docs/</code></a>');
    expect(readme).toContain('<a href="https://fluxcd.io">Flux</a>');
  });

  it('has no broken links, so no findings', () => {
    expect(docsFindings(atlas)).toEqual([]);
  });

  it('prefixes every site link with the base path', () => {
    const { docs } = repoMarkdown(atlas, { base: '/home-ops/' });
    expect(doc(docs, 'docs/architecture.md').url).toBe('/home-ops/docs/architecture/');
    expect(doc(docs, 'docs/architecture.md').html).toContain('href="/home-ops/runbooks/sops/"');
    const runbooks = repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/', base: '/home-ops/' }).docs;
    expect(doc(runbooks, 'docs/runbooks/restore-postgres.md').html).toContain('href="/home-ops/apps/database/cloudnative-pg/"');
    expect(doc(docs, 'README.md').html).toContain('href="/home-ops/roadmap/"');
  });

  it('links repository files to the forge when repoUrl is set, and leaves them as text when not', async () => {
    const file = 'docs/runbooks/rotate-sops-age-key.md';
    const runbooks = (a: RepoMarkdownInput) => repoMarkdownIn(a, a.config.runbooks, { prefix: '/runbooks/' }).docs;
    const without = doc(runbooks(atlas), file).html;
    const withUrl = await scanFixture(HOMELAB, { repoUrl: 'https://github.com/me/homelab/blob/main/' });
    const linked = doc(runbooks(withUrl), file).html;
    expect(linked).toMatch(/<a href="https:\/\/github\.com\/me\/homelab\/blob\/main\/\.sops\.yaml">[^<]*(<code>)?\.sops\.yaml/);
    expect(without).not.toContain('.sops.yaml"');
    expect(without).toContain('.sops.yaml');
    // Nothing on the site points at a relative repository path that would 404.
    const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] as string);
    for (const href of [atlas, withUrl].flatMap((a) => [...repoMarkdown(a).docs, ...runbooks(a)]).flatMap((d) => hrefs(d.html))) {
      expect(href).toMatch(/^(\/|https?:|mailto:)/);
    }
  });

  it('keeps #fragments to headings of other docs', () => {
    const stuck = doc(repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/' }).docs, 'docs/runbooks/flux-kustomization-stuck.md');
    expect(stuck.html).toContain('href="/docs/architecture/#two-namespace-styles"');
  });

  it('publishes the runbook folders for the runbooks section, still linking to /docs/ pages', () => {
    const runbooks = repoMarkdownIn(atlas, atlas.config.runbooks, { prefix: '/runbooks/' });
    expect(runbooks.docs.map((d) => [d.file, d.url])).toEqual([
      ['docs/runbooks/flux-kustomization-stuck.md', '/runbooks/flux-kustomization-stuck/'],
      ['docs/runbooks/restore-postgres.md', '/runbooks/restore-postgres/'],
      ['docs/runbooks/rotate-sops-age-key.md', '/runbooks/rotate-sops-age-key/'],
      ['docs/sops/README.md', '/runbooks/sops/'],
    ]);
    // A link inside the section goes to the section's own page.
    expect(doc(runbooks.docs, 'docs/sops/README.md').html).toContain('href="/runbooks/rotate-sops-age-key/"');
    expect(doc(runbooks.docs, 'docs/runbooks/restore-postgres.md').html).toContain('href="/apps/database/cloudnative-pg/"');
  });

  it('is memoised per Atlas object', () => {
    expect(repoMarkdown(atlas)).toBe(repoMarkdown(atlas));
    expect(repoMarkdown(atlas, { base: '/x/' })).not.toBe(repoMarkdown(atlas));
  });
});
