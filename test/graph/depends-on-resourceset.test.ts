import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A Flux Operator ResourceSet makes Kustomizations and HelmReleases from templates
 * (`name: infra-<< inputs.tier >>`), which the model cannot expand where its inputs come from the
 * cluster (a provider of Git branches). A dependsOn on one of them was a DEPENDS_ON_MISSING error,
 * though the operator creates it: with a live ResourceSet in the cluster the finding is an info that
 * names the ResourceSet. Where the inputs are written in the set, it is expanded and the dependsOn resolves.
 */
describe('a dependsOn on what a ResourceSet may make', () => {
  const repo = tempRepos(afterAll);
  const resourceSet = `apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: infra\n  namespace: flux-system\nspec:\n  inputsFrom:\n    - kind: ResourceSetInputProvider\n      name: tiers\n  resources:\n    - apiVersion: kustomize.toolkit.fluxcd.io/v1\n      kind: Kustomization\n      metadata:\n        name: infra-<< inputs.tier >>\n        namespace: flux-system\n      spec:\n        interval: 10m\n        path: ./infra\n        prune: true\n        sourceRef:\n          kind: GitRepository\n          name: flux-system\n`;
  const provider = 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSetInputProvider\nmetadata:\n  name: tiers\n  namespace: flux-system\nspec:\n  type: GitHubBranch\n  url: https://github.com/example/infra\n  filter:\n    includeBranch: "^tier/.*"\n';
  const missing = async (withResourceSet: boolean, makes = 'Kustomization', inline = false) => {
    const r = repo(withResourceSet ? 'rset' : 'no-rset');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn:\n    - name: infra-controllers\n'));
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n');
    if (withResourceSet && !inline) r.put('clusters/prod/tiers.yaml', provider);
    const set = inline ? resourceSet.replace('  inputsFrom:\n    - kind: ResourceSetInputProvider\n      name: tiers\n', '  inputs:\n    - tier: controllers\n') : resourceSet;
    if (withResourceSet) r.put('clusters/prod/infra.yaml', makes === 'Kustomization' ? set : set.replace('kind: Kustomization\n      metadata:\n        name: infra-<< inputs.tier >>', `kind: ${makes}\n      metadata:\n        name: infra-<< inputs.tier >>`));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'DEPENDS_ON_MISSING').map((f) => [f.severity, f.message.includes('ResourceSet/flux-system/infra may make it (a Kustomization named infra-<< inputs.tier >>)')]);
  };

  it('is an info naming the ResourceSet', async () => {
    expect(await missing(true)).toEqual([['info', true]]);
  });

  it('is no finding where the ResourceSet is expanded: its inputs are written in it', async () => {
    expect(await missing(true, 'Kustomization', true)).toEqual([]);
  });

  it('stays an error where no ResourceSet could make it: none, or one that makes other kinds', async () => {
    expect(await missing(false)).toEqual([['error', false]]);
    expect(await missing(true, 'ConfigMap')).toEqual([['error', false]]);
  });
});
