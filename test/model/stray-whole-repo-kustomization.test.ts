/**
 * A Flux Kustomization of the whole repository (no spec.path) contains every other one, so by
 * containment alone it was taken for the one root: an outside review found a stray `ks.yaml` that
 * nothing applies take over two clusters, whose bootstrap Kustomizations then "failed" as duplicates
 * (four false errors, every app not deployed). Where some Kustomization is a bootstrap by its folder
 * or name, a whole-repository one that is neither is not a root; where none is, it still is.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const stray = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: stray\n  namespace: default\nspec:\n  interval: 1m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n';
const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n`;

describe('a Kustomization of the whole repository that nothing applies', () => {
  const repo = tempRepos(afterAll);
  const scan = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const findings = analyse(model, config).findings;
    return { model, findings };
  };

  it('is no root beside two clusters’ bootstrap Kustomizations: no false duplicates, the clusters deploy', async () => {
    const r = repo('stray-ks');
    for (const cluster of ['dev', 'prod']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/apps.yaml`, fluxKustomization('apps', `./apps/${cluster}`));
      r.put(`apps/${cluster}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
      r.put(`apps/${cluster}/deployment.yaml`, deployment(`web-${cluster}`));
    }
    r.put('unused/ks.yaml', stray);
    const { model, findings } = await scan(r.root);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => `${k.name} ${k.source.file}`).sort()).toEqual([
      'flux-system clusters/dev/flux-system/gotk-sync.yaml',
      'flux-system clusters/prod/flux-system/gotk-sync.yaml',
    ]);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file)).toEqual(['unused/ks.yaml']);
  });

  it('is the root where no Kustomization is a bootstrap by folder or name', async () => {
    const r = repo('only-whole-repo-ks');
    r.put('deploy/all.yaml', stray);
    r.put('apps/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/web/deployment.yaml', deployment('web'));
    const { model, findings } = await scan(r.root);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.name)).toEqual(['stray']);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });
});
