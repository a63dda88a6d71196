/**
 * An app is switched off when everything in it is. A cluster's folder that holds its sync's
 * GitRepository and Namespaces beside Kustomizations commented out one by one (`# apiVersion: ...`)
 * read as a disabled app, its live objects with it (seventh round of outside-corpus.md). An app made
 * only of a commented-out Kustomization (a `ks.yaml` switched off) stays disabled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { objectState } from '../../src/model/k8s-object.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('app-disabled-live-objects');
afterAll(remove);

const commented = (text: string) => text.split('\n').map((l) => (l ? `# ${l}` : l)).join('\n');

describe('a disabled app', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@github.com/example/home\n  ref:\n    branch: main\n---\n${fluxKustomization('flux-system', './clusters/home')}`);
  put('clusters/home/apps.yaml', fluxKustomization('apps', './apps/live'));
  put('apps/live/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('apps/live/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: default\n');
  put('clusters/home/namespaces.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: storage\n');
  put('clusters/home/tenants.yaml', `${commented(fluxKustomization('iot', './tenants/iot'))}---\n${commented(fluxKustomization('games', './tenants/games'))}`);
  put('apps/media/ks.yaml', commented(fluxKustomization('media', './apps/media/app')));
  put('apps/media/app/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('apps/media/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: media\n  namespace: media\n');
  const { model } = await scanRepo(root, parseConfig({}));

  it('holds no object a cluster applies', () => {
    expect(model.kustomizations.filter((k) => objectState(k) === 'disabled').map((k) => k.name).sort()).toEqual(['games', 'iot', 'media']);
    const disabledWithLive = model.apps.filter((a) => a.disabled && model.objects.some((o) => o.appId === a.id && objectState(o) === 'active'));
    expect(disabledWithLive.map((a) => a.id)).toEqual([]);
    expect(model.apps.find((a) => model.objects.some((o) => o.appId === a.id && o.kind === 'Namespace' && o.name === 'storage'))?.disabled).toBe(false);
  });

  it('a switched-off ks.yaml is still a disabled app', () => {
    expect(model.apps.find((a) => a.dir === 'apps/media')?.disabled).toBe(true);
  });

  it("the bootstrap's GitRepository is in the bootstrap's app, beside its Kustomization", () => {
    const appOf = (kind: string, name: string) => model.objects.find((o) => o.kind === kind && o.name === name && o.source.file.endsWith('gotk-sync.yaml'))?.appId;
    expect(appOf('GitRepository', 'flux-system')).toBe(appOf('Kustomization', 'flux-system'));
  });
});
