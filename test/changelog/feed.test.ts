import { describe, expect, it } from 'vitest';
import { renderAtomFeed } from '../../src/analysis/changelog/feed.ts';
import type { ChangelogEntry } from '../../src/model/changelog-entry.ts';

function entry(over: Partial<ChangelogEntry>): ChangelogEntry {
  return {
    sha: 'a'.repeat(40), date: '2026-08-20T10:00:00+02:00', day: '2026-08-20', subject: 's', kind: 'fix',
    conventional: null, renovate: null, files: [], apps: [], appEvents: [], bumps: [], handwritten: false, ...over,
  };
}

describe('renderAtomFeed', () => {
  it('escapes <script> and every other markup character in subjects, apps and bumps', () => {
    const xml = renderAtomFeed(
      [entry({ subject: 'fix: <script>alert("x")</script> & \'more\'', apps: ['default/<b>'], bumps: [
        { kind: 'image', name: 'x<y', from: '1', to: '2&3', file: 'a.yaml' },
      ] })],
      { siteUrl: 'https://atlas.example.org/' },
    );
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;more&apos;');
    expect(xml).toContain('x&lt;y 1 → 2&amp;3.');
    // Well-formed enough: every opened entry is closed and nothing unescaped is left.
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    expect(xml).toMatch(/<\/feed>\n$/);
  });

  it('strips characters XML 1.0 forbids', () => {
    const xml = renderAtomFeed([entry({ subject: 'a\u0000b\u001Fc\uFFFEd' })], { siteUrl: 'https://x.org' });
    expect(xml).toContain('<title>abcd</title>');
  });

  it('dates the feed by the newest commit, not the clock, and lists newest first', () => {
    const entries = [
      entry({ sha: '1'.repeat(40), subject: 'older', date: '2024-01-02T03:04:05+01:00', day: '2024-01-02' }),
      entry({ sha: '2'.repeat(40), subject: 'newer', date: '2024-02-02T03:04:05-05:00', day: '2024-02-02' }),
      entry({ sha: '3'.repeat(40), subject: 'Merge branch x', kind: 'merge', date: '2025-01-01T00:00:00Z', day: '2025-01-01' }),
    ];
    const xml = renderAtomFeed(entries, { siteUrl: 'https://x.org/', title: 'Homelab' });
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('  <updated>2025-01-01T00:00:00Z</updated>');
    expect(xml).toContain('<updated>2024-02-02T08:04:05Z</updated>');
    expect(xml.indexOf('newer')).toBeLessThan(xml.indexOf('older'));
    expect(xml).not.toContain('Merge branch x');
    expect(xml).toContain(`<id>https://x.org/changelog/#${'2'.repeat(40)}</id>`);
    expect(renderAtomFeed(entries, { siteUrl: 'https://x.org/' })).toBe(renderAtomFeed([...entries].reverse(), { siteUrl: 'https://x.org/' }));
  });
});
