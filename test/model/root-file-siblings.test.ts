/**
 * What applies a cluster root from outside Flux (`flux bootstrap --path`, `kubectl apply -f`) applies
 * its whole file. An outside review found a file of three Kustomizations of which one was a root (its
 * path holds another Kustomization) and its two siblings "not deployed: nothing includes its folder".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

describe('the Kustomizations of a root’s file', () => {
  const repo = tempRepos(afterAll);

  it('are roots too, where nothing else applies them', async () => {
    const r = repo('root-file-siblings');
    r.put('ops/stack.yaml', `${fluxKustomization('parent', './ops/children')}---\n${fluxKustomization('sibling', './ops/web')}`);
    r.put('ops/children/child.yaml', fluxKustomization('child', './ops/web2'));
    r.put('ops/web/cm.yaml', cm('web'));
    r.put('ops/web2/cm.yaml', cm('web2'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.name).sort()).toEqual(['parent', 'sibling']);
    expect(model.objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.name, o.owner])).toEqual([
      ['web', 'Kustomization/flux-system/sibling'],
      ['web2', 'Kustomization/flux-system/child'],
    ]);
    expect(model.findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });
});
