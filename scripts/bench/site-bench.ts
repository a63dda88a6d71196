/**
 * Figures 2 and 3: a cold `atlas build` of the synthetic repository (child process, in a private
 * copy of the Astro project, with its own cache folder) against a plain Starlight site of as many
 * pages of the same average HTML size; and the build's peak RSS.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOk, median, runChild, siteSize, type ChildRun } from './measure.ts';
import { buildBaseline, prepareBaseline } from './starlight-baseline.ts';

export interface SiteResult {
  ms: number;
  baselineMs: number;
  ratio: number;
  /**
   * The fastest build of ours over the fastest of the baseline, of the same run: on a machine whose
   * other guests take CPU in bursts, a second reading of the same ratio (the goal is judged on medians).
   */
  fastestRatio: number;
  peakRss: number | null;
  baselinePeakRss: number | null;
  pages: number;
  distBytes: number;
  avgPageBytes: number;
  baselineAvgPageBytes: number;
  baselineDistBytes: number;
  runs: number[];
  baselineRuns: number[];
}

/** One cold build; retried once on the clash of two builds sharing `.astro/` (cannot happen in our copy, but cheap). */
async function buildOurs(project: string, repo: string, out: string): Promise<ChildRun> {
  const once = () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(join(project, '.astro'), { recursive: true, force: true });
    const cache = join(project, '.cache');
    rmSync(cache, { recursive: true, force: true });
    return runChild(process.execPath, [join(project, 'scripts/atlas.mjs'), 'build', '--repo', repo, '--out', out, '--quiet'], {
      cwd: project,
      env: { ATLAS_CACHE_DIR: cache, NODE_ENV: 'production' },
    });
  };
  let run = await once();
  if (run.code !== 0 && /Cannot find module .*\.astro/.test(run.stderr)) run = await once();
  return ensureOk(run, 'atlas build');
}

/**
 * Each timed build is cold for Astro (no .astro/, no cache folder, no dist/). Before the timed runs
 * each side is built once untimed: ours to learn the page count and size the baseline must match,
 * the baseline in its calibration; so neither side's timed runs pay for a cold disk or an empty Node
 * compile cache (Astro's CLI turns one on, as ours does) that the other does not. The timed runs then
 * alternate which side goes first, so that a burst of load on this shared machine falls on both.
 */
export async function siteBench(project: string, repo: string, runs: number, log: (s: string) => void): Promise<SiteResult> {
  const out = join(project, 'dist-bench');
  const ours: ChildRun[] = [];
  log('  building our site once, untimed, to size the baseline...');
  await buildOurs(project, repo, out);
  const size = siteSize(out);
  const avgPageBytes = size.htmlBytes / size.htmlFiles;
  log(`  ours: ${size.htmlFiles} pages, ${Math.round(avgPageBytes)} B a page; preparing the Starlight baseline...`);
  const baseline = await prepareBaseline(size.htmlFiles, avgPageBytes);
  const base: Awaited<ReturnType<typeof buildBaseline>>[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? (['baseline', 'ours'] as const) : (['ours', 'baseline'] as const);
    for (const side of order) {
      log(`  run ${i + 1}/${runs}: ${side}...`);
      if (side === 'baseline') base.push(await buildBaseline(baseline));
      else ours.push(await buildOurs(project, repo, out));
    }
  }
  const b = base[base.length - 1]!.size;
  const ms = median(ours.map((r) => r.ms));
  const baselineMs = median(base.map((r) => r.ms));
  const maxOf = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : xs.reduce<number>((m, x) => Math.max(m, x ?? 0), 0));
  return {
    ms,
    baselineMs,
    ratio: ms / baselineMs,
    fastestRatio: ours.reduce((m, r) => Math.min(m, r.ms), Infinity) / base.reduce((m, r) => Math.min(m, r.ms), Infinity),
    peakRss: maxOf(ours.map((r) => r.peakRss)),
    baselinePeakRss: maxOf(base.map((r) => r.peakRss)),
    pages: size.htmlFiles,
    distBytes: size.bytes,
    avgPageBytes: Math.round(avgPageBytes),
    baselineAvgPageBytes: Math.round(b.htmlBytes / b.htmlFiles),
    baselineDistBytes: b.bytes,
    runs: ours.map((r) => r.ms),
    baselineRuns: base.map((r) => r.ms),
  };
}
