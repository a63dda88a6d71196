import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { syncEntries } from '../../src/loaders/sync.ts';

/** A LoaderContext with a Map store, enough for syncEntries (the way Astro's own loader tests fake it). */
function fakeContext() {
  const entries = new Map<string, { id: string; data: Record<string, unknown>; digest?: string | number }>();
  const parsed: string[] = [];
  const ctx = {
    collection: 'apps',
    store: {
      get: (id: string) => entries.get(id),
      set: (e: { id: string; data: Record<string, unknown>; digest?: string }) => (entries.set(e.id, e), true),
      keys: () => [...entries.keys()],
      delete: (id: string) => void entries.delete(id),
      has: (id: string) => entries.has(id),
      entries: () => [...entries],
      clear: () => entries.clear(),
    },
    generateDigest: (d: unknown) => createHash('sha1').update(JSON.stringify(d)).digest('hex'),
    parseData: async <T>({ id, data }: { id: string; data: T }) => (parsed.push(id), data),
    logger: { info() {}, debug() {}, warn() {}, error() {} },
  } as unknown as LoaderContext;
  return { ctx, entries, parsed };
}

describe('syncEntries', () => {
  it('stores new entries with a digest, skips unchanged ones, deletes vanished ones', async () => {
    const { ctx, entries, parsed } = fakeContext();
    const first = await syncEntries(ctx, [
      { id: 'media/plex', data: { chart: 'plex', version: '1.0.0' } },
      { id: 'media/sonarr', data: { chart: 'app-template', version: '4.2.0' } },
    ]);
    expect(first).toEqual({ stored: 2, unchanged: 0, deleted: 0 });
    expect(entries.get('media/plex')?.digest).toEqual(expect.any(String));

    parsed.length = 0;
    const second = await syncEntries(ctx, [
      { id: 'media/plex', data: { chart: 'plex', version: '1.1.0' } },
      { id: 'media/sonarr', data: { chart: 'app-template', version: '4.2.0' } },
    ]);
    // Only the entry whose data changed is parsed and stored again (dev mode re-renders only it).
    expect(second).toEqual({ stored: 1, unchanged: 1, deleted: 0 });
    expect(parsed).toEqual(['media/plex']);
    expect(entries.get('media/plex')?.data).toEqual({ chart: 'plex', version: '1.1.0' });

    const third = await syncEntries(ctx, [{ id: 'media/plex', data: { chart: 'plex', version: '1.1.0' } }]);
    expect(third).toEqual({ stored: 0, unchanged: 1, deleted: 1 });
    expect([...entries.keys()]).toEqual(['media/plex']);
  });
});
