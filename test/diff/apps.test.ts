/** Apps added, removed, disabled, enabled and moved, over hand-made models (multi-cluster ids too). */
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/model/app.ts';
import { diffApps } from '../../src/lib/diff/apps.ts';
import type { DiffSide } from '../../src/lib/diff/side.ts';

const app = (namespace: string, name: string, extra: Partial<App> = {}): App => {
  const cluster = extra.cluster ?? null;
  return {
    id: cluster ? `${cluster}/${namespace}/${name}` : `${namespace}/${name}`, name, namespace, cluster,
    dir: `kubernetes/${cluster ? `${cluster}/` : ''}apps/${namespace}/${name}`, dirs: [], source: { file: 'ks.yaml', line: 1, col: 1 },
    kustomizations: [], objects: [], disabled: false, unreferenced: false, notDeployed: null, readme: null, description: null, ...extra,
  };
};
const side = (apps: App[]) => ({ model: { apps } }) as unknown as DiffSide;
const ids = (l: { id: string }[]) => l.map((a) => a.id);

describe('diffApps', () => {
  it('an app moving cluster (same namespace) is a move of kind cluster', () => {
    const d = diffApps(side([app('media', 'plex', { cluster: 'staging' })]), side([app('media', 'plex', { cluster: 'production' })]));
    expect(d.moved.map((m) => [m.from.id, m.to.id, m.what])).toEqual([['staging/media/plex', 'production/media/plex', 'cluster']]);
    expect([d.added, d.removed]).toEqual([[], []]);
  });

  it('an app deployed to a second cluster is added there, not moved', () => {
    const d = diffApps(side([app('media', 'plex', { cluster: 'staging' })]), side([app('media', 'plex', { cluster: 'staging' }), app('media', 'plex', { cluster: 'production' })]));
    expect([ids(d.added), d.moved]).toEqual([['production/media/plex'], []]);
  });

  it('two apps of one name removed and added elsewhere are not guessed into moves', () => {
    const d = diffApps(side([app('a', 'redis'), app('b', 'redis')]), side([app('c', 'redis'), app('d', 'redis')]));
    expect([ids(d.added), ids(d.removed), d.moved]).toEqual([['c/redis', 'd/redis'], ['a/redis', 'b/redis'], []]);
  });

  it('disabled, not deployed (commented out) and enabled again', () => {
    const base = side([app('media', 'sonarr'), app('media', 'radarr'), app('media', 'lidarr', { disabled: true })]);
    const head = side([
      app('media', 'sonarr', { disabled: true }),
      app('media', 'radarr', { notDeployed: 'commented out in kubernetes/apps/media/kustomization.yaml:7' }),
      app('media', 'lidarr'),
    ]);
    const d = diffApps(base, head);
    expect(d.disabled.map((a) => [a.id, a.reason])).toEqual([
      ['media/radarr', 'commented out in kubernetes/apps/media/kustomization.yaml:7'],
      ['media/sonarr', 'every Flux Kustomization of the app is disabled (ks.dis or commented out)'],
    ]);
    expect(ids(d.enabled)).toEqual(['media/lidarr']);
  });
});
