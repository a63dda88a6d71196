/**
 * Figure 1: scan + model + analysis against the floor (read and yaml-parse the same files once).
 * In-process on the synthetic repository (both warmed up once, then interleaved), and as whole
 * processes (start-up included) on the largest corpus repository: `atlas scan --json` against
 * scripts/bench/floor.ts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyse } from '../../src/analysis/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { readAndParse, yamlFilesOf } from './floor.ts';
import { ensureOk, median, PROJECT_ROOT, runChild, timed } from './measure.ts';

export interface RatioResult {
  ms: number;
  floorMs: number;
  ratio: number;
  runs: number[];
  floorRuns: number[];
}

const result = (runs: number[], floorRuns: number[]): RatioResult => ({
  ms: median(runs),
  floorMs: median(floorRuns),
  ratio: median(runs) / median(floorRuns),
  runs,
  floorRuns,
});

export async function scanInProcess(repo: string, runs: number): Promise<RatioResult & { apps: number; docs: number }> {
  // The repository's own configuration (atlas.config.yaml), as `atlas scan` reads it.
  const config = loadConfig(repo);
  const scan = async () => {
    const { model } = await scanRepo(repo, config);
    analyse(model, config);
    return model;
  };
  const floor = () => readAndParse(yamlFilesOf(repo));
  // Warm-up: module loading and JIT are start-up, measured by the process comparison instead.
  const model = await scan();
  const parsed = floor();
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push((await timed(floor)).ms);
    ours.push((await timed(scan)).ms);
  }
  return { ...result(ours, base), apps: model.apps.length, docs: parsed.docs };
}

/** Every corpus repository with its YAML bytes, largest first; empty when ../shared/corpus is absent. */
export function corpusRepos(): { dir: string; yamlBytes: number }[] {
  const corpus = resolve(PROJECT_ROOT, '../shared/corpus');
  if (!existsSync(corpus)) return [];
  const out: { dir: string; yamlBytes: number }[] = [];
  for (const name of readdirSync(corpus).sort()) {
    const dir = join(corpus, name);
    if (!statSync(dir).isDirectory()) continue;
    out.push({ dir, yamlBytes: yamlFilesOf(dir).reduce((s, f) => s + statSync(f).size, 0) });
  }
  return out.sort((a, b) => b.yamlBytes - a.yamlBytes);
}

/**
 * `atlas scan --json` against the floor process, both whole processes. The floor parses the
 * repository's Markdown once too: the scan reads the docs (links, roadmap, runbooks), so a floor
 * of YAML alone would blame our Markdown work on the model.
 */
export async function scanProcess(repo: string, runs: number): Promise<RatioResult> {
  const node = process.execPath;
  const scanArgs = [join(PROJECT_ROOT, 'scripts/atlas.mjs'), 'scan', '--repo', repo, '--json', '--quiet'];
  const floorArgs = [join(PROJECT_ROOT, 'scripts/bench/floor.ts'), repo, '--markdown'];
  // One unmeasured run each fills the page cache and Node's compile cache alike.
  ensureOk(await runChild(node, floorArgs), 'floor');
  ensureOk(await runChild(node, scanArgs), 'atlas scan');
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(ensureOk(await runChild(node, floorArgs), 'floor').ms);
    ours.push(ensureOk(await runChild(node, scanArgs), 'atlas scan').ms);
  }
  return result(ours, base);
}

/** `atlas check` (exit 0 or 1: findings are not a failure here) against `atlas scan --json`, processes. */
export async function checkProcess(repo: string, runs: number): Promise<RatioResult> {
  const node = process.execPath;
  const cli = join(PROJECT_ROOT, 'scripts/atlas.mjs');
  const checkArgs = [cli, 'check', '--repo', repo, '--format', 'json', '--quiet'];
  const scanArgs = [cli, 'scan', '--repo', repo, '--json', '--quiet'];
  const check = async () => {
    const run = await runChild(node, checkArgs);
    return run.code === 1 ? run : ensureOk(run, 'atlas check');
  };
  await check();
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(ensureOk(await runChild(node, scanArgs), 'atlas scan').ms);
    ours.push((await check()).ms);
  }
  return result(ours, base);
}
