import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { mergeGenerated } from '../../src/markdown/markers.ts';
import { parseRoadmap } from '../../src/repo/roadmap/parse.ts';
import { EXAMPLE } from './example-planning.ts';

/**
 * `atlas export` and the proposed items: written into the roadmap only when the configuration asks
 * (roadmap.writeProposals), between the ATLAS markers; a repository without a roadmap gets a
 * ROADMAP.md started from them. Temp copies of examples/homelab (no git in them).
 */
const tmp = mkdtempSync(join(tmpdir(), 'atlas-proposals-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function targetsFor(name: string, config: string, dropRoadmap = false) {
  const repo = join(tmp, name);
  cpSync(EXAMPLE, repo, { recursive: true });
  if (dropRoadmap) rmSync(join(repo, 'ROADMAP.md'));
  writeFileSync(join(repo, 'atlas.config.yaml'), config);
  const atlas = await computeAtlas(repo, loadConfig(repo, {}));
  return { atlas, targets: exportTargets(atlas) };
}

describe('atlas export and the proposed items', () => {
  it('leaves the roadmap alone unless roadmap.writeProposals is set', async () => {
    const { targets } = await targetsFor('off', 'title: off\n');
    expect(targets.some((t) => t.file === 'ROADMAP.md')).toBe(false);
  });

  it('writes them between the markers, after the author\'s text, when asked', async () => {
    const { atlas, targets } = await targetsFor('on', 'roadmap:\n  writeProposals: true\n');
    const t = targets.find((x) => x.file === 'ROADMAP.md')!;
    expect(t.generated).toBe(atlas.roadmap.planning!.proposalsMarkdown);
    expect(t.generated).toContain('### P-1: Add NetworkPolicies to 6 more namespaces');
  });

  it('starts a roadmap from them where the repository has none, and says so on the page data', async () => {
    const { atlas, targets } = await targetsFor('none', 'roadmap:\n  writeProposals: true\n', true);
    expect(atlas.roadmap.roadmap).toBeNull();
    const t = targets.find((x) => x.file === 'ROADMAP.md')!;
    const created = mergeGenerated(null, t.generated, 'ROADMAP.md', { title: t.title }).text!;
    const parsed = parseRoadmap(created, 'ROADMAP.md');
    // Every candidate finding is proposed (but monitors switched off in values): nothing covers anything yet.
    const p = atlas.roadmap.planning!.proposals;
    expect(p.proposals.reduce((n, x) => n + x.files.length, 0)).toBe(p.candidates - p.switchedOff.length);
    expect(parsed.result.items.map((i) => i.id)).toEqual(p.proposals.map((x) => x.id));
    expect(parsed.result.unparsedLines).toEqual([]);
    expect(parsed.result.title).toBe('Roadmap');
  });
});
