/**
 * A Flux Kustomization lacking a field its API requires (spec.sourceRef, interval, prune) is refused
 * by the API server: it builds nothing, and the apply of the Kustomization that applies it fails.
 * Outside review (an organisation's fleet repository): a patch fragment (`kind: Kustomization`,
 * `spec.postBuild` only) listed as a resource was modelled as building the repository's root, which
 * made a false KUSTOMIZE_DUPLICATE_RESOURCE error and gave it the cluster's own Kustomizations. A
 * field a parent's spec.patches adds counts; a fragment no build applies says nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const fragment = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: x\n  namespace: flux-system\nspec:\n  postBuild:\n    substitute:\n      ENVIRONMENT: sbox\n';

describe('a Flux Kustomization without the fields its API requires', () => {
  const repo = tempRepos(afterAll);
  const scan = async (files: Record<string, string>) => {
    const r = repo('flux-spec-invalid');
    bootstrap(r);
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return {
      errors: model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`),
      ownedByX: model.objects.filter((o) => o.owner === 'Kustomization/flux-system/x').map((o) => o.id),
    };
  };

  it('listed as a resource: refused, builds nothing, owns nothing', async () => {
    const out = await scan({ 'clusters/prod/kustomization.yaml': 'resources:\n  - flux-system\n  - ../../apps/x\n', 'clusters/prod/flux-system/kustomization.yaml': 'resources:\n  - gotk-sync.yaml\n', 'apps/x/kustomization.yaml': 'resources:\n  - kustomize.yaml\n', 'apps/x/kustomize.yaml': fragment });
    expect(out.errors).toEqual(['FLUX_SPEC_INVALID apps/x/kustomize.yaml:1']);
    expect(out.ownedByX).toEqual([]);
  });

  it("not where a parent's spec.patches adds the fields, nor where nothing applies it", async () => {
    const patch = "  patches:\n    - target:\n        kind: Kustomization\n      patch: |\n        - op: add\n          path: /spec/sourceRef\n          value: {kind: GitRepository, name: flux-system}\n        - op: add\n          path: /spec/interval\n          value: 1h\n        - op: add\n          path: /spec/prune\n          value: true\n";
    const patched = await scan({ 'clusters/prod/apps.yaml': fluxKustomization('apps', './apps/x', patch), 'apps/x/kustomization.yaml': 'resources:\n  - kustomize.yaml\n', 'apps/x/kustomize.yaml': fragment.replace('spec:\n', 'spec:\n  path: ./apps/x/app\n'), 'apps/x/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n' });
    expect(patched.errors).toEqual([]);
    expect(patched.ownedByX).toEqual(['ConfigMap/default/a']);
    const unlisted = await scan({ 'apps/x/kustomize.yaml': fragment });
    expect(unlisted.errors).toEqual([]);
  });
});
