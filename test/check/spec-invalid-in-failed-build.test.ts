/**
 * A Flux object the API server would refuse says why its app is not deployed only where it is that
 * reason: a HelmRelease patch fragment in a folder kustomize cannot build (listed without a
 * kustomization.yaml) is never applied, so no FLUX_SPEC_INVALID for it; the build's own error and the
 * app's NOT_DEPLOYED note say what happens (code review of the thirty-second round's merge).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('FLUX_SPEC_INVALID in a build that fails for another reason', () => {
  const repo = tempRepos(afterAll);

  it('is left out; where the refused object is the reason, it stays', async () => {
    const r = repo('spec-invalid-failed-build');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - cert-manager/\n');
    r.put('infrastructure/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'flux-system' }));
    r.put('infrastructure/cert-manager/helmrelease-patch.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: flux-system\nspec:\n  dependsOn:\n    - name: infrastructure\n');
    r.put('clusters/prod/operators.yaml', fluxKustomization('operators', './operators'));
    r.put('operators/release.yaml', helmRelease({ name: 'cnpg', namespace: 'flux-system' }).replace('kind: HelmRepository', 'kind: OCIRepository'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const codes = analyse(model, config).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}`);
    expect(codes).toContain('KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION infrastructure/kustomization.yaml');
    expect(codes.filter((c) => c.startsWith('FLUX_SPEC_INVALID'))).toEqual(['FLUX_SPEC_INVALID operators/release.yaml']);
  });
});
