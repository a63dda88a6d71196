/**
 * A Flux Kustomization in a tenant base that each tenant's overlay places in its own namespace is one
 * object per tenant (kubectl kustomize of each overlay shows its own). An outside review found only
 * team-a's modelled: team-b's overlay was read as one more owner of team-a/tenant, and its app was
 * missing. Each is its own app too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a tenant base’s Kustomization', () => {
  const repo = tempRepos(afterAll);

  it('is one object and one app per tenant', async () => {
    const r = repo('tenant-base-ks');
    bootstrap(r, 'prod');
    r.put('clusters/prod/tenants.yaml', `${fluxKustomization('team-a', './tenants/team-a')}---\n${fluxKustomization('team-b', './tenants/team-b')}`);
    r.put('tenants/base/kustomization.yaml', 'resources:\n  - sync.yaml\n');
    r.put('tenants/base/sync.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: tenant\nspec:\n  interval: 1m\n  url: https://github.com/acme/tenant-apps\n  ref:\n    branch: main\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: tenant\nspec:\n  interval: 5m\n  path: ./\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: tenant\n');
    for (const t of ['team-a', 'team-b']) r.put(`tenants/${t}/kustomization.yaml`, `namespace: ${t}\nresources:\n  - ../base\n`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.kustomizations.filter((k) => k.name === 'tenant').map((k) => `${k.namespace} ${k.owner}`).sort()).toEqual([
      'team-a Kustomization/flux-system/team-a',
      'team-b Kustomization/flux-system/team-b',
    ]);
    expect(model.apps.filter((a) => a.name === 'tenant').map((a) => `${a.id} ${a.kustomizations.join(',')}`).sort()).toEqual([
      'team-a/tenant Kustomization/team-a/tenant',
      'team-b/tenant Kustomization/team-b/tenant',
    ]);
  });
});
