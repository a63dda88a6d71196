import { describe, expect, it } from 'vitest';
import { burndownPoints, renderBurndownSvg } from '../../src/analysis/roadmap/burndown.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';

const version = (statuses: string[], declared: string) =>
  ['# Roadmap', '## HIGH PRIORITY', ...statuses.flatMap((s, i) => [`### H-${i + 1}.1: Item <${i}>`, `**Status**: ${s}`]), '## PROGRESS TRACKING', `**Completion Rate**: ${declared}`].join('\n');

const parse = (text: string) => parseRoadmap(text, 'ROADMAP.md').result;

describe('burn-down', () => {
  const history = [
    { date: '2025-12-01T10:00:00+01:00', text: version(['Completed', 'In Progress', 'Not Started'], '33% (1 of 3)') },
    { date: '2025-11-01T10:00:00+01:00', text: version(['Not Started', 'Not Started', 'Not Started'], '0% (0 of 3)') },
    { date: '2026-01-01T10:00:00+01:00', text: version(['Completed', 'Completed', 'Deferred'], '67% (2 of 3)') },
  ];
  const points = burndownPoints(history, parse);

  it('counts statuses per commit, in date order', () => {
    expect(points.map((p) => [p.date.slice(0, 10), p.total, p.completed, p.open, p.byStatus['in-progress'], p.declaredRemaining])).toEqual([
      ['2025-11-01', 3, 0, 3, 0, 3],
      ['2025-12-01', 3, 1, 2, 1, 2],
      ['2026-01-01', 3, 2, 0, 0, 1],
    ]);
  });

  it('renders a static SVG that follows the theme and escapes its text', () => {
    const svg = renderBurndownSvg(points, 'Burn-down <of> "ROADMAP.md"');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('stroke="currentColor"');
    expect(svg).toContain('<title>Burn-down &lt;of&gt; &quot;ROADMAP.md&quot;</title>');
    expect(svg).not.toContain('<of>');
    expect(svg).toContain('>2025-11-01</text>');
    expect(svg).toContain('>2026-01-01</text>');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('<title>2025-12-01: 2 open, 1 completed of 3; declared remaining 2</title>');
    expect(svg).not.toMatch(/#[0-9a-f]{3,6}\b|NaN|Infinity|<script/i);
    expect(renderBurndownSvg([])).toContain('No history for the roadmap yet.');
    expect(renderBurndownSvg(points.slice(0, 1))).not.toMatch(/NaN|Infinity/);
  });
});
