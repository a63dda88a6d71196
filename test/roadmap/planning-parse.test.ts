import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderUntrustedMarkdown } from '../../src/markdown/safe-html.ts';
import { decisionOf } from '../../src/repo/roadmap/notes.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

/**
 * The planning view's parser over our own fixture (test/fixtures/roadmap/planning-sections.md):
 * one of each section type the seed format has, a section the parser does not know, an ATLAS
 * block and closing metadata. Every number below was read off the fixture by hand.
 */
const text = readFileSync('test/fixtures/roadmap/planning-sections.md', 'utf8');
const { result: r, findings } = parseRoadmap(text, 'ROADMAP.md');

describe('the document outline', () => {
  it('lists every top-level section in order, with what it was read as', () => {
    expect(r.outline.map((o) => [o.title, o.kind, o.line])).toEqual([
      ['Status Overview', 'items', 6],
      ['HIGH PRIORITY', 'items', 11],
      ['COMPLETED IMPROVEMENTS SUMMARY', 'summary', 21],
      ['RECOMMENDED ACTION PLAN', 'plan', 28],
      ['PROGRESS TRACKING', 'progress', 34],
      ['NOTES', 'notes', 38],
      ['ADDITIONAL TOPICS TO ANALYZE (Future Deep Dives)', 'deep-dives', 51],
      ['ANALYSIS QUEUE', 'queue', 75],
      ['Hardware Wishlist', 'other', 84],
      ['PROPOSED ITEMS (from GitOps Atlas)', 'items', 93],
    ]);
  });

  it('keeps a section it does not know as the author wrote it, and says which lines it did not understand', () => {
    expect(r.notes).toEqual([
      {
        title: 'Hardware Wishlist',
        body: 'We would like a <b>third</b> node. <script>alert(1)</script>\n\n| part | price |\n|---|---|\n| NUC | 400 |',
        source: { file: 'ROADMAP.md', line: 84, col: 1 },
      },
    ]);
    expect(r.unparsedLines).toEqual([86, 88, 89, 90]);
    // Shown through the project's safe renderer: the table is a table, the raw HTML is text.
    const html = renderUntrustedMarkdown(r.notes[0]!.body, { file: 'ROADMAP.md' }).html;
    expect(html).toMatch(/<table>[\s\S]*<td>NUC<\/td>/);
    expect(html).not.toMatch(/<script|<b>/);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    expect(findings.map((f) => [f.code, f.source.line])).toEqual([['ROADMAP_UNPARSED', 86]]);
  });
});

describe('metadata', () => {
  it('reads the closing fields after the last rule, even after an ATLAS block, and the next review date', () => {
    expect(r.meta.map((m) => [m.key, m.value, m.line])).toEqual([
      ['Last Updated', '2026-03-02', 3],
      ['Total Issues Identified', '4 (0 Critical, 2 High, 1 Medium, 1 Low)', 4],
      ['Document maintained by', 'the edge team', 108],
      ['Next Review Date', '2026-04-01', 109],
    ]);
    expect(r.nextReview).toBe('2026-04-01');
    expect(r.date).toBe('2026-03-02');
  });

  it('does not take field lines in the middle of the document for closing metadata', () => {
    const mid = parseRoadmap('# R\n## Notes\n- a\n\n---\n\n**Next Review Date**: 2026-01-01\n\n## Later\nwords\n', 'ROADMAP.md').result;
    expect(mid.nextReview).toBeNull();
  });

  it('finds the block GitOps Atlas wrote between its markers; its comments are not text', () => {
    expect(r.generatedBlock).toEqual({ start: 92, end: 104 });
    expect(r.items.map((i) => [i.id, i.status.value, i.priority.value, i.effort?.raw])).toEqual([
      ['H-2.1', 'not-started', 'high', '1 hour'],
      ['P-1', 'not-started', 'medium', '15 minutes'],
    ]);
  });
});

describe('notes', () => {
  it('reads the notes as lists (a nested bullet joins its entry) and deferred items as decisions', () => {
    expect(r.notesSections).toHaveLength(1);
    expect(r.notesSections[0]!.groups.map((g) => [g.title, g.entries.map((e) => e.text)])).toEqual([
      ['Patterns Working Well', ['Velero for everything', 'Renovate; auto-merges digests only']],
      ['Deferred Items', ['Backing up `scratch-cache` (rebuilt from upstream on start)', 'Moving to Argo CD -- Flux works', 'Service mesh']],
    ]);
    expect(r.notesSections[0]!.intro).toEqual({ 'Deferred Items': 'Items intentionally not included in this roadmap:' });
    expect(r.decisions.map((d) => [d.what, d.why, d.line])).toEqual([
      ['Backing up `scratch-cache`', 'rebuilt from upstream on start', 47],
      ['Moving to Argo CD', 'Flux works', 48],
      ['Service mesh', null, 49],
    ]);
  });

  it('shows a notes section with prose as written, still reading its decisions', () => {
    const prose = parseRoadmap('# R\n\n## Notes\n\nWe talked about this at length.\n\n### Out of scope\n- GPU nodes (no budget)\n', 'ROADMAP.md').result;
    expect(prose.notesSections).toEqual([]);
    expect(prose.notes.map((n) => n.title)).toEqual(['Notes']);
    expect(prose.decisions.map((d) => [d.what, d.why])).toEqual([['GPU nodes', 'no budget']]);
  });

  it('splits a decision into what and why at a parenthesis, a dash or a colon', () => {
    expect(decisionOf('Use Cilium mesh: too early', 3)).toEqual({ text: 'Use Cilium mesh: too early', what: 'Use Cilium mesh', why: 'too early', line: 3 });
    expect(decisionOf('Talos on the Pi — not supported', 4).why).toBe('not supported');
    expect(decisionOf('Nothing else', 5).why).toBeNull();
  });
});

describe('deep dives and the queue', () => {
  it('reads a deep dive: fields, numbered questions, labelled lists, checklist', () => {
    const d = r.deepDives[0]!;
    expect([d.title, d.slug, d.status.raw, d.priority.value, d.complexity]).toEqual(['Backup Review', 'backup-review', 'To Be Analyzed', 'high', 'Low']);
    expect(d.questions.map((q) => [q.text, q.line])).toEqual([
      ['Which PVCs are backed up by which system?', 63],
      ['Are scrape intervals optimal?', 64],
      ['Is the coffee machine on the network?', 65],
    ]);
    expect(d.lists.map((l) => [l.title, l.entries.map((e) => e.text)])).toEqual([
      ['Current State', ['**Velero**: daily, 30 day retention', '**Longhorn**: snapshots only']],
      ['Monitoring Gaps', ['Velero: no ServiceMonitor found']],
    ]);
    expect(d.actionItems.map((a) => [a.text, a.checked])).toEqual([
      ['List the volumes', true],
      ['Test a restore', false],
      ['Add a Velero ServiceMonitor', false],
    ]);
  });

  it('reads the analysis queue: numbered bold titles, their notes, its fields and prose', () => {
    expect(r.analysisQueue).toEqual({
      title: 'ANALYSIS QUEUE',
      entries: [
        { position: 1, title: 'Backup Review', note: 'first', line: 79 },
        { position: 2, title: 'Network Review', note: null, line: 80 },
      ],
      fields: [{ key: 'Estimated Effort for All Deep Dives', value: '2-3 hours total', line: 82 }],
      text: 'Next sessions:',
      source: { file: 'ROADMAP.md', line: 75, col: 1 },
    });
  });

  it('still reads the summary, plan and declared progress of the same document', () => {
    expect(r.completed.map((c) => c.id)).toEqual(['H-1.1']);
    expect(r.completedSummary.map((s) => [s.date, s.groups.map((g) => g.title)])).toEqual([['2026-03-01', ['Backups']]]);
    expect(r.plan.map((w) => [w.title, w.tasks.length])).toEqual([['Week 1', 2]]);
    expect(r.declared.overall).toMatchObject({ percent: 25, done: 1, total: 4 });
  });
});
