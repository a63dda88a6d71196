import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoadmapSchema } from '../../src/model/roadmap.ts';
import { findRoadmapPath } from '../../src/repo/roadmap/find.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

const fixture = readFileSync('test/fixtures/roadmap/homelab-roadmap.md', 'utf8');

function garble(text: string): string {
  return new TextDecoder('macintosh').decode(new TextEncoder().encode(text));
}

describe('parseRoadmap on a roadmap in the seed format', () => {
  const { result, findings } = parseRoadmap(fixture, 'docs/ROADMAP.md');

  it('reads items with every status, and slugs that keep H-1.11 and H-11.1 apart', () => {
    expect(result.items.map((i) => [i.id, i.slug, i.status.value, i.priority.value, i.check])).toEqual([
      ['H-1.1', 'h-1_1', 'not-started', 'high', 'network-policy-coverage'],
      ['H-1.11', 'h-1_11', 'completed', 'high', 'externalsecret-refresh-interval'],
      ['H-11.1', 'h-11_1', 'in-progress', 'high', 'servicemonitor-coverage'],
      ['M-1.1', 'm-1_1', 'blocked', 'medium', 'pvc-backup-annotations'],
      ['M-1.2', 'm-1_2', 'not-started', 'medium', null],
      ['L-1.1', 'l-1_1', 'deferred', 'low', 'timeout-standard'],
    ]);
    expect(result.items[2]!.effort).toEqual({ raw: '1-2 days', minHours: 8, maxHours: 16 });
    expect(result.items[2]!.checkboxes).toEqual([
      { text: 'Cilium scrape config reviewed', checked: true, line: 65 },
      { text: 'Velero metrics port confirmed', checked: false, line: 66 },
    ]);
    expect(findings).toEqual([]);
    expect(result.unparsedLines).toEqual([]);
    expect(() => RoadmapSchema.parse(result)).not.toThrow();
  });

  it('keeps hostile text as text in the body (rendering escapes it)', () => {
    const l11 = result.items.find((i) => i.id === 'L-1.1')!;
    expect(l11.body).toContain('<script>alert("roadmap")</script> and {props.secret} stay text.');
  });

  it('reads the same roadmap after its emoji were garbled (UTF-8 read as Mac Roman)', () => {
    const garbled = parseRoadmap(garble(fixture), 'docs/ROADMAP.md');
    expect(garbled.result.repairedMojibake).toBeGreaterThan(10);
    expect({ ...garbled.result, repairedMojibake: 0 }).toEqual(result);
    expect(garbled.findings.map((f) => f.code)).toEqual(['ROADMAP_MOJIBAKE_REPAIRED']);
  });

  it('reads the same roadmap with every emoji removed (sections are found by words)', () => {
    const bare = fixture.replace(/\p{Extended_Pictographic}\uFE0F?\s?/gu, '');
    const parsed = parseRoadmap(bare, 'docs/ROADMAP.md').result;
    expect(parsed.items.map((i) => i.id)).toEqual(result.items.map((i) => i.id));
    expect(parsed.plan.map((w) => w.title)).toEqual(['Week 1 (Security)', 'Week 2 (Networking)']);
    expect(parsed.declared.overall).toEqual(result.declared.overall);
    expect(parsed.completed.map((c) => c.id)).toEqual(['C-1.1', 'H-2.1']);
  });

  it('does not take a heading or checkbox inside a code block for structure', () => {
    const text = '## HIGH\n\n### H-1.1: Real\n**Status**: Done\n\n```md\n### H-9.9: Fake\n- [ ] fake box\n```\n';
    const { result: r } = parseRoadmap(text, 'ROADMAP.md');
    expect(r.items.map((i) => i.id)).toEqual(['H-1.1']);
    expect(r.items[0]!.checkboxes).toEqual([]);
    expect(r.items[0]!.body).toContain('### H-9.9: Fake');
  });

  it('gives duplicate ids distinct slugs and says so', () => {
    const { result: r, findings: f } = parseRoadmap('## A\n### H-1.1: One\n**Status**: Done\n### H-1.1: Two\n**Status**: Done\n', 'ROADMAP.md');
    expect(r.items.map((i) => i.slug)).toEqual(['h-1_1', 'h-1_1--2']);
    expect(f.map((x) => [x.code, x.source.line])).toEqual([['ROADMAP_DUPLICATE_ID', 4]]);
  });
});

describe('roadmaps of other shapes', () => {
  it('makes a plan of headings and checkboxes and lists the lines it did not understand', () => {
    const text = ['# Roadmap', '', '## Q1', '- [x] Ship backups', '- [ ] Add alerts', '', '## Ideas', 'Maybe move to Talos.', '- try Cilium mesh', ''].join('\n');
    const { result: r, findings } = parseRoadmap(text, 'ROADMAP.md');
    expect(r.plan).toEqual([
      {
        title: 'Q1',
        source: { file: 'ROADMAP.md', line: 3, col: 1 },
        tasks: [
          { text: 'Ship backups', checked: true, line: 4, itemId: null },
          { text: 'Add alerts', checked: false, line: 5, itemId: null },
        ],
      },
    ]);
    expect(r.unparsedLines).toEqual([8, 9]);
    expect(r.notes.map((n) => [n.title, n.body])).toEqual([['Ideas', 'Maybe move to Talos.\n- try Cilium mesh']]);
    expect(findings).toEqual([
      {
        code: 'ROADMAP_UNPARSED',
        severity: 'info',
        message: '2 of 10 lines of the roadmap were not understood and are shown as text: lines 8-9.',
        source: { file: 'ROADMAP.md', line: 8, col: 1 },
        area: 'roadmap',
      },
    ]);
  });

  it('warns when nothing at all was understood', () => {
    const { findings } = parseRoadmap('just some words\nand more', 'IMPROVEMENTS.md');
    expect(findings).toEqual([]);
    const f2 = parseRoadmap('## Things\nwords\n| a | b |', 'IMPROVEMENTS.md').findings;
    expect(f2.map((f) => [f.code, f.severity])).toEqual([['ROADMAP_UNPARSED', 'warning']]);
  });

  it('reads the seed sections nested one level deeper under several `#` parts', () => {
    // Two `#` parts: no document title, so the `#` headings are the sections and the seed's `##` sit inside.
    const nested = ['# Part one', fixture.replace(/^# .*\n/, ''), '# Part two', '- [ ] later'].join('\n');
    const { result: r } = parseRoadmap(nested, 'ROADMAP.md');
    const flat = parseRoadmap(fixture, 'ROADMAP.md').result;
    expect(r.items.map((i) => i.id)).toEqual(flat.items.map((i) => i.id));
    expect(r.plan.map((w) => w.title)).toEqual([...flat.plan.map((w) => w.title), 'Part two']);
    expect(r.deepDives.map((d) => d.title)).toEqual(['Backup Strategy']);
    expect(r.declared.byPriority).toHaveLength(4);
    expect(r.completedSummary).toHaveLength(1);
    expect(r.completed.map((c) => c.id)).toEqual(['C-1.1', 'H-2.1']);
    // The header fields now sit in the first part, where no section expects them.
    expect(r.unparsedLines).toEqual([3, 4]);
  });

  it('reads `# Section / ## Item` roadmaps and CRLF line endings', () => {
    const text = '# High\r\n## H-1.1: Do it\r\n**Status**: In Progress\r\n**Effort**: 2h\r\n# Low\r\n## L-1.1 - Later\r\n**Status**: Not Started\r\n';
    const { result: r } = parseRoadmap(text, 'ROADMAP.md');
    expect(r.items.map((i) => [i.id, i.title, i.status.value, i.priority.value, i.priority.from])).toEqual([
      ['H-1.1', 'Do it', 'in-progress', 'high', 'section'],
      ['L-1.1', 'Later', 'not-started', 'low', 'section'],
    ]);
  });
});

describe('robustness', () => {
  const roadmapLine = fc.constantFrom(
    '# Roadmap', '## 🔴 HIGH PRIORITY', '## PROGRESS TRACKING', '## ACTION PLAN', '## Deep Dives', '## NOTES', '## COMPLETED SUMMARY',
    '### H-1.1: Item', '### M-2.10: Other', '### Week 1', '#### Critical Issues', '### ✅ Completed (2025-01-01)',
    '**Status**: Not Started', '**Status**: Done', '**Priority**: HIGH', '**Effort**: 1-2 days', '**Check**: timeout-standard',
    '- [ ] task', '- [x] H-1.1: done task', '1. **Cilium** - metrics', '- File to create: `a/b.yaml`', '**Files to Update**:',
    '- **C-1.1**: fixed', '**Completion Rate**: 21% (17 of 82)', '- High: 31% (4/13)', '```yaml', '```', '---', '', 'prose ‚úÖ üî¥',
    '<script>x</script>', '{mdx}', '   - nested `x/y`', '**Next Milestone**: all (3 remaining)',
  );

  it('never throws on arbitrary text, and every unparsed line exists', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { result, findings } = parseRoadmap(text, 'ROADMAP.md');
        expect(findings.some((f) => f.code === 'ROADMAP_PARSER_ERROR')).toBe(false);
        const lines = text.split('\n').length;
        expect(result.unparsedLines.every((n) => n >= 1 && n <= lines)).toBe(true);
      }),
    );
  });

  it('never throws on random mixes of roadmap lines, and the result fits the schema', () => {
    fc.assert(
      fc.property(fc.array(roadmapLine, { maxLength: 60 }), (lines) => {
        const { result, findings } = parseRoadmap(lines.join('\n'), 'ROADMAP.md');
        expect(findings.some((f) => f.code === 'ROADMAP_PARSER_ERROR')).toBe(false);
        RoadmapSchema.parse(result);
        expect(new Set(result.items.map((i) => i.slug)).size).toBe(result.items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('parses a 10 MB roadmap in bounded time', () => {
    const unit = fixture.slice(fixture.indexOf('\n'));
    const copies = Math.ceil((10 * 1024 * 1024) / unit.length);
    const big = '# Big Roadmap\n' + Array.from({ length: copies }, () => unit).join('\n') + `\n${'x'.repeat(200_000)}\n${'**'.repeat(50_000)}\n`;
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const start = performance.now();
    const { result } = parseRoadmap(big, 'ROADMAP.md');
    const ms = performance.now() - start;
    expect(result.items.length).toBe(copies * 6);
    expect(result.plan.length).toBe(copies * 2);
    expect(result.declared.overall?.done).toBe(3);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);
});

describe('findRoadmapPath', () => {
  it('prefers the configured path, then ROADMAP.md, IMPROVEMENTS.md, docs/ROADMAP.md in any case', () => {
    expect(findRoadmapPath(['README.md', 'docs/roadmap.md', 'Improvements.md'])).toBe('Improvements.md');
    expect(findRoadmapPath(['docs/Roadmap.md'])).toBe('docs/Roadmap.md');
    expect(findRoadmapPath(['roadmap.md', 'IMPROVEMENTS.md'])).toBe('roadmap.md');
    expect(findRoadmapPath(['plans/next.md', 'ROADMAP.md'], 'plans/next.md')).toBe('plans/next.md');
    expect(findRoadmapPath(['ROADMAP.md'], 'missing.md')).toBe(null);
    expect(findRoadmapPath(['README.md'])).toBe(null);
  });
});
