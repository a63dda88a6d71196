/**
 * The apps loader keeps an app's facts from its last run while the scan's model is the same (a dev
 * re-run after a ROADMAP.md edit reuses it): the same facts object, and so no digest and no store
 * write for it. After a manifest edit the edited app's facts are made again and stored.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, it } from 'vitest';
import { provideAtlases } from '../../src/integration/atlas-provider.ts';
import { appsLoader } from '../../src/loaders/apps-loader.ts';
import { invalidateAtlas } from '../../src/loaders/atlas-data.ts';
import { tempRepo } from '../support/temp-repo.ts';

function fakeContext() {
  const entries = new Map<string, { id: string; data: Record<string, unknown>; digest?: string }>();
  let digests = 0;
  const ctx = {
    collection: 'apps',
    store: {
      get: (id: string) => entries.get(id),
      set: (e: { id: string; data: Record<string, unknown>; digest?: string }) => (entries.set(e.id, e), true),
      keys: () => [...entries.keys()],
      delete: (id: string) => entries.delete(id),
      has: (id: string) => entries.has(id),
      entries: () => [...entries],
      clear: () => entries.clear(),
    },
    generateDigest: (d: unknown) => (digests++, createHash('sha1').update(JSON.stringify(d)).digest('hex')),
    parseData: async <T>({ data }: { data: T }) => data,
    logger: { info() {}, debug() {}, warn() {}, error() {} },
  } as unknown as LoaderContext;
  return { ctx, entries, digests: () => digests };
}

describe('the apps loader in dev', async () => {
  const repo = tempRepo('apps-loader-kept');
  afterAll(repo.remove);
  cpSync('examples/homelab', repo.root, { recursive: true });
  const settings = { repo: repo.root, overrides: {}, devCache: true } as unknown as Parameters<typeof appsLoader>[0];
  provideAtlases();
  invalidateAtlas(settings);
  const loader = appsLoader(settings);
  const { ctx, entries, digests } = fakeContext();
  await loader.load(ctx);
  const before = new Map([...entries].map(([id, e]) => [id, e.data]));

  it('keeps every app\'s facts after a roadmap edit, and digests none of them again', async () => {
    const roadmap = join(repo.root, 'ROADMAP.md');
    writeFileSync(roadmap, `${readFileSync(roadmap, 'utf8')}\n<!-- an edit -->\n`);
    invalidateAtlas(settings);
    const counted = digests();
    await loader.load(ctx);
    expect(entries.size).toBe(before.size);
    for (const [id, e] of entries) expect(e.data, id).toBe(before.get(id));
    expect(digests()).toBe(counted);
  });

  it("makes the edited app's facts again after a manifest edit", async () => {
    const release = join(repo.root, 'kubernetes/apps/media/jellyfin/app/helmrelease.yaml');
    writeFileSync(release, readFileSync(release, 'utf8').replace(/tag: (\S+)/, 'tag: $1-edited'));
    invalidateAtlas(settings);
    await loader.load(ctx);
    expect(entries.get('media/jellyfin')!.data).not.toBe(before.get('media/jellyfin'));
    expect(JSON.stringify(entries.get('media/jellyfin')!.data)).toContain('-edited');
  });
});
