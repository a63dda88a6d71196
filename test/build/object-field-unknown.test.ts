/**
 * A top-level key an object's API does not have (`annotations:` written beside `metadata:` instead of
 * under it, in a real repository's HelmRelease template; outside review): Flux applies with server-side
 * apply, which refuses the object ("failed to create typed patch object: .annotations: field not
 * declared in schema"), so the apply of the Kustomization fails. Judged only for kinds whose fields are
 * known (a CRD may have any), never for SOPS's own block or a patch directive. And a HelmRelease whose
 * spec.valuesFrom entry is no object (a JSON patch that set `/spec/valuesFrom/0` to a list) or lacks
 * kind or name, which the HelmRelease API refuses.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('fields the API does not have', () => {
  const repo = tempRepos(afterAll);

  it('a top-level key of a known kind is an error at its line; CRDs, sops and valid objects are not judged', async () => {
    const r = repo('object-field-unknown');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - release.yaml\n  - deploy.yaml\n  - custom.yaml\n  - secret.yaml\n  - cm.yaml\nconfigMapGenerator:\n  - name: payload\n    files:\n      - payload.yaml\n');
    r.put('apps/release.yaml', helmRelease({ name: 'runners', namespace: 'ci' }).replace('kind: HelmRelease\n', 'kind: HelmRelease\nannotations:\n  reloader.stakater.com/auto: "true"\n'));
    r.put('apps/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ci\nlabels:\n  app: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
    r.put('apps/custom.yaml', 'apiVersion: example.org/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: ci\nsettings:\n  a: b\n');
    r.put('apps/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ci\ntype: Opaque\nstringData:\n  key: ENC[AES256_GCM,data:abc,type:str]\nsops:\n  version: 3.9.0\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: ci\ndata:\n  a: b\nimmutable: true\n');
    // Code review: a file no build applies (an example) and one a generator reads as data are refused by nothing.
    r.put('docs/examples/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: example\n  namespace: ci\nlabels:\n  app: example\n');
    r.put('apps/payload.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: payload\ntemplate: true\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'OBJECT_FIELD_UNKNOWN');
    expect(found.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error apps/deploy.yaml:6', 'error apps/release.yaml:3']);
    expect(found[1]!.message).toContain('annotations is no top-level field of a HelmRelease (metadata.annotations?)');
  });

  it('a valuesFrom entry that is a list, or has no name, is FLUX_SPEC_INVALID', async () => {
    const r = repo('values-from-invalid');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - release.yaml\n  - good.yaml\npatches:\n  - target:\n      kind: HelmRelease\n      name: tailscale\n    patch: |\n      - op: replace\n        path: /spec/valuesFrom/0\n        value:\n          - kind: Secret\n            name: oauth\n');
    r.put('apps/release.yaml', helmRelease({ name: 'tailscale', namespace: 'net' }) + '  valuesFrom:\n    - kind: ConfigMap\n      name: base\n    - kind: Secret\n');
    r.put('apps/good.yaml', helmRelease({ name: 'good', namespace: 'net' }) + '  valuesFrom:\n    - kind: Secret\n      name: ${SECRET_NAME}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'FLUX_SPEC_INVALID');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error apps/release.yaml']);
    expect(found[0]!.message).toContain('spec.valuesFrom[0] is a list, not an object {kind, name}; spec.valuesFrom[1] has no name');
  });
});
