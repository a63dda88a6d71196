/**
 * Figure 4, dev mode: drive the three Atlas loaders through fake LoaderContexts (a Map store, the
 * way test/site/loader-sync.test.ts does), touch one helmrelease.yaml, forget the memoised scan
 * (invalidateAtlas, what the dev watcher does) and time the re-run; count the entries stored again
 * against those left alone. The re-run is profiled, so a miss of the target says where time went.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { appsLoader } from '../../src/loaders/apps-loader.ts';
import { invalidateAtlas, noteRepoChange, watchingRepo } from '../../src/loaders/atlas-data.ts';
import { provideAtlases, siteAtlas } from '../../src/integration/atlas-provider.ts';
import { findingsLoader } from '../../src/loaders/findings-loader.ts';
import { summaryLoader } from '../../src/loaders/summary-loader.ts';
import type { AtlasSettings } from '../../src/integration/settings.ts';
import { yamlFilesOf } from './floor.ts';
import { median, timed } from './measure.ts';
import { profiled } from './profile.ts';
import type { summarize } from './cpu-profile.ts';

interface Counts {
  stored: number;
  unchanged: number;
  deleted: number;
}

function fakeContext(collection: string, watcher?: EventEmitter, logs?: string[]) {
  const entries = new Map<string, { id: string; data: unknown; digest?: string | number }>();
  const counts: Counts = { stored: 0, unchanged: 0, deleted: 0 };
  const ctx = {
    collection,
    store: {
      get: (id: string) => entries.get(id),
      set: (e: { id: string; data: unknown; digest?: string }) => (entries.set(e.id, e), true),
      keys: () => [...entries.keys()],
      delete: (id: string) => (entries.delete(id), counts.deleted++),
      has: (id: string) => entries.has(id),
      entries: () => [...entries],
      clear: () => entries.clear(),
    },
    // Astro's generateDigest is a hash of the serialised data too.
    generateDigest: (d: unknown) => createHash('sha1').update(JSON.stringify(d)).digest('hex'),
    parseData: async <T>({ data }: { id: string; data: T }) => (counts.stored++, data),
    logger: { info: (m: string) => logs?.push(m), debug() {}, warn() {}, error: (m: string) => logs?.push(`error: ${m}`) },
    ...(watcher ? { watcher } : {}),
  } as unknown as LoaderContext;
  const reset = () => Object.assign(counts, { stored: 0, unchanged: 0, deleted: 0 });
  return { ctx, entries, counts, reset };
}

export interface DevResult {
  /** Median re-run of the three loaders after one change (scan, analyses, digests). */
  ms: number;
  runs: number[];
  /** Of the same re-run: the scan alone (scanRepo), warm. */
  scanMs: number;
  appsStored: number;
  appsUnchanged: number;
  findingsStored: number;
  summaryStored: number;
  profile: ReturnType<typeof summarize>;
  /** The same re-run after one edit of the roadmap (else the README); null when the repository has neither. */
  markdown: { file: string; ms: number } | null;
  /** A branch switch: `files` YAML files touched at once, one watcher event each, through watchRepo. */
  burst: { files: number; ms: number; reloads: number };
}

/**
 * What the dev server does when a branch switch or `git pull` touches many files: the watcher sends
 * one event per file, and the loaders' watcher callback (src/loaders/sync.ts, watchRepo) turns the
 * burst into reloads. Times the first event to the last reload's log line; counts the reloads.
 */
async function burstBench(settings: AtlasSettings, files: readonly string[]): Promise<DevResult['burst']> {
  if (files.length === 0) return { files: 0, ms: 0, reloads: 0 };
  const watcher = Object.assign(new EventEmitter(), { add() {} });
  const logs: string[] = [];
  const loaders = [
    { loader: appsLoader(settings), ...fakeContext('apps', watcher, logs) },
    { loader: findingsLoader(settings), ...fakeContext('findings', watcher, logs) },
    { loader: summaryLoader(settings), ...fakeContext('atlas', watcher, logs) },
  ];
  for (const l of loaders) await l.loader.load(l.ctx); // the dev server's first sync registers the watcher
  const reloaded = () => logs.filter((m) => m.startsWith('reloaded after') || m.startsWith('error:')).length;
  const now = new Date();
  for (const f of files) utimesSync(f, now, now); // a checkout rewrites the files it touches
  const started = performance.now();
  for (const f of files) watcher.emit('change', f);
  // Done when no reload has been logged for a while after the last one.
  let seen = 0;
  let last = performance.now();
  const deadline = started + 120_000;
  while (reloaded() === 0 || performance.now() - last < 500) {
    if (performance.now() > deadline) throw new Error(`dev burst: no reload within 120 s of ${files.length} file events`);
    await new Promise((r) => setTimeout(r, 10));
    if (reloaded() !== seen) {
      seen = reloaded();
      last = performance.now();
    }
  }
  return { files: files.length, ms: last - started, reloads: seen };
}

export async function devBench(repo: string, helmRelease: string, runs: number): Promise<DevResult> {
  // The settings the integration hands the site under `astro dev`: keep the read cache between scans.
  const settings: AtlasSettings = { repo: resolve(repo), overrides: {}, devCache: true };
  provideAtlases(); // as the integration does when `astro dev` loads the config
  invalidateAtlas(settings);
  // The dev server's watcher reports each change (src/loaders/sync.ts): the re-runs below tell the
  // edited file as it does, before forgetting the scan.
  watchingRepo(settings);
  const loaders = [
    { name: 'apps', loader: appsLoader(settings), ...fakeContext('apps') },
    { name: 'findings', loader: findingsLoader(settings), ...fakeContext('findings') },
    { name: 'atlas', loader: summaryLoader(settings), ...fakeContext('atlas') },
  ];
  const runAll = async () => {
    for (const l of loaders) l.reset();
    for (const l of loaders) await l.loader.load(l.ctx);
  };
  await runAll(); // cold: the first build of the dev server
  const file = join(repo, helmRelease);
  const original = readFileSync(file, 'utf8');
  const times: number[] = [];
  let last: { apps: Counts; findings: Counts; summary: Counts } | null = null;
  let profile: ReturnType<typeof summarize> | null = null;
  try {
    for (let i = 0; i <= runs; i++) {
      // A new image tag each time, as Renovate would write it.
      writeFileSync(file, original.replace(/tag: (\S+)/, `tag: $1-dev${i}`));
      noteRepoChange(settings, helmRelease);
      invalidateAtlas(settings);
      if (i === runs) {
        // One more, profiled (not counted in the timings: the profiler slows it down).
        profile = (await profiled(runAll, 15)).profile;
        break;
      }
      times.push((await timed(runAll)).ms);
      last = { apps: { ...loaders[0]!.counts }, findings: { ...loaders[1]!.counts }, summary: { ...loaders[2]!.counts } };
    }
  } finally {
    writeFileSync(file, original);
    noteRepoChange(settings, helmRelease);
  }
  invalidateAtlas(settings);
  // A Markdown edit (the roadmap, else the README): no YAML changed, so the model is reused.
  const markdown = ['ROADMAP.md', 'README.md'].map((f) => join(repo, f)).find((f) => existsSync(f));
  const markdownTimes: number[] = [];
  if (markdown) {
    const text = readFileSync(markdown, 'utf8');
    try {
      for (let i = 0; i < runs; i++) {
        writeFileSync(markdown, `${text}\n- A line written while the dev server runs (${i}).\n`);
        noteRepoChange(settings, relative(settings.repo, markdown));
        invalidateAtlas(settings);
        markdownTimes.push((await timed(runAll)).ms);
      }
    } finally {
      writeFileSync(markdown, text);
      noteRepoChange(settings, relative(settings.repo, markdown));
    }
  }
  invalidateAtlas(settings);
  // The watcher reports absolute paths under the repository as the settings name it.
  const burst = await burstBench(settings, yamlFilesOf(settings.repo).slice(0, 100));
  invalidateAtlas(settings);
  const { scanRepo } = await import('../../src/repo/scan.ts');
  const atlas = await siteAtlas(settings);
  const scanMs = (await timed(() => scanRepo(repo, atlas.config))).ms;
  const total = loaders[0]!.entries.size;
  return {
    ms: median(times),
    runs: times,
    scanMs,
    appsStored: last!.apps.stored,
    appsUnchanged: total - last!.apps.stored,
    findingsStored: last!.findings.stored,
    summaryStored: last!.summary.stored,
    profile: profile!,
    burst,
    markdown: markdown ? { file: relative(repo, markdown), ms: median(markdownTimes) } : null,
  };
}
