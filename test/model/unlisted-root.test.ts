import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A cluster folder whose kustomization.yaml lists some of the Kustomization files beside it: the
 * bootstrap's flux-system (path ./clusters/prod) builds that list, so a file it leaves out is applied
 * by nothing. It is not deployed, and no root of the graph either (it was "applied first").
 */
describe('a Kustomization file its cluster folder leaves out', () => {
  const repo = tempRepos(afterAll);

  it('is not a root; the bootstrap Kustomization, which applies its own folder, still is', async () => {
    const r = repo('unlisted-root');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@example.com/home\n  ref:\n    branch: main\n---\n${fluxKustomization('flux-system', './clusters/prod')}`);
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - a.yaml\n');
    r.put('clusters/prod/a.yaml', fluxKustomization('a', './apps/a'));
    r.put('clusters/prod/b.yaml', fluxKustomization('b', './apps/b'));
    for (const x of ['a', 'b']) r.put(`apps/${x}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${x}\n  namespace: ${x}\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    const ks = (name: string) => model.kustomizations.find((k) => k.name === name)!;
    expect([ks('flux-system').isRoot, ks('a').isRoot, ks('b').isRoot]).toEqual([true, false, false]);
    expect(analysis.graph.graph.nodes.filter((n) => n.isRoot).map((n) => n.id)).toEqual(['Kustomization/flux-system/flux-system']);
    expect(analysis.findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.message)).toEqual([
      expect.stringContaining('Not listed in clusters/prod/kustomization.yaml'),
    ]);
  });
});
