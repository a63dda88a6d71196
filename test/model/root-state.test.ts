/**
 * The bootstrap's Kustomization (gotk-sync.yaml's flux-system) has no owner in the repository: it
 * applies itself. Its state is active, as the counts already said; the per-object state (the JSON
 * export's `objects[].state`) said "unreferenced", the word for what nothing applies (seventh round
 * of outside-corpus.md). A Kustomization nothing reaches stays unreferenced.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { objectState } from '../../src/model/k8s-object.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('root-state');
afterAll(remove);

describe('state of a cluster root', async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@github.com/example/home\n  ref:\n    branch: main\n---\n${fluxKustomization('flux-system', './clusters/home')}`);
  put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
  put('apps/kustomization.yaml', 'resources: []\n');
  put('leftover/old.yaml', fluxKustomization('old', './apps'));
  const { model } = await scanRepo(root, parseConfig({}));
  const state = (name: string) => objectState(model.kustomizations.find((k) => k.name === name)!);

  it('is active; what it applies is active; what nothing applies is unreferenced', () => {
    expect([state('flux-system'), state('apps'), state('old')]).toEqual(['active', 'active', 'unreferenced']);
  });
});
