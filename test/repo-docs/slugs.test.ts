import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlugs, slugUrl, wantedSlug } from '../../src/lib/site/repo-markdown-slugs.ts';

describe('doc slugs', () => {
  it('derives the slug from the path below the first docs folder', () => {
    expect(wantedSlug('docs/architecture.md', ['docs'])).toBe('architecture');
    expect(wantedSlug('docs/Runbooks/Restore Postgres.md', ['docs'])).toBe('runbooks/restore-postgres');
    expect(wantedSlug('docs/sops/README.md', ['docs'])).toBe('sops');
    expect(wantedSlug('docs/guide/index.mdx', ['docs'])).toBe('guide');
    expect(wantedSlug('docs/README.md', ['docs'])).toBe('');
    expect(wantedSlug('README.md', ['docs'])).toBe('readme');
    expect(wantedSlug('docs/Räume.md', ['docs'])).toBe('räume');
  });

  it('keeps the last segment of other folders and never takes the assets segment', () => {
    expect(wantedSlug('docs/sops/README.md', ['docs/runbooks', 'docs/sops'])).toBe('sops');
    expect(wantedSlug('docs/runbooks/a.md', ['docs/runbooks', 'docs/sops'])).toBe('a');
    expect(wantedSlug('kubernetes/docs/adr/1.md', ['./docs/', 'kubernetes/docs'])).toBe('docs/adr/1');
    expect(wantedSlug('docs/_assets/x.md', ['docs'])).toBe('assets-doc/x');
  });

  it('resolves collisions deterministically and reports them', () => {
    const { slugs, findings } = assignSlugs(['docs/foo.md', 'docs/Foo.md', 'docs/foo/README.md', 'README.md', 'docs/readme.md'], ['docs']);
    expect(Object.fromEntries(slugs)).toEqual({
      'docs/Foo.md': 'foo',
      'docs/foo.md': 'foo-2',
      'docs/foo/README.md': 'foo-3',
      'docs/readme.md': '',
      'README.md': 'readme',
    });
    expect(findings.map((f) => [f.code, f.source.file])).toEqual([
      ['DOC_URL_COLLISION', 'docs/foo.md'],
      ['DOC_URL_COLLISION', 'docs/foo/README.md'],
    ]);
  });

  it('gives the section index to docs/README.md and renames a second index', () => {
    const { slugs } = assignSlugs(['docs/README.md', 'docs/index.md'], ['docs']);
    expect(slugs.get('docs/README.md')).toBe('');
    expect(slugs.get('docs/index.md')).toBe('index-2');
  });

  it('builds percent-encoded URLs', () => {
    expect(slugUrl('/docs/', '')).toBe('/docs/');
    expect(slugUrl('/docs', 'runbooks/a')).toBe('/docs/runbooks/a/');
    expect(slugUrl('/docs/', 'räume')).toBe('/docs/r%C3%A4ume/');
  });

  it('property: slugs are unique and independent of the order files are listed in', () => {
    const segment = fc.constantFrom('a', 'A', 'b b', 'README', 'index', '_assets', 'x-2', 'ü', '..', '');
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `docs/${parts.join('/')}.md`);
    fc.assert(
      fc.property(fc.uniqueArray(path, { maxLength: 12 }), (files) => {
        const one = assignSlugs(files, ['docs']).slugs;
        const two = assignSlugs([...files].reverse(), ['docs']).slugs;
        expect(new Set(one.values()).size).toBe(files.length);
        expect(Object.fromEntries(two)).toEqual(Object.fromEntries(one));
        for (const slug of one.values()) expect(slug.split('/')[0]).not.toBe('_assets');
      }),
    );
  });
});
