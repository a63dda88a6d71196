/**
 * A JSON 6902 `remove` of a key that is not there stops kustomize ("Unable to remove nonexistent
 * key"): in a Flux Kustomization's own spec.patches it is one error at the entry, the Kustomization
 * cannot be built, and what waits for it does not start (outside review: `remove
 * /spec/values/controller/service/loadBalancerIP` where the values say `LoadBalancerIP` raised
 * nothing, and the patch was shown as applied). Each operation is held against kubectl kustomize,
 * where installed: what it refuses fails here, what it accepts (a `replace` of a missing key adds
 * it) applies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { at, type Obj } from '../../src/model/values.ts';
import { applyPatchToBody } from '../../src/repo/build/patches.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';
import { KUBECTL } from './kustomize-fixture.ts';

const VALUES = '    controller:\n      service:\n        LoadBalancerIP: 10.0.0.20\n        type: LoadBalancer\n';
const release = helmRelease({ name: 'ingress-nginx', namespace: 'ingress-nginx', values: VALUES });
/** A spec.patches entry (indented for a Flux Kustomization's spec) removing `key` from the service values. */
const removing = (key: string) =>
  `  patches:\n    - patch: |\n        - op: remove\n          path: /spec/values/controller/service/${key}\n      target:\n        kind: HelmRelease\n        name: ingress-nginx\n`;

describe("a Flux Kustomization's own patch removing a key that is not there", () => {
  const repo = tempRepos(afterAll);
  const scan = async (key: string) => {
    const r = repo('own-patch-remove-missing');
    bootstrap(r, 'staging');
    r.put('clusters/staging/infrastructure.yaml', `${fluxKustomization('infra-controllers', './infrastructure/controllers', removing(key))}---\n${fluxKustomization('infra-configs', './infrastructure/configs', '  dependsOn:\n    - name: infra-controllers\n')}`);
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - ingress-nginx.yaml\n');
    r.put('infrastructure/controllers/ingress-nginx.yaml', release);
    r.put('infrastructure/configs/kustomization.yaml', 'resources:\n  - settings.yaml\n');
    r.put('infrastructure/configs/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  a: b\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { r, model, findings: analyse(model, config).findings };
  };
  const appOf = (model: Awaited<ReturnType<typeof scan>>['model'], ks: string) => model.apps.find((a) => a.kustomizations.includes(`Kustomization/flux-system/${ks}`));

  it('is one error at the entry; the Kustomization and what depends on it are not deployed', async () => {
    const { r, model, findings } = await scan('loadBalancerIP');
    const patch = findings.filter((f) => f.code === 'PATCH_NOT_APPLIED');
    expect(patch.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error clusters/staging/infrastructure.yaml:14']);
    expect(patch[0]!.message).toContain('Kustomization flux-system/infra-controllers cannot be built: its spec.patches entry 1 does not apply to HelmRelease ingress-nginx');
    expect(patch[0]!.message).toContain('Unable to remove nonexistent key');
    expect(appOf(model, 'infra-controllers')?.notDeployed).toContain('infra-controllers cannot be built');
    expect(appOf(model, 'infra-configs')?.notDeployed).toContain('infra-controllers');
    // The oracle: the same patch in a kustomization.yaml over the same release stops kustomize.
    const dir = join(r.root, 'oracle');
    mkdirSync(dir, { recursive: true });
    // (The release is copied in: kustomize's load restrictor refuses a file above the folder, which fails too.)
    const oracle = (key: string) => {
      writeFileSync(join(dir, 'ingress-nginx.yaml'), release);
      writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ingress-nginx.yaml\n${removing(key).split('\n').map((l) => l.slice(2)).join('\n')}`);
      return kubectlKustomize(dir);
    };
    if (KUBECTL) expect([oracle('loadBalancerIP'), oracle('LoadBalancerIP') === 'failed']).toEqual(['failed', false]);
  });

  it('is nothing where the key is there, and the key is gone', async () => {
    const { model, findings } = await scan('LoadBalancerIP');
    expect(findings.filter((f) => f.code === 'PATCH_NOT_APPLIED')).toEqual([]);
    expect(appOf(model, 'infra-configs')?.notDeployed ?? null).toBeNull();
    const hr = model.helmReleases.find((h) => h.name === 'ingress-nginx');
    expect(at(hr?.values, 'controller.service')).toEqual({ type: 'LoadBalancer' });
  });

  it('in a kustomization.yaml is PATCH_NOT_APPLIED, as every patch there that does not apply', async () => {
    const r = repo('kustomization-remove-missing');
    bootstrap(r, 'staging');
    r.put('clusters/staging/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('infrastructure/controllers/kustomization.yaml', `resources:\n  - ingress-nginx.yaml\n${removing('loadBalancerIP').split('\n').map((l) => l.slice(2)).join('\n')}`);
    r.put('infrastructure/controllers/ingress-nginx.yaml', release);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const patch = model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED');
    expect(patch.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['infrastructure/controllers/kustomization.yaml:4']);
    expect(patch[0]!.message).toContain('Unable to remove nonexistent key');
  });
});

/** Operations on the release's body, and whether kustomize 5.5 applies them (kubectl kustomize, checked). */
const OPS: { what: string; op: string; applies: boolean; check?: (body: Obj) => void }[] = [
  { what: 'remove of a missing key', op: '{op: remove, path: /spec/values/controller/service/loadBalancerIP}', applies: false },
  { what: 'remove of a key that is there', op: '{op: remove, path: /spec/values/controller/service/LoadBalancerIP}', applies: true },
  { what: 'remove of an annotation where there are none', op: '{op: remove, path: /metadata/annotations/a}', applies: false },
  { what: 'remove under a missing parent', op: '{op: remove, path: /spec/values/nope/x}', applies: false },
  { what: 'replace of a missing key (adds it)', op: '{op: replace, path: /spec/values/controller/service/loadBalancerIP, value: x}', applies: true, check: (b) => expect(at(b, 'spec.values.controller.service.loadBalancerIP')).toBe('x') },
  { what: 'replace under a missing parent', op: '{op: replace, path: /spec/values/nope/x, value: x}', applies: false },
  { what: 'test that does not match', op: '{op: test, path: /spec/values/controller/service/type, value: NodePort}', applies: false },
  { what: 'test of a missing key against null', op: '{op: test, path: /spec/values/controller/service/nope, value: null}', applies: true },
  { what: 'test of a missing key against a value', op: '{op: test, path: /spec/values/controller/service/nope, value: 1}', applies: false },
  { what: 'move from a missing key', op: '{op: move, from: /spec/values/controller/service/nope, path: /spec/values/controller/x}', applies: false },
  { what: 'copy from a missing key (copies null)', op: '{op: copy, from: /spec/values/controller/service/nope, path: /spec/values/controller/x}', applies: true, check: (b) => expect(at(b, 'spec.values.controller.x')).toBeNull() },
  { what: 'copy from under a missing parent', op: '{op: copy, from: /spec/values/nope/x, path: /spec/values/controller/x}', applies: false },
  { what: 'add under a missing parent', op: '{op: add, path: /spec/values/nope/x, value: 1}', applies: false },
];

describe('JSON 6902 operations that kustomize refuses or accepts', () => {
  const repo = tempRepos(afterAll);
  const body = (): Obj => structuredClone(written);
  const written = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'ingress-nginx', namespace: 'ingress-nginx' }, spec: { values: { controller: { service: { LoadBalancerIP: '10.0.0.20', type: 'LoadBalancer' } } } } };

  it.each(OPS)('$what', ({ op, applies, check }) => {
    const b = body();
    const error = applyPatchToBody({ target: null, strategic: null, ops: [parse(op) as Obj] }, b);
    expect(error === null).toBe(applies);
    if (applies) check?.(b);
  });

  it.skipIf(!KUBECTL)('each as kubectl kustomize has it', () => {
    const r = repo('json-patch-oracle');
    const seen = OPS.map(({ what, op }, i) => {
      r.put(`case${i}/release.yaml`, release);
      r.put(`case${i}/kustomization.yaml`, `resources:\n  - release.yaml\npatches:\n  - target: {kind: HelmRelease, name: ingress-nginx}\n    patch: |\n      - ${op}\n`);
      return { what, applies: kubectlKustomize(join(r.root, `case${i}`)) !== 'failed' };
    });
    expect(seen).toEqual(OPS.map(({ what, applies }) => ({ what, applies })));
  });
});
