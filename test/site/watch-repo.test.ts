import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { atlasFor, invalidateAtlas, provideComputer } from '../../src/loaders/atlas-data.ts';
import { changedFiles, MAX_WAIT_MS, SETTLE_MS, watchRepo } from '../../src/loaders/sync.ts';
import type { Atlas } from '../../src/pipeline/atlas.ts';
import type { AtlasSettings } from '../../src/integration/settings.ts';

const ROOT = '/srv/home-ops';
const settings: AtlasSettings = { repo: ROOT, overrides: { title: 'watch-repo test' }, devCache: true };

/** What `astro dev` hands a loader, as far as watchRepo reads it: the watcher (chokidar's events), a logger. */
function devServer() {
  const watcher = Object.assign(new EventEmitter(), { added: [] as string[], add(path: string) { this.added.push(path); } });
  const infos: string[] = [];
  const errors: string[] = [];
  const ctxFor = (collection: string) =>
    ({ collection, watcher, logger: { info: (m: string) => infos.push(m), error: (m: string) => errors.push(m), warn() {}, debug() {} } }) as unknown as LoaderContext;
  return { watcher, infos, errors, ctxFor };
}

/**
 * Each reload asks the registry for the Atlas, as the loaders do; the computer counts the scans it
 * makes and takes `scanMs`, so that events can arrive while one runs.
 */
function countingScans(scanMs: number) {
  const scans: number[] = [];
  provideComputer(async () => {
    scans.push(Date.now());
    await new Promise((r) => setTimeout(r, scanMs));
    return { marker: scans.length } as unknown as Atlas;
  });
  return scans;
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for the reloads');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => invalidateAtlas(settings));

describe('watchRepo: reloads after repository changes in dev', () => {
  it('runs one scan and one reload per collection for a burst of events (a branch switch touching 100 files)', async () => {
    const scans = countingScans(20);
    const { watcher, infos, ctxFor } = devServer();
    const loads: Record<string, number> = { apps: 0, findings: 0, atlas: 0 };
    for (const collection of Object.keys(loads)) {
      watchRepo(ctxFor(collection), settings, async () => {
        loads[collection]!++;
        await atlasFor(settings);
      });
    }
    // The repository is watched once, by the first collection.
    expect(watcher.added).toEqual([ROOT]);
    for (let i = 0; i < 100; i++) watcher.emit('change', `${ROOT}/kubernetes/apps/app-${i}/helmrelease.yaml`);
    await until(() => infos.length === 1);
    await sleep(SETTLE_MS + 50);
    expect(loads).toEqual({ apps: 1, findings: 1, atlas: 1 });
    expect(scans).toHaveLength(1);
    expect(infos).toEqual([expect.stringMatching(/^reloaded after 100 files \(kubernetes\/apps\/app-0\/helmrelease\.yaml, kubernetes\/apps\/app-1\/helmrelease\.yaml, kubernetes\/apps\/app-2\/helmrelease\.yaml, \.\.\.\) changed \(\d+ ms\)$/)]);
  });

  it('answers events that arrive during a reload with exactly one more, which sees them', async () => {
    const scans = countingScans(60);
    const { watcher, infos, ctxFor } = devServer();
    const seen: unknown[] = [];
    watchRepo(ctxFor('apps'), settings, async () => {
      seen.push(await atlasFor(settings));
    });
    watcher.emit('change', `${ROOT}/kubernetes/apps/a/helmrelease.yaml`);
    await until(() => scans.length === 1);
    // The first scan is running: these must neither start scans beside it nor be lost.
    for (let i = 0; i < 10; i++) watcher.emit('add', `${ROOT}/kubernetes/apps/b/file-${i}.yaml`);
    watcher.emit('unlink', `${ROOT}/kubernetes/apps/a/helmrelease.yaml`);
    await until(() => infos.length === 2);
    await sleep(SETTLE_MS + 100);
    expect(scans).toHaveLength(2);
    // The second reload read the second scan, not the memoised first one.
    expect(seen).toEqual([{ marker: 1 }, { marker: 2 }]);
    expect(infos[0]).toMatch(/^reloaded after kubernetes\/apps\/a\/helmrelease\.yaml changed/);
    expect(infos[1]).toMatch(/^reloaded after 11 files \(kubernetes\/apps\/b\/file-0\.yaml, /);
    // Scans ran one after the other, never side by side.
    expect(scans[1]! - scans[0]!).toBeGreaterThanOrEqual(55);
  });

  it('starts a reload when a burst has been quiet for SETTLE_MS, or MAX_WAIT_MS after its first event', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    try {
      const scans = countingScans(10);
      const { watcher, infos, ctxFor } = devServer();
      watchRepo(ctxFor('apps'), settings, async () => void (await atlasFor(settings)));
      // A checkout spread over 180 ms, an event every 20 ms: one reload, once they stop.
      const t0 = Date.now();
      for (let i = 0; i < 10; i++) {
        watcher.emit('change', `${ROOT}/kubernetes/apps/a/file-${i}.yaml`);
        await vi.advanceTimersByTimeAsync(20);
      }
      await vi.advanceTimersByTimeAsync(200);
      expect(scans).toEqual([t0 + 180 + SETTLE_MS]);
      expect(infos).toEqual([expect.stringMatching(/^reloaded after 10 files /)]);
      // A stream that never goes quiet (an event every 20 ms for a second): the first reload comes
      // MAX_WAIT_MS after the first event.
      const t1 = Date.now();
      for (let i = 0; i < 50; i++) {
        watcher.emit('change', `${ROOT}/kubernetes/apps/b/file-${i}.yaml`);
        await vi.advanceTimersByTimeAsync(20);
      }
      await vi.advanceTimersByTimeAsync(500);
      expect(scans[1]).toBe(t1 + MAX_WAIT_MS);
      // Then every MAX_WAIT_MS while the stream lasts (events during a reload wait like any others),
      // and once more when it has been quiet for SETTLE_MS.
      expect(scans.slice(1).map((s) => s - t1)).toEqual([MAX_WAIT_MS, 2 * MAX_WAIT_MS, 3 * MAX_WAIT_MS, 980 + SETTLE_MS]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores files that cannot change the model', async () => {
    const scans = countingScans(1);
    const { watcher, infos, ctxFor } = devServer();
    watchRepo(ctxFor('apps'), settings, async () => void (await atlasFor(settings)));
    for (const file of [`${ROOT}/.git/index.yaml`, `${ROOT}/node_modules/x/package.json`, `${ROOT}/docs/diagram.png`, '/srv/other-repo/app.yaml', `${ROOT}-old/app.yaml`]) {
      watcher.emit('change', file);
    }
    await sleep(SETTLE_MS + 50);
    expect(scans).toHaveLength(0);
    expect(infos).toEqual([]);
  });

  it('logs a failed reload and keeps serving: the next change reloads again', async () => {
    countingScans(1);
    const { watcher, infos, errors, ctxFor } = devServer();
    let broken = true;
    watchRepo(ctxFor('apps'), settings, async () => {
      if (broken) throw new Error('atlas.config.yaml: maxFileBytes must be a number');
      await atlasFor(settings);
    });
    watcher.emit('change', `${ROOT}/atlas.config.yaml`);
    await until(() => errors.length === 1);
    expect(errors[0]).toBe('reload after atlas.config.yaml changed failed for apps: atlas.config.yaml: maxFileBytes must be a number');
    broken = false;
    watcher.emit('change', `${ROOT}/atlas.config.yaml`);
    await until(() => infos.length === 1);
    expect(infos[0]).toMatch(/^reloaded after atlas\.config\.yaml changed/);
  });

  it('reloads the other collections when one fails', async () => {
    const scans = countingScans(1);
    const { watcher, errors, ctxFor } = devServer();
    const loads: string[] = [];
    watchRepo(ctxFor('apps'), settings, async () => {
      await atlasFor(settings);
      throw new Error('entry media/plex does not match the schema');
    });
    for (const collection of ['findings', 'atlas']) watchRepo(ctxFor(collection), settings, async () => void (await atlasFor(settings), loads.push(collection)));
    watcher.emit('change', `${ROOT}/kubernetes/apps/media/plex/helmrelease.yaml`);
    await until(() => errors.length === 1);
    expect(loads).toEqual(['findings', 'atlas']);
    expect(scans).toHaveLength(1);
    expect(errors[0]).toBe('reload after kubernetes/apps/media/plex/helmrelease.yaml changed failed for apps: entry media/plex does not match the schema');
  });

  it('keeps one reload per collection when the reloads register themselves again, as the loaders do', async () => {
    const scans = countingScans(5);
    const { watcher, infos, ctxFor } = devServer();
    const loads: string[] = [];
    // The loaders' load() calls watchRepo each time it runs, then asks for the Atlas.
    const loader = (collection: string) => {
      const ctx = ctxFor(collection);
      const load = async (): Promise<void> => {
        watchRepo(ctx, settings, load);
        await atlasFor(settings);
        loads.push(collection);
      };
      return load;
    };
    const apps = loader('apps');
    const findings = loader('findings');
    await Promise.all([apps(), findings()]); // the dev server's first sync
    expect(scans).toHaveLength(1);
    watcher.emit('change', `${ROOT}/kubernetes/apps/a/helmrelease.yaml`);
    await until(() => infos.length === 1);
    watcher.emit('change', `${ROOT}/kubernetes/apps/b/helmrelease.yaml`);
    await until(() => infos.length === 2);
    await sleep(SETTLE_MS + 50);
    expect(scans).toHaveLength(3);
    expect(loads.sort()).toEqual(['apps', 'apps', 'apps', 'findings', 'findings', 'findings']);
  });
});

describe('changedFiles', () => {
  it('names one file, or counts them and names the first three', () => {
    expect(changedFiles(['a.yaml'])).toBe('a.yaml');
    expect(changedFiles(['a.yaml', 'b.yaml'])).toBe('2 files (a.yaml, b.yaml)');
    expect(changedFiles(['a', 'b', 'c', 'd'])).toBe('4 files (a, b, c, ...)');
  });
});
