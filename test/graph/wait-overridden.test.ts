/**
 * DEPENDED_ON_WITHOUT_WAIT on a Kustomization whose own file says `wait: true`, turned to false by its
 * parent's spec.patches: true of what Flux runs, but the line cited says true, so the message says
 * where false comes from. Outside review (a home-ops repository whose cluster-apps patch sets
 * `wait: false` on every child).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a wait: true a parent patch turns off', () => {
  const repo = tempRepos(afterAll);

  it('is named in the finding', async () => {
    const r = repo('wait-overridden');
    const patch = '  patches:\n    - target:\n        kind: Kustomization\n      patch: |\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: not-used\n        spec:\n          wait: false\n';
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', patch));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./db/ks.yaml\n  - ./web/ks.yaml\n');
    r.put('kubernetes/apps/db/ks.yaml', fluxKustomization('db', './kubernetes/apps/db/app', '  wait: true\n  targetNamespace: db\n'));
    r.put('kubernetes/apps/db/app/hr.yaml', helmRelease({ name: 'db' }));
    r.put('kubernetes/apps/web/ks.yaml', fluxKustomization('web', './kubernetes/apps/web/app', '  targetNamespace: web\n  dependsOn:\n    - name: db\n'));
    r.put('kubernetes/apps/web/app/hr.yaml', helmRelease({ name: 'web' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'DEPENDED_ON_WITHOUT_WAIT');
    expect(found.map((f) => f.source.file)).toEqual(['kubernetes/apps/db/ks.yaml']);
    expect(found[0]!.message).toContain('Its own `wait: true` is set to false by the spec.patches of Kustomization cluster-apps, which applies it.');
  });
});

/**
 * The same patch setting `prune: true` over a child's own `prune: false # never delete this` (outside
 * review: flux-operator's and flux-instance's ks.yaml, under a cluster-apps patch that sets prune):
 * PRUNE_OVERRIDDEN, a warning that names the patch's Kustomization. A child that says nothing of prune,
 * or that says true, is not concerned.
 */
describe('a prune: false a parent patch turns on', () => {
  const repo = tempRepos(afterAll);

  it('is PRUNE_OVERRIDDEN', async () => {
    const r = repo('prune-overridden');
    const patch = '  patches:\n    - target:\n        kind: Kustomization\n      patch: |\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: not-used\n        spec:\n          prune: true\n';
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', patch));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./operator/ks.yaml\n  - ./web/ks.yaml\n');
    r.put('kubernetes/apps/operator/ks.yaml', fluxKustomization('flux-operator', './kubernetes/apps/operator/app', '  targetNamespace: flux-system\n').replace('prune: true', 'prune: false # never delete this'));
    r.put('kubernetes/apps/operator/app/hr.yaml', helmRelease({ name: 'flux-operator' }));
    r.put('kubernetes/apps/web/ks.yaml', fluxKustomization('web', './kubernetes/apps/web/app', '  targetNamespace: web\n'));
    r.put('kubernetes/apps/web/app/hr.yaml', helmRelease({ name: 'web' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'PRUNE_OVERRIDDEN');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning kubernetes/apps/operator/ks.yaml']);
    expect(found[0]!.message).toContain('spec.patches of Kustomization cluster-apps');
  });
});
