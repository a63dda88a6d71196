import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A postBuild.substituteFrom ConfigMap made by a kustomize configMapGenerator (a Flux probe found
 * it): it was "not in the repository" (SUBSTITUTE_FROM_MISSING) and its literals stayed unresolved.
 * Now its literals are variables; where the generator adds a hash to the name, Flux cannot find it
 * by its name and stops: SUBSTITUTE_FROM_HASHED.
 */
describe('a substituteFrom source made by a generator', () => {
  const repo = tempRepos(afterAll);
  const scan = async (generatorOptions: string) => {
    const r = repo('subst-gen');
    bootstrap(r);
    r.put('clusters/prod/vars.yaml', fluxKustomization('vars', './vars'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn: [{name: vars}]\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n'));
    r.put('vars/kustomization.yaml', `namespace: flux-system\n${generatorOptions}configMapGenerator:\n  - name: cluster-settings\n    literals:\n      - DOMAIN=example.com\n      - REGION="eu"\n`);
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  host: "web.${DOMAIN}"\n  region: "${REGION}"\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const codes = model.findings.filter((f) => f.code.startsWith('SUBSTITUT')).map((f) => [f.code, f.severity]);
    return { codes, unresolved: model.findings.some((f) => f.code === 'SUBSTITUTION_UNRESOLVED') };
  };

  it('gives its literals as variables, and is not missing', async () => {
    expect(await scan('generatorOptions:\n  disableNameSuffixHash: true\n')).toEqual({ codes: [], unresolved: false });
  });

  it('is a warning where kustomize adds a hash to its name', async () => {
    expect(await scan('')).toEqual({ codes: [['SUBSTITUTE_FROM_HASHED', 'warning']], unresolved: false });
  });

  it('is nothing where the generator is in a folder no build runs, and an ExternalSecret makes the Secret', async () => {
    const r = repo('subst-gen-old');
    bootstrap(r);
    r.put('clusters/prod/vars.yaml', fluxKustomization('vars', './vars'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n'));
    r.put('vars/externalsecret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: cluster-secrets\n  namespace: flux-system\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: cluster-secrets\n');
    r.put('old/vars/kustomization.yaml', 'namespace: flux-system\nsecretGenerator:\n  - name: cluster-secrets\n    literals:\n      - TOKEN=x\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  host: "web"\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code.startsWith('SUBSTITUTE_FROM'))).toEqual([]);
  });
});
