import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySubject } from '../../src/analysis/changelog/classify.ts';
import type { ChangelogEntry } from '../../src/model/changelog-entry.ts';
import {
  appAnchor,
  bumpWords,
  categoriesOf,
  codeSpans,
  commitHref,
  dayLabel,
  entryAnchor,
  groupByDay,
  headline,
  renovateWords,
  shortName,
  shown,
} from '../../src/components/changelog/entry-view.ts';

const SHA = '6e7667eaf4de02e34da42a766efc5a0ffcb07a21';

/** An entry as buildChangelog makes it from a subject (no files, no bumps unless given). */
function entry(subject: string, extra: Partial<ChangelogEntry> = {}): ChangelogEntry {
  const c = classifySubject(subject);
  return {
    sha: SHA, date: '2024-03-06T09:30:00+01:00', day: '2024-03-06', subject, kind: c.kind,
    conventional: c.conventional, renovate: c.renovate, files: [], apps: [], appEvents: [], bumps: [],
    handwritten: false, ...extra,
  };
}

describe('Renovate updates in words people use', () => {
  it('names images and charts the way people say them', () => {
    expect(headline(entry('fix(container): update image ghcr.io/jellyfin/jellyfin ( 10.10.3 → 10.10.4 )'))).toBe('jellyfin image 10.10.3 → 10.10.4');
    expect(headline(entry('feat(helm): update chart app-template ( 3.5.1 → 3.6.0 )'))).toBe('chart app-template 3.5.1 → 3.6.0');
    expect(headline(entry('chore(deps): update actions/checkout action to v4.2.2'))).toMatch(/^actions\/checkout .*→ v4\.2\.2$/);
  });

  it('prefers the bumps read from the diff over the subject', () => {
    const tidy = entry('chore: tidy', {
      bumps: [
        { kind: 'chart', name: 'app-template', from: '3.5.1', to: '3.6.0', file: 'a/helmrelease.yaml' },
        { kind: 'image', name: 'ghcr.io/home-operations/sonarr', from: '4.0.14', to: '4.0.15', file: 'a/helmrelease.yaml' },
      ],
    });
    expect(headline(tidy)).toBe('chart app-template 3.5.1 → 3.6.0; sonarr image 4.0.14 → 4.0.15');
    expect(categoriesOf(tidy)).toEqual(['update']);
  });

  it('keeps plain subjects and reverts as written', () => {
    expect(headline(entry('Move paperless to the new NFS share'))).toBe('Move paperless to the new NFS share');
    const revert = entry('Revert "fix(container): update image ghcr.io/jellyfin/jellyfin ( 10.10.3 → 10.10.4 )"');
    expect(headline(revert)).toBe(revert.subject);
  });

  it('shortens registries and keeps GitHub owner/repo', () => {
    expect(shortName('oci://ghcr.io/bjw-s/helm/app-template')).toBe('app-template');
    expect(shortName('docker.io/library/busybox')).toBe('busybox');
    expect(renovateWords({ datasource: 'github-release', package: 'siderolabs/talos', group: false, from: 'v1.10.5', to: 'v1.10.6', isRenovate: true }))
      .toBe('siderolabs/talos release v1.10.5 → v1.10.6');
    expect(renovateWords({ datasource: 'helm', package: 'rook-ceph', group: true, from: null, to: 'v1.17.1', isRenovate: true }))
      .toBe('rook-ceph group → v1.17.1');
    expect(bumpWords({ kind: 'image', name: 'ghcr.io/x/y', from: 'sha256:0123456789ab', to: 'sha256:ba9876543210' }))
      .toBe('y image sha256:0123456789ab → sha256:ba9876543210');
  });
});

describe('categories', () => {
  it('files a breaking feature under both, breaking first', () => {
    expect(categoriesOf(entry('feat(cilium)!: switch to native routing'))).toEqual(['breaking', 'feature']);
    expect(categoriesOf(entry('fix(dns): forward to the router'))).toEqual(['fix']);
    expect(categoriesOf(entry('chore: tidy'))).toEqual(['other']);
    expect(categoriesOf(entry('Added NetworkPolicies', { sha: null, handwritten: true }))).toEqual(['handwritten']);
    expect(categoriesOf(entry('fix: restore the DNS forwarder', { sha: null, handwritten: true }))).toEqual(['fix', 'handwritten']);
  });

  it('leaves merges out of the lists', () => {
    const merge = entry("Merge pull request #12 from me/renovate/jellyfin", { kind: 'merge' });
    expect(shown([merge, entry('chore: tidy')]).map((e) => e.subject)).toEqual(['chore: tidy']);
  });
});

describe('commit links', () => {
  it('derives the commit page from a GitHub, Forgejo or GitLab file URL', () => {
    expect(commitHref('https://github.com/me/home-ops/blob/main/', SHA)).toBe(`https://github.com/me/home-ops/commit/${SHA}`);
    expect(commitHref('https://github.com/me/home-ops/tree/main/examples/homelab', SHA)).toBe(`https://github.com/me/home-ops/commit/${SHA}`);
    expect(commitHref('https://codeberg.org/me/home-ops/src/branch/main/', SHA)).toBe(`https://codeberg.org/me/home-ops/commit/${SHA}`);
    expect(commitHref('https://gitlab.com/group/sub/home-ops/-/blob/main/', SHA)).toBe(`https://gitlab.com/group/sub/home-ops/-/commit/${SHA}`);
  });

  it('gives null where it cannot tell, so the sha is shown as text', () => {
    expect(commitHref(null, SHA)).toBeNull();
    expect(commitHref('https://git.example.org/home-ops', SHA)).toBeNull();
    expect(commitHref('javascript:alert(1)//blob/x/', SHA)).toBeNull();
    expect(commitHref('https://github.com/me/home-ops/blob/main/', 'not-a-sha')).toBeNull();
  });
});

describe('anchors and days', () => {
  it('uses the anchors the feed links to', () => {
    expect(entryAnchor(entry('x'))).toBe(SHA);
    expect(entryAnchor(entry('x', { sha: null, handwritten: true, source: { file: 'CHANGELOG.md', line: 9, col: 1 } }))).toBe('2024-03-06-line-9');
    expect(appAnchor('media/jellyfin')).toBe('app-media-jellyfin');
  });

  it('labels days without the clock or the time zone', () => {
    expect(dayLabel('2024-03-04')).toBe('Mon 4 Mar 2024');
    expect(dayLabel('2024-12-31')).toBe('Tue 31 Dec 2024');
    expect(dayLabel('garbage')).toBe('garbage');
  });

  it('groups consecutive entries by day, keeping order', () => {
    const days = groupByDay([{ day: 'b' }, { day: 'b' }, { day: 'a' }]).map((g) => [g.day, g.entries.length]);
    expect(days).toEqual([['b', 2], ['a', 1]]);
  });
});

describe('code spans', () => {
  it('splits balanced backticks and leaves unbalanced text alone', () => {
    expect(codeSpans('Set `wait: true` on `longhorn`')).toEqual([
      { text: 'Set ', code: false },
      { text: 'wait: true', code: true },
      { text: ' on ', code: false },
      { text: 'longhorn', code: true },
    ]);
    expect(codeSpans('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
    // An empty code span marks nothing: the text stays as written (found by the property below).
    expect(codeSpans('`` a')).toEqual([{ text: '`` a', code: false }]);
  });

  it('loses no character of any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parts = codeSpans(text);
        const joined = parts.length === 1 && !parts[0]!.code ? parts[0]!.text : parts.map((p) => p.text).join('');
        expect(joined).toBe(parts.length === 1 && !parts[0]!.code ? text : text.replaceAll('`', ''));
      }),
    );
  });
});
