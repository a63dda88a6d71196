/**
 * The dev server's listing of the repository (discover.ts ListingMemo): a scan after a save lists
 * the repository again only where the watcher saw more than files of the last listing changed in
 * place; those it stats again (their stamp and size, which the read cache checks), nothing else. And
 * end to end through the loaders' watcher: an edit, a new file and a removed one each reach the model.
 */
import { EventEmitter } from 'node:events';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, it } from 'vitest';
import { provideAtlases } from '../../src/integration/atlas-provider.ts';
import { atlasFor, invalidateAtlas } from '../../src/loaders/atlas-data.ts';
import { watchRepo } from '../../src/loaders/sync.ts';
import { discoverFiles, listWithMemo, noteChange, type ListingMemo } from '../../src/repo/discover.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('listWithMemo', () => {
  const repo = tempRepos(afterAll);
  const r = repo('listing-memo');
  r.put('a.yaml', 'a: 1\n');
  r.put('b.yaml', 'b: 1\n');
  const memo: ListingMemo = { last: null, changed: null, pending: new Set() };
  let lists = 0;
  const list = () => (lists++, discoverFiles(r.root, { useGit: false }));
  const get = (result: Awaited<ReturnType<typeof list>>, path: string) => result.files.find((f) => f.path === path);

  it('lists when nothing is known yet, then takes the listing with the changed files stat-ed again', async () => {
    const first = await listWithMemo(memo, 'k', list);
    expect(lists).toBe(1);
    appendFileSync(join(r.root, 'a.yaml'), 'more: 2\n');
    noteChange(memo, 'a.yaml');
    const second = await listWithMemo(memo, 'k', list);
    expect(lists).toBe(1);
    expect(get(second, 'a.yaml')!.size).toBe(get(first, 'a.yaml')!.size + 'more: 2\n'.length);
    expect(get(second, 'a.yaml')!.stamp).not.toBe(get(first, 'a.yaml')!.stamp);
    expect(get(second, 'b.yaml')).toBe(get(first, 'b.yaml'));
  });

  it('lists again after anything else, a path the listing lacks, or under another key', async () => {
    noteChange(memo, null);
    await listWithMemo(memo, 'k', list);
    expect(lists).toBe(2);
    r.put('c.yaml', 'c: 1\n');
    noteChange(memo, 'c.yaml');
    const withC = await listWithMemo(memo, 'k', list);
    expect(lists).toBe(3);
    expect(get(withC, 'c.yaml')).toBeDefined();
    await listWithMemo(memo, 'other include globs', list);
    expect(lists).toBe(4);
    rmSync(join(r.root, 'c.yaml'));
    noteChange(memo, 'c.yaml');
    const withoutC = await listWithMemo(memo, 'other include globs', list);
    expect(lists).toBe(5);
    expect(get(withoutC, 'c.yaml')).toBeUndefined();
  });

  it('keeps a change seen while it listed for the next listing', async () => {
    noteChange(memo, null);
    await listWithMemo(memo, 'k', async () => {
      const result = await list();
      writeFileSync(join(r.root, 'b.yaml'), 'b: 22222\n');
      noteChange(memo, 'b.yaml');
      return result;
    });
    expect([...(memo.changed ?? [])]).toEqual(['b.yaml']);
    const next = await listWithMemo(memo, 'k', list);
    expect(get(next, 'b.yaml')!.size).toBe('b: 22222\n'.length);
  });
});

describe('a dev server reusing its listing', async () => {
  const repo = tempRepos(afterAll);
  const r = repo('listing-memo-dev');
  r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
  r.put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n');
  r.put('apps/web.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    image:\n      repository: ghcr.io/acme/web\n      tag: 1.0.0\n' }));
  const settings = { repo: r.root, overrides: {}, devCache: true } as unknown as Parameters<typeof atlasFor>[0];
  provideAtlases();
  invalidateAtlas(settings);
  const watcher = Object.assign(new EventEmitter(), { add() {} });
  let reloads = 0;
  const ctx = { collection: 'apps', watcher, logger: { info: () => reloads++, error: () => reloads++, warn() {}, debug() {} } } as unknown as LoaderContext;
  watchRepo(ctx, settings, async () => void (await atlasFor(settings)));
  await atlasFor(settings);
  const reloaded = async (emit: () => void) => {
    const before = reloads;
    emit();
    for (let i = 0; i < 400 && reloads === before; i++) await new Promise((res) => setTimeout(res, 10));
    return atlasFor(settings);
  };
  const tags = (atlas: Awaited<ReturnType<typeof atlasFor>>) => atlas.model.helmReleases.flatMap((h) => h.images.map((i) => `${h.name}:${i.tag}`)).sort();

  it('sees an edit the watcher reports', async () => {
    r.put('apps/web.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    image:\n      repository: ghcr.io/acme/web\n      tag: 1.0.1-with-a-longer-tag\n' }));
    expect(tags(await reloaded(() => watcher.emit('change', join(r.root, 'apps/web.yaml'))))).toEqual(['web:1.0.1-with-a-longer-tag']);
  });

  it('sees a new file and its listing', async () => {
    r.put('apps/api.yaml', helmRelease({ name: 'api', namespace: 'api', values: '    image:\n      repository: ghcr.io/acme/api\n      tag: 2.0.0\n' }));
    r.put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n  - api.yaml\n');
    const atlas = await reloaded(() => {
      watcher.emit('add', join(r.root, 'apps/api.yaml'));
      watcher.emit('change', join(r.root, 'apps/kustomization.yaml'));
    });
    expect(tags(atlas)).toEqual(['api:2.0.0', 'web:1.0.1-with-a-longer-tag']);
  });
});
