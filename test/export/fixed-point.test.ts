/**
 * Issue 16, "exports are a fixed point": `atlas export` run twice writes nothing the second time,
 * and `atlas export --check` right after `atlas export` passes. Checked on the example repository
 * (through the CLI, as a CI step runs it) and on every repository of the shared corpus (in
 * process, each on its own copy in a temp folder: export writes into the repository).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { applyExport, planExport } from '../../src/lib/export/write-plan.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const PROJECT = join(import.meta.dirname, '../..');
const CORPUS = join(PROJECT, '../shared/corpus');
const HAS_CORPUS = existsSync(CORPUS);
/** The corpus as the shared README lists it; a test below checks the list against the folder. */
const CORPUS_REPOS = [
  'bjw-s-labs__home-ops',
  'fluxcd__flux2-kustomize-helm-example',
  'fluxcd__flux2-multi-tenancy',
  'mrtbi__homelab',
  'onedr0p__home-ops',
  'tuxpeople__k8s-server',
  'wrmilling__k3s-gitops',
  'xunholy__k8s-gitops',
];

const tmp = mkdtempSync(join(tmpdir(), 'atlas-fixed-point-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function copy(src: string, name: string): string {
  const dest = join(tmp, name);
  cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

/** One export in process; returns the files it wrote and any finding of the write path. */
async function exportOnce(repo: string): Promise<{ written: string[]; codes: string[] }> {
  const plan = planExport(repo, exportTargets(await computeAtlas(repo, parseConfig({}))));
  const result = applyExport(repo, plan);
  return { written: result.written, codes: [...plan.findings, ...result.findings].map((f) => `${f.code} ${f.source.file}`) };
}

const cli = (args: string[]) => spawnSync(process.execPath, [join(PROJECT, 'scripts/atlas.mjs'), ...args], { encoding: 'utf8', cwd: PROJECT });

describe('the example repository: export, export again, export --check', () => {
  it('the second export writes nothing and --check passes', () => {
    const repo = copy(join(PROJECT, 'examples/homelab'), 'example');
    const first = cli(['export', '--repo', repo]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^wrote [1-9]\d* of \d+ files\n$/);
    const second = cli(['export', '--repo', repo]);
    expect(second.stdout).toMatch(/^wrote 0 of \d+ files\n$/);
    const check = cli(['export', '--check', '--repo', repo]);
    expect(check.stdout).not.toContain('out of date');
    expect(check.status).toBe(0);
  }, 120_000);
});

describe.skipIf(!HAS_CORPUS)('every corpus repository: a second export writes nothing (skipped: ../shared/corpus is absent)', () => {
  it('the list of corpus repositories is complete', () => {
    expect(readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()).toEqual(CORPUS_REPOS);
  });

  it.each(CORPUS_REPOS)('%s', async (name) => {
    const repo = copy(join(CORPUS, name), name);
    const first = await exportOnce(repo);
    expect(first.written.length).toBeGreaterThan(0);
    const second = await exportOnce(repo);
    expect(second.written).toEqual([]);
    expect(second.codes).toEqual(first.codes);
  }, 120_000);
});
