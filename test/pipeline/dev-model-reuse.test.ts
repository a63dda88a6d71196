/**
 * `astro dev` after a save that changed no YAML file (a README, the roadmap, a runbook): the scan
 * reuses the model the last scan built (src/repo/scan.ts, unchangedModel) and only the analyses run
 * again. What it gives must equal a fresh scan, and nothing after the scan may write into the model,
 * since two Atlases now share it. A copy of the example repository in a temporary folder.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas, type Atlas } from '../../src/pipeline/atlas.ts';
import { scanRepo, type ReadCache } from '../../src/repo/scan.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/homelab');
let repo: string;

beforeAll(() => {
  repo = join(mkdtempSync(join(tmpdir(), 'atlas-model-reuse-')), 'homelab');
  cpSync(EXAMPLE, repo, { recursive: true });
});
afterAll(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

/** Freeze every object reachable from `value`: a later write into it throws (modules run in strict mode). */
function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  for (const v of value instanceof Map || value instanceof Set ? value.values() : Object.values(value)) deepFreeze(v, seen);
  Object.freeze(value);
}

/** What the pages and exports read: the model, the analyses and the roadmap, as plain data. */
const facts = (a: Atlas) => JSON.parse(JSON.stringify({ model: a.model, analysis: a.analysis, roadmap: a.roadmap })) as unknown;

describe('dev re-scan after a save that changed no YAML file', () => {
  it('reuses the model, which nothing after the scan changes, and equals a fresh scan', async () => {
    const config = loadConfig(repo, {});
    const cache: ReadCache = new Map();
    const scan = async (earlier?: Atlas) => computeAtlas(repo, config, { cache, ...(earlier ? { earlierMarkdown: earlier.markdown } : {}) });
    // The model the scan built and keeps for reuse, frozen: a later write into it, or into anything a
    // reused model shares with it, throws.
    deepFreeze((await scanRepo(repo, config, { cache })).model);
    const first = await scan();

    // The hand-written CHANGELOG.md rewritten to the same size: the changelog reads it again.
    const changelog = join(repo, 'CHANGELOG.md');
    const before = readFileSync(changelog, 'utf8');
    writeFileSync(changelog, before.replace('Enabled cert-manager', 'Enabled Cert-manager'));
    const sameSize = await scan(first);
    expect(sameSize.model.apps).toBe(first.model.apps);
    expect(sameSize.changelog).toEqual((await computeAtlas(repo, config)).changelog);
    expect(sameSize.changelog).not.toEqual(first.changelog);
    // A new model and files list: memos keyed on them may hold what the last scan read from disk and git.
    expect(sameSize.model).not.toBe(first.model);
    expect(sameSize.model.files).not.toBe(first.model.files);

    // The roadmap gains a line and the README a section: Markdown only.
    appendFileSync(join(repo, 'ROADMAP.md'), '\n- A note written while the dev server runs.\n');
    appendFileSync(join(repo, 'README.md'), '\n## Notes\n\nSee [the apps](./kubernetes/apps/).\n');
    const second = await scan(sameSize);
    expect(second.model.apps).toBe(first.model.apps);
    expect(second.model.files.find((f) => f.path === 'README.md')?.size).toBe(statSync(join(repo, 'README.md')).size);
    expect(facts(second)).toEqual(facts(await computeAtlas(repo, config)));
    // The analyses of the same lists with the same inputs are the ones computed before (src/analysis/index.ts).
    expect(second.analysis.graph).toBe(sameSize.analysis.graph);
    expect(second.analysis.health).toBe(sameSize.analysis.health);
    expect(second.analysis.secrets).toBe(sameSize.analysis.secrets);
    expect(second.analysis.runbooks).toBe(sameSize.analysis.runbooks);

    // A hand-written runbook edited: the runbooks are made again, the other analyses kept.
    appendFileSync(join(repo, 'docs/runbooks/restore-postgres.md'), '\n## Afterwards\n\nCheck the app page.\n');
    const withRunbook = await scan(second);
    expect(withRunbook.model.apps).toBe(first.model.apps);
    expect(withRunbook.analysis.runbooks).not.toBe(second.analysis.runbooks);
    expect(withRunbook.analysis.graph).toBe(second.analysis.graph);
    expect(facts(withRunbook)).toEqual(facts(await computeAtlas(repo, config)));

    // A HelmRelease edit: a new model, again equal to a fresh scan.
    const hr = join(repo, 'kubernetes/apps/ai/ollama/app/helmrelease.yaml');
    writeFileSync(hr, readFileSync(hr, 'utf8').replace(/interval: \S+/, 'interval: 2h'));
    const third = await scan(withRunbook);
    expect(third.model.apps).not.toBe(first.model.apps);
    expect(third.analysis.graph).not.toBe(withRunbook.analysis.graph);
    expect(facts(third)).toEqual(facts(await computeAtlas(repo, config)));

    // A new Markdown file: the file list changed, so the model is built again.
    writeFileSync(join(repo, 'docs-new.md'), '# New\n');
    const fourth = await scan(third);
    expect(fourth.model.apps).not.toBe(third.model.apps);
    expect(fourth.model.files.some((f) => f.path === 'docs-new.md')).toBe(true);
    expect(facts(fourth)).toEqual(facts(await computeAtlas(repo, config)));
  });
});
