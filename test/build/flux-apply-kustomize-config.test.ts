/**
 * A Flux Kustomization written with kustomize's apiVersion (`kustomize.config.k8s.io/v1beta1`) in its
 * own file, listed as a resource: kustomize emits it as an object (it is a kustomization only in a
 * file named kustomization.yaml), the API server has no such kind, and the kustomize-controller's
 * dry-run of the whole build fails, so nothing of it is applied and what depends on the mistyped one
 * waits forever. Outside review: the object was modelled as deployed, every app active, and the
 * dependents' DEPENDS_ON_MISSING said the dependency was "not defined in the repository".
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import { KUBECTL } from './kustomize-fixture.ts';


describe("a Flux Kustomization written with kustomize's apiVersion", () => {
  const repo = tempRepos(afterAll);

  it('is an error at its apiVersion, and what the build applies is not deployed', async () => {
    const r = repo('flux-apply-kustomize-config');
    bootstrap(r, 'production');
    r.put('clusters/production/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    r.put('clusters/production/kustomization.yaml', 'resources:\n  - flux-system\n  - infrastructure.yaml\n  - apps.yaml\n');
    r.put('clusters/production/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure').replace('kustomize.toolkit.fluxcd.io/v1', 'kustomize.config.k8s.io/v1beta1'));
    r.put('clusters/production/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn:\n    - name: infrastructure\n'));
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
    r.put('infrastructure/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: infra\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const errors = model.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, `${f.source.file}:${f.source.line}`])).toEqual([['FLUX_APPLY_KUSTOMIZE_CONFIG', 'clusters/production/infrastructure.yaml:1']]);
    expect(errors[0]!.message).toContain('write apiVersion: kustomize.toolkit.fluxcd.io/v1');
    expect(model.findings.map((f) => f.code)).not.toContain('DEPENDS_ON_MISSING');
    expect(model.apps.find((a) => a.kustomizations.some((k) => k.includes('/apps')))?.notDeployed).toMatch(/kustomize's apiVersion/);
    // The bootstrap's own app is there all the same: it is what reports the failure.
    expect(model.apps.find((a) => a.name === 'flux-system')?.notDeployed).toBeNull();
    // What Flux runs first: kustomize builds the folder, emitting the document as it is.
    if (KUBECTL) expect(execFileSync('kubectl', ['kustomize', join(r.root, 'clusters/production')], { encoding: 'utf8' })).toMatch(/apiVersion: kustomize\.config\.k8s\.io\/v1beta1\nkind: Kustomization/);
  });

  it('is nothing where no Flux build applies it (a kustomization file of its own name stays one)', async () => {
    const r = repo('flux-apply-kustomize-config-none');
    bootstrap(r, 'production');
    r.put('clusters/production/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
    r.put('tools/other.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'FLUX_APPLY_KUSTOMIZE_CONFIG')).toEqual([]);
    // Nor an object of the model: it was `Kustomization/default/(unnamed)` in an app's list (outside review).
    expect(model.objects.filter((o) => o.group === 'kustomize.config.k8s.io')).toEqual([]);
  });
});
