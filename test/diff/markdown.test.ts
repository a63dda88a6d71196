/**
 * The PR comment: verdict, table, folded details, links into the published site, bounded length,
 * and repository strings escaped (a name with `|`, `<script>` or an @mention cannot break the
 * table, inject HTML or ping anyone).
 */
import { describe, expect, it } from 'vitest';
import { esc, renderMarkdown, STICKY_MARKER } from '../../src/lib/diff/markdown.ts';
import { DiffReportSchema, type DiffReport, type VersionChange } from '../../src/lib/diff/schema.ts';

const empty: DiffReport = {
  version: 1,
  base: { rev: 'origin/main', sha: 'a'.repeat(40) },
  head: { rev: null, sha: null },
  verdict: 'No change to the cluster.',
  apps: { added: [], removed: [], disabled: [], enabled: [], moved: [] },
  versions: [],
  changes: [],
  dependsOn: { added: [], removed: [], newCycles: [], fixedCycles: [], newMissing: [], fixedMissing: [] },
  secrets: { added: [], removed: [], rotated: [] },
  coverage: [],
  findings: { introduced: [], fixed: [] },
  roadmap: [],
};

const bump = (i: number, update: VersionChange['update'] = 'patch'): VersionChange => ({
  appId: `media/app-${String(i).padStart(3, '0')}`, kind: 'chart', name: `chart-${i}`, helmRelease: `HelmRelease/media/app-${i}`, path: null,
  from: '1.0.0', to: '1.0.1', update, downgrade: false, file: `kubernetes/apps/media/app-${i}/app/helmrelease.yaml`, line: 1,
});

describe('renderMarkdown', () => {
  it('no change: the verdict and the revisions, no table', () => {
    const md = renderMarkdown(DiffReportSchema.parse(empty));
    expect(md).toContain('**No change to the cluster.**');
    expect(md).toContain('`origin/main` (`aaaaaaa`) -> the working tree');
    expect(md).not.toContain('| App |');
    expect(md).not.toContain(STICKY_MARKER);
  });

  it('a major update comes first in the table; every change is in the folded details', () => {
    const d = { ...empty, verdict: '2 version updates (1 major, 1 patch).', versions: [bump(1), bump(2, 'major')] };
    const md = renderMarkdown(d);
    const table = md.split('\n').filter((l) => l.startsWith('| media/'));
    expect(table).toEqual([
      '| media/app-002 | major update | chart `chart-2` `1.0.0` -> `1.0.1` (major) |',
      '| media/app-001 | patch update | chart `chart-1` `1.0.0` -> `1.0.1` (patch) |',
    ]);
    expect(md).toMatch(/<details><summary>Version updates \(2\)<\/summary>\n\n- media\/app-001: chart/);
  });

  it('bounded: the table and each section stop with "and N more"', () => {
    const d = { ...empty, versions: Array.from({ length: 130 }, (_, i) => bump(i)) };
    const md = renderMarkdown(d, { tableRows: 10, sectionLines: 50 });
    expect(md.split('\n').filter((l) => l.startsWith('| media/'))).toHaveLength(10);
    expect(md).toContain('| | and 120 more | see below |');
    expect(md).toContain('- and 80 more');
    expect(md.length).toBeLessThan(20_000);
  });

  it('links apps into the published site when site (and base) are configured', () => {
    const d = { ...empty, versions: [bump(1)] };
    expect(renderMarkdown(d, { site: 'https://me.github.io', base: '/home-ops' })).toContain('| [media/app-001](https://me.github.io/home-ops/apps/media/app-001/) |');
    expect(renderMarkdown(d, { site: 'https://me.github.io/' })).toContain('[media/app-001](https://me.github.io/apps/media/app-001/)');
    expect(renderMarkdown(d)).toContain('| media/app-001 |');
  });

  it('repository strings cannot break the table, inject HTML or mention anyone', () => {
    expect(esc('a|b <script>alert(1)</script> @admin `x` *y*')).toBe('a\\|b &lt;script&gt;alert(1)&lt;/script&gt; &#64;admin \\`x\\` \\*y\\*');
    const d = {
      ...empty,
      findings: { introduced: [{ code: 'X_Y', severity: 'error' as const, message: 'bad | <img src=x onerror=alert(1)> @team', file: 'a|b.yaml', line: 3, objectId: null, appId: null }], fixed: [] },
    };
    const md = renderMarkdown(d);
    expect(md).not.toMatch(/<img|@team/);
    for (const row of md.split('\n').filter((l) => l.startsWith('| - |'))) expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it('--format github: the sticky marker on the first line', () => {
    expect(renderMarkdown(empty, { marker: true }).split('\n')[0]).toBe(STICKY_MARKER);
  });
});
