import type { ChangelogEntry } from '../../model/changelog-entry.ts';

export interface FeedOptions {
  /** Absolute site URL, e.g. `https://atlas.example.org/` (a trailing slash is optional). */
  siteUrl: string;
  /** Feed title (default "Changelog"). */
  title?: string;
  /** Most entries in the feed (default 50), newest first. */
  limit?: number;
}

/**
 * An Atom 1.0 feed (RFC 4287) of the changelog. Every text is XML-escaped and stripped of
 * characters XML 1.0 forbids. `updated` is the newest commit date, never the clock, so two builds
 * of the same commit give the same bytes. Merges are left out (their commits are in the feed).
 */
export function renderAtomFeed(entries: readonly ChangelogEntry[], options: FeedOptions): string {
  const site = options.siteUrl.replace(/\/+$/, '');
  const page = `${site}/changelog/`;
  const items = entries
    .filter((e) => e.kind !== 'merge')
    .slice()
    .sort((a, b) => timeOf(b) - timeOf(a) || (a.sha ?? a.subject).localeCompare(b.sha ?? b.subject))
    .slice(0, options.limit ?? 50);
  const commitTimes = entries.filter((e) => !e.handwritten).map(timeOf).filter(Number.isFinite);
  const newest = commitTimes.length > 0 ? Math.max(...commitTimes) : Math.max(0, ...items.map(timeOf).filter(Number.isFinite));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xml(options.title ?? 'Changelog')}</title>`,
    `  <id>${xml(page)}</id>`,
    `  <link rel="alternate" href="${xml(page)}"/>`,
    `  <link rel="self" href="${xml(`${page}feed.xml`)}"/>`,
    `  <updated>${iso(newest)}</updated>`,
    '  <author><name>GitOps Atlas</name></author>',
  ];
  for (const entry of items) {
    const anchor = entry.sha ?? `${entry.day}-line-${entry.source?.line ?? 0}`;
    const summary = [entry.apps.length > 0 ? `Apps: ${entry.apps.join(', ')}.` : '', ...entry.bumps.map((b) => `${b.name} ${b.from} → ${b.to}.`)]
      .filter(Boolean)
      .join(' ');
    lines.push(
      '  <entry>',
      `    <title>${xml(entry.subject)}</title>`,
      `    <id>${xml(`${page}#${anchor}`)}</id>`,
      `    <link rel="alternate" href="${xml(`${page}#${anchor}`)}"/>`,
      `    <updated>${iso(timeOf(entry))}</updated>`,
      `    <category term="${xml(entry.kind)}"/>`,
      ...(summary ? [`    <summary>${xml(summary)}</summary>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}

/** Escape for element text and attribute values alike. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function timeOf(entry: ChangelogEntry): number {
  return Date.parse(entry.handwritten ? `${entry.day}T00:00:00Z` : entry.date);
}

function iso(time: number): string {
  return new Date(Number.isFinite(time) ? time : 0).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
