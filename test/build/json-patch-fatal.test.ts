/**
 * A JSON 6902 operation that does not apply stops kustomize ("add operation does not apply: doc is
 * missing path: /spec/dependsOn/-"; kubectl kustomize the oracle), so Flux applies nothing of the build:
 * PATCH_NOT_APPLIED is an error there and the app is not deployed. The same for a component's patch that
 * a Flux Kustomization's spec.components adds (outside review: a kopiur component adding to a release's
 * dependsOn list that the release lacks was silent, its app shown deployed and backed up).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - target:\n      kind: HelmRelease\n    patch: |-\n      - op: add\n        path: /spec/dependsOn/-\n        value:\n          name: kopiur\n';

describe('a JSON 6902 patch that does not apply', () => {
  const repo = tempRepos(afterAll);

  it('stops the build, from a kustomization.yaml or from spec.components; not where the list exists', async () => {
    const r = repo('json-patch-fatal');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', [
      fluxKustomization('listed', './apps/listed', '  targetNamespace: default\n'),
      fluxKustomization('spec', './apps/spec', '  targetNamespace: default\n  components:\n    - ../../components/dep\n'),
      fluxKustomization('fine', './apps/fine', '  targetNamespace: default\n  components:\n    - ../../components/dep\n'),
    ].join('---\n'));
    r.put('components/dep/kustomization.yaml', component);
    r.put('apps/listed/kustomization.yaml', 'resources:\n  - ./release.yaml\ncomponents:\n  - ../../components/dep\n');
    r.put('apps/listed/release.yaml', helmRelease({ name: 'listed' }));
    r.put('apps/spec/release.yaml', helmRelease({ name: 'spec' }));
    r.put('apps/fine/release.yaml', helmRelease({ name: 'fine' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: storage\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const failed = model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED');
    expect(failed.map((f) => `${f.severity} ${f.message.slice(0, f.message.indexOf(' cannot'))}`).sort()).toEqual(['error Kustomization flux-system/listed', 'error Kustomization flux-system/spec']);
    const off = model.apps.filter((a) => a.notDeployed).map((a) => a.name).sort();
    expect(off).toEqual(['listed', 'spec']);
  });
});
