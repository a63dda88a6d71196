/**
 * A JSON 6902 operation that does not apply ("add operation does not apply: doc is missing path:
 * /spec/dependsOn/-"; kubectl kustomize the oracle) is PATCH_NOT_APPLIED, from a kustomization.yaml and
 * from a component a Flux Kustomization's spec.components adds (that one was silent; outside review).
 * A warning, not a stop: where the emulation models a build in part (`configurations:` fieldSpecs, a
 * base's transformers, a generator's data, components run before labels) a path kustomize finds may be
 * missing here (code review: five false "cannot be built" errors). kustomize's negative indices count
 * from the end (`-1` appends on add).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - target:\n      kind: HelmRelease\n    patch: |-\n      - op: add\n        path: /spec/dependsOn/-\n        value:\n          name: kopiur\n';

describe('a JSON 6902 patch that does not apply', () => {
  const repo = tempRepos(afterAll);

  it('is a warning from a kustomization.yaml or from spec.components; not where the list exists, nor for a negative index, nor under configurations', async () => {
    const r = repo('json-patch-not-applied');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', [
      fluxKustomization('listed', './apps/listed', '  targetNamespace: default\n'),
      fluxKustomization('spec', './apps/spec', '  targetNamespace: default\n  components:\n    - ../../components/dep\n'),
      fluxKustomization('fine', './apps/fine', '  targetNamespace: default\n  components:\n    - ../../components/dep\n'),
      fluxKustomization('negative', './apps/negative', '  targetNamespace: default\n'),
      fluxKustomization('configured', './apps/configured', '  targetNamespace: default\n'),
    ].join('---\n'));
    r.put('components/dep/kustomization.yaml', component);
    r.put('apps/listed/kustomization.yaml', 'resources:\n  - ./release.yaml\ncomponents:\n  - ../../components/dep\n');
    r.put('apps/listed/release.yaml', helmRelease({ name: 'listed' }));
    r.put('apps/spec/release.yaml', helmRelease({ name: 'spec' }));
    r.put('apps/fine/release.yaml', helmRelease({ name: 'fine' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: storage\n'));
    // `-1` appends (kubectl builds it: containers web, side).
    r.put('apps/negative/kustomization.yaml', 'resources:\n  - ./deploy.yaml\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |\n      - {op: add, path: /spec/template/spec/containers/-1, value: {name: side, image: busybox}}\n');
    r.put('apps/negative/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
    // A configurations fieldSpec with create: true makes the path in kustomize's build.
    r.put('apps/configured/kustomization.yaml', 'resources:\n  - ./release.yaml\nconfigurations:\n  - ./kconf.yaml\ncommonLabels:\n  team: a\npatchesJson6902:\n  - target: {group: helm.toolkit.fluxcd.io, version: v2, kind: HelmRelease, name: configured}\n    patch: |\n      - {op: add, path: /spec/values/podLabels/x, value: "1"}\n');
    r.put('apps/configured/kconf.yaml', 'commonLabels:\n  - path: spec/values/podLabels\n    create: true\n    group: helm.toolkit.fluxcd.io\n    kind: HelmRelease\n');
    r.put('apps/configured/release.yaml', helmRelease({ name: 'configured' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const failed = model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED');
    expect(failed.map((f) => `${f.severity} ${f.source.file} ${/HelmRelease (\S+):/.exec(f.message)?.[1]}`).sort()).toEqual(['warning components/dep/kustomization.yaml listed', 'warning components/dep/kustomization.yaml spec']);
    expect(model.apps.filter((a) => a.notDeployed)).toEqual([]);
    const containers = (model.objects.find((o) => o.kind === 'Deployment' && o.name === 'web')?.images ?? []).map((i) => i.path);
    expect(containers).toEqual(['containers.web', 'containers.side']);
  });
});
