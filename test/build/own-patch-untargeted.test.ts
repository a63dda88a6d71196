/**
 * A Flux Kustomization's spec.patches are added to the kustomization.yaml at its path, so kustomize runs
 * them before that file's own namespace, namePrefix and nameSuffix (kubectl kustomize the oracle):
 * - a strategic-merge patch without a target that names no object of the build stops kustomize ("no
 *   resource matches strategic merge patch"), and Flux applies nothing (outside review: a warning said
 *   it applied to nothing);
 * - a target naming the object as it is before the prefix (`worker` beside `namePrefix: prod-`) selects it
 *   (outside review: a false PATCH_NO_TARGET warning).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import { KUBECTL } from './kustomize-fixture.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: w\n          image: busybox:1.0\n';
const smp = (name: string) => `    - patch: |\n        apiVersion: apps/v1\n        kind: Deployment\n        metadata:\n          name: ${name}\n        spec:\n          replicas: 3\n`;
const targeted = (name: string) => `    - target:\n        kind: Deployment\n        name: ${name}\n      patch: |\n        - op: replace\n          path: /spec/replicas\n          value: 2\n`;

describe("a Flux Kustomization's own patches against its path's names", () => {
  const repo = tempRepos(afterAll);
  const scan = async (patches: string) => {
    const r = repo('own-patch-untargeted');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps', './apps/prod', `  patches:\n${patches}`)}---\n${fluxKustomization('after', './after', '  dependsOn:\n    - name: apps\n')}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - worker.yaml\n');
    r.put('apps/base/worker.yaml', deployment);
    r.put('apps/prod/kustomization.yaml', 'namePrefix: prod-\nnamespace: prod\nresources:\n  - ../base\n');
    r.put('after/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n  namespace: default\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code.startsWith('PATCH_'));
    // The oracle: the same patches in the path's kustomization.yaml.
    const dir = join(r.root, 'oracle');
    mkdirSync(join(dir, 'base'), { recursive: true });
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - worker.yaml\n');
    writeFileSync(join(dir, 'base', 'worker.yaml'), deployment);
    writeFileSync(join(dir, 'kustomization.yaml'), `namePrefix: prod-\nnamespace: prod\nresources:\n  - base\npatches:\n${patches.split('\n').map((l) => l.slice(2)).join('\n')}`);
    return { model, findings, oracle: kubectlKustomize(dir) };
  };

  it('a patch without a target that names nothing stops the build: an error, and nothing of it deployed', async () => {
    const { model, findings, oracle } = await scan(smp('does-not-exist'));
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['error PATCH_NO_TARGET']);
    expect(findings[0]!.message).toContain('its build has no Deployment does-not-exist');
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/after'))?.notDeployed).toContain('apps');
    if (KUBECTL) expect(oracle).toBe('failed');
  });

  it('names before the path renames them select: no finding, as kubectl builds it', async () => {
    const { findings, oracle } = await scan(`${smp('worker')}${targeted('worker')}`);
    expect(findings).toEqual([]);
    if (KUBECTL) expect(oracle).not.toBe('failed');
  });
});
