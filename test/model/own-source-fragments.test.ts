import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

/**
 * A bootstrap repository that keeps Kustomization fragments without a sourceRef (the `metadata` and
 * the fields a cluster's patch changes, `clusters/<name>/kustomizations/*.yaml`) next to the real
 * Kustomizations of its base. kubectl kustomize builds the production root whole; the fragments are
 * applied by nothing.
 */
const ks = (name: string, path: string, source = true) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ${path}\n${source ? '  interval: 10m\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n' : ''}`;

describe('Kustomization fragments without a sourceRef', () => {
  const repo = tempRepos(afterAll);

  it("do not decide the repository's source, and a copy only an unreached one would apply is no duplicate", async () => {
    const r = repo('fragments');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: ssh://git@example.com/fleet\n  ref:\n    branch: main\n---\n${ks('flux-system', './clusters/prod')}`);
    r.put('clusters/prod/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - ../../base\n  - flux-system\npatches:\n  - path: team-a-patch.yaml\n');
    r.put('clusters/prod/team-a-patch.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: team-a\n  namespace: flux-system\nspec:\n  path: ./teams/a/prod\n');
    r.put('base/kustomization.yaml', 'resources:\n  - team-a.yaml\n  - team-b.yaml\n');
    r.put('base/team-a.yaml', ks('team-a', './teams/a/base'));
    r.put('base/team-b.yaml', ks('team-b', './teams/b'));
    for (const t of ['a/base', 'a/prod', 'b']) r.put(`teams/${t}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: team-${t.replace('/', '-')}\n  namespace: default\n`);
    r.put('clusters/staging/kustomizations/team-a.yaml', ks('team-a', './clusters/staging', false));
    r.put('clusters/staging/kustomizations/team-b.yaml', ks('team-b', './clusters/staging', false));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    // Before: two fragments outvoted GitRepository/flux-system, and everything was "not deployed".
    const deployed = model.apps.filter((a) => !a.notDeployed).map((a) => a.id);
    expect(deployed).toEqual(expect.arrayContaining(['default/team-a', 'default/team-b']));
    expect(model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'team-a-prod')?.owner).toBe('Kustomization/flux-system/team-a');
    expect(findings.filter((f) => f.code === 'DUPLICATE_OBJECT')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file)).toEqual(['clusters/staging/kustomizations/team-a.yaml']);
  });
});
