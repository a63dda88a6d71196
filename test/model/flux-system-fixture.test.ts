/**
 * A Kustomization named `flux-system` is taken for a cluster's bootstrap (`flux bootstrap` names it
 * so) wherever it lives. An outside review found eight FLUX_PATH_MISSING warnings on a lint script's
 * fixtures (`scripts/fixtures/*.yaml`, each a `flux-system` Kustomization of `./clusters/fixture`,
 * no such folder): no cluster applies them. The control: a real bootstrap in a folder of any name,
 * and one whose path is mistyped in a bootstrap folder, stay roots.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

describe('a Kustomization named flux-system', () => {
  const repo = tempRepos(afterAll);
  const check = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return { model, findings: analyse(model, config).findings };
  };

  it('in a script’s fixtures, of a path that is no folder here: no root, no FLUX_PATH_MISSING', async () => {
    const r = repo('flux-system-fixture');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/web.yaml', cm('web'));
    r.put('scripts/fixtures/bad-sync.yaml', fluxKustomization('flux-system', './clusters/fixture'));
    const { model, findings } = await check(r.root);
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([]);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.source.file)).toEqual(['clusters/prod/flux-system/gotk-sync.yaml']);
  });

  it('stays a root where it applies its own folder, or its path is a folder, or it sits in a bootstrap folder', async () => {
    const r = repo('flux-system-roots');
    r.put('deploy/main/sync.yaml', fluxKustomization('flux-system', './deploy/main'));
    r.put('deploy/main/web.yaml', cm('web'));
    r.put('ops/sync.yaml', fluxKustomization('flux-system', './apps', '  targetNamespace: other\n').replace('namespace: flux-system', 'namespace: other-system'));
    r.put('apps/api.yaml', cm('api'));
    r.put('clusters/edge/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/egde'));
    const { model, findings } = await check(r.root);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.source.file).sort()).toEqual(['clusters/edge/flux-system/gotk-sync.yaml', 'deploy/main/sync.yaml', 'ops/sync.yaml']);
    expect(findings.filter((f) => f.code === 'FLUX_PATH_MISSING').map((f) => f.source.file)).toEqual(['clusters/edge/flux-system/gotk-sync.yaml']);
  });
});
