/**
 * A Flux Kustomization's spec.patches entry that cannot apply to an object it selects (a JSON 6902
 * `add` under `/spec/postBuild/substituteFrom/-` of children that have no postBuild) stops kustomize,
 * so the whole build fails and Flux applies nothing of it: one error at the entry, and what it would
 * have deployed is not deployed (outside review, twenty-fourth round: thirteen warnings, and every app
 * below it checked as deployed). kubectl kustomize is the oracle for the failure, where installed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const PATCH = `  patches:\n    - patch: |\n        - op: add\n          path: /spec/postBuild/substituteFrom/-\n          value:\n            kind: ConfigMap\n            name: cluster-settings\n      target:\n        kind: Kustomization\n`;

describe("a parent's spec.patches entry that does not apply to a child", () => {
  const repo = tempRepos(afterAll);
  const scan = async (childHasPostBuild: boolean) => {
    const r = repo('own-patch-fails');
    bootstrap(r, 'main');
    r.put('clusters/main/apps.yaml', fluxKustomization('cluster-apps', './apps', PATCH));
    r.put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n');
    r.put('apps/web.yaml', fluxKustomization('web', './web', childHasPostBuild ? '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: other\n' : ''));
    r.put('web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { r, model, findings: analyse(model, config).findings };
  };

  it('is one error at the entry, and the child it would apply is not deployed', async () => {
    const { r, model, findings } = await scan(false);
    const patch = findings.filter((f) => f.code === 'PATCH_NOT_APPLIED');
    expect(patch.map((f) => `${f.severity} ${f.source.file}:${f.source.line}`)).toEqual(['error clusters/main/apps.yaml:14']);
    expect(patch[0]!.message).toContain('Kustomization flux-system/cluster-apps cannot be built: its spec.patches entry 1 does not apply to Kustomization web');
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed).toContain('cluster-apps cannot be built');
    // The oracle: the same patch in a kustomization.yaml over the same child stops kustomize.
    const dir = join(r.root, 'oracle');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ../apps/web.yaml\npatches:\n${PATCH.split('\n').slice(1).map((l) => l.slice(2)).join('\n')}`);
    const built = kubectlKustomize(dir);
    if (built !== 'absent') expect(built).toBe('failed');
  });

  it('is nothing where every child it selects has the path', async () => {
    const { model, findings } = await scan(true);
    expect(findings.filter((f) => f.code === 'PATCH_NOT_APPLIED')).toEqual([]);
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed ?? null).toBeNull();
  });

  it('says nothing of such an entry in a Kustomization nothing applies (not deployed: not checked)', async () => {
    const r = repo('own-patch-fails-unreached');
    bootstrap(r, 'main');
    r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\n  namespace: default\n');
    // An old Kustomization no root applies, whose patch adds under a path its ConfigMap lacks.
    r.put('old/web.yaml', fluxKustomization('old-web', './web', '  patches:\n    - patch: |\n        - op: add\n          path: /data/settings/-\n          value: x\n      target:\n        kind: ConfigMap\n'));
    r.put('web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED').map((f) => f.severity)).toEqual(['warning']);
    expect(analyse(model, config).findings.filter((f) => f.code === 'PATCH_NOT_APPLIED')).toEqual([]);
  });
});

/**
 * A spec.patches entry that is a JSON 6902 patch (a list of operations) without a target: kustomize has
 * no object to run it on and refuses the build ("must specify a target for JSON patch"), so Flux
 * applies nothing of the Kustomization (outside review: a PATCH_NO_TARGET warning said the entry applied
 * to nothing, and every app below it was shown as deployed).
 */
describe('a spec.patches entry of JSON 6902 operations without a target', () => {
  const repo = tempRepos(afterAll);
  const UNTARGETED = `  patches:\n    - patch: |\n        - op: replace\n          path: /spec/acme/server\n          value: https://acme-staging-v02.api.letsencrypt.org/directory\n`;

  it('is one error at the entry, and what the Kustomization would apply is not deployed', async () => {
    const r = repo('own-patch-untargeted');
    bootstrap(r, 'main');
    r.put('clusters/main/apps.yaml', fluxKustomization('cluster-apps', './apps', UNTARGETED));
    r.put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n');
    r.put('apps/web.yaml', fluxKustomization('web', './web'));
    r.put('web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['PATCH_NO_TARGET clusters/main/apps.yaml:14']);
    expect(errors[0]!.message).toContain('must specify a target for JSON patch');
    expect(findings.filter((f) => f.code === 'PATCH_NO_TARGET' && f.severity === 'warning')).toEqual([]);
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed).toContain('cluster-apps cannot be built');
    // The oracle: the same entry in a kustomization.yaml.
    const dir = join(r.root, 'oracle');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ../apps/web.yaml\npatches:\n${UNTARGETED.split('\n').slice(1).map((l) => l.slice(2)).join('\n')}`);
    const built = kubectlKustomize(dir);
    if (built !== 'absent') expect(built).toBe('failed');
  });
});
