/**
 * A patch file of the Flux bootstrap's kustomization.yaml (`patch-secrets.yaml`: a Kustomization named
 * `this field is ignored, but required`, kustomize's placeholder wording, with only spec.decryption),
 * and a copy of it left in a sub-folder that nothing names. The copy is a patch too: no API server
 * accepts its name, and without a sourceRef Flux reconciles nothing of it. Read as a root Kustomization
 * of the whole repository it made every object "applied twice", and a DEPRECATED_API_VERSION of its own
 * (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const FRAGMENT = 'apiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata:\n  name: this field is ignored, but required\n  namespace: this field is ignored, but required\nspec:\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n';

describe('a Flux Kustomization fragment left beside the bootstrap', () => {
  const repo = tempRepos(afterAll);

  it('is a patch file, no root: no duplicates, no finding of its own', async () => {
    const r = repo('flux-fragment-patch-file');
    r.put('kubernetes/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './kubernetes'));
    r.put('kubernetes/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\npatches:\n  - path: patch-secrets.yaml\n    target:\n      kind: Kustomization\n      name: flux-system\n');
    r.put('kubernetes/flux-system/patch-secrets.yaml', FRAGMENT);
    r.put('kubernetes/flux-system/config/patch-secrets.yaml', FRAGMENT);
    r.put('kubernetes/apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\ndata:\n  a: b\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.map((f) => `${f.code} ${f.source.file}`)).toEqual([]);
    expect(model.kustomizations.map((k) => k.name)).toEqual(['flux-system']);
  });

  // Outside review: `cluster/base/flux-system-patch.yaml`, a flux-system with only spec.decryption beside the
  // real one, was read as a second flux-system: each the other's owner, no root, every app's checks quiet.
  it('is a patch file where it only adds to a Kustomization of its name (no sourceRef, no path) beside a kustomization.yaml that leaves it out', async () => {
    const r = repo('flux-fragment-same-name');
    r.put('cluster/base/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - apps.yaml\n');
    r.put('cluster/base/gotk-sync.yaml', fluxKustomization('flux-system', './cluster/base'));
    r.put('cluster/base/flux-system-patch.yaml', FRAGMENT.replace(/this field is ignored, but required/g, 'flux-system'));
    r.put('cluster/base/apps.yaml', fluxKustomization('apps', './cluster/apps'));
    r.put('cluster/apps/web/alert.yaml', 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: web\nspec:\n  providerRef:\n    name: chat\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.name)).toEqual(['flux-system']);
    expect(model.apps.map((a) => a.id).sort()).not.toContain('flux-system/flux-system-2');
    // What the root's build reaches is checked again: the Alert written without a namespace.
    expect(analyse(model, config).findings.map((f) => f.code)).toContain('FLUX_NAMESPACE_NOT_SPECIFIED');
  });

  // Code review: where Flux writes the folder's kustomization.yaml itself, it lists the fragment too, and
  // the API server refuses it for want of a sourceRef: a Kustomization as before, not a patch.
  it('is still a Kustomization in a folder without a kustomization.yaml, of another cluster', async () => {
    const r = repo('flux-fragment-autogen');
    r.put('clusters/staging/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/staging'));
    r.put('clusters/staging/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    r.put('clusters/prod/apps.yaml', FRAGMENT.replace(/this field is ignored, but required/g, 'apps').replace('  namespace: apps\n', '  namespace: flux-system\n'));
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.kustomizations.filter((k) => k.name === 'apps').map((k) => k.source.file).sort()).toEqual(['clusters/prod/apps.yaml', 'clusters/staging/apps.yaml']);
  });

  // Outside review (a rebuilt older repository): the root `flux-system` of `./cluster/base`, a folder with no
  // kustomization.yaml, beside a v1beta1 `flux-system-patch.yaml` with only spec.decryption. Flux's
  // generated build applies the fragment, which the API server refuses; read as a Kustomization of the
  // whole repository it contained the root, so no root was found and every check went quiet.
  it('without a sourceRef contains nothing: the root is found, and the fragment the root applies is FLUX_SPEC_INVALID', async () => {
    const r = repo('flux-fragment-generated-folder');
    r.put('cluster/base/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './cluster/base'));
    r.put('cluster/base/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - alert.yaml\n');
    r.put('cluster/base/flux-system/alert.yaml', 'apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: web\nspec:\n  providerRef:\n    name: chat\n');
    r.put('cluster/base/flux-system-patch.yaml', FRAGMENT.replace('v1beta2', 'v1beta1').replace(/this field is ignored, but required/g, 'flux-system'));
    r.put('cluster/base/apps.yaml', fluxKustomization('apps', './cluster/apps'));
    r.put('cluster/apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.source.file)).toEqual(['cluster/base/flux-system/gotk-sync.yaml']);
    const findings = analyse(model, config).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}`);
    expect(findings).toEqual(['FLUX_SPEC_INVALID cluster/base/flux-system-patch.yaml', 'FLUX_NAMESPACE_NOT_SPECIFIED cluster/base/flux-system/alert.yaml']);
  });

  it('is still a Kustomization where its name is one (a child without sourceRef is FLUX_SPEC_INVALID)', async () => {
    const r = repo('flux-fragment-valid-name');
    r.put('kubernetes/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './kubernetes'));
    r.put('kubernetes/apps/broken.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: broken\n  namespace: flux-system\nspec:\n  path: ./kubernetes/apps/web\n  interval: 1h\n  prune: true\n');
    r.put('kubernetes/apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\ndata:\n  a: b\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['FLUX_SPEC_INVALID']);
  });
});
