import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A strategic-merge patch without a target finds its object by the whole id, the version included:
 * an overlay's patch still written for `helm.toolkit.fluxcd.io/v2beta1` after the base moved to `v2`
 * matches nothing, kustomize refuses the build ("no matches for Id"), and the overlay's values were
 * not what the model showed (it matched by group and kind, and applied the patch). A patch with a
 * `target:` selector that names no version applies. `kubectl kustomize` is the oracle.
 */
const release = (apiVersion: string, interval: string) =>
  `apiVersion: ${apiVersion}\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: web\nspec:\n  interval: ${interval}\n  chart:\n    spec:\n      chart: web\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n`;

function kubectl(dir: string): { ok: boolean; stderr: string } | null {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return run.error ? null : { ok: run.status === 0, stderr: run.stderr };
}

describe("a strategic-merge patch's apiVersion", () => {
  const repo = tempRepos(afterAll);

  async function build(patchApiVersion: string, entry: string) {
    const r = repo('patch-api-version');
    r.put('clusters/home/apps.yaml', fluxKustomization('web', './apps/web/overlay'));
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/web/base/helmrelease.yaml', release('helm.toolkit.fluxcd.io/v2', '1h'));
    r.put('apps/web/overlay/kustomization.yaml', `resources:\n  - ../base\npatches:\n${entry}`);
    r.put('apps/web/overlay/patch.yaml', `apiVersion: ${patchApiVersion}\nkind: HelmRelease\nmetadata:\n  name: web\n  namespace: web\nspec:\n  interval: 5m\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'PATCH_NO_TARGET');
    const hr = model.helmReleases.find((h) => h.name === 'web')!;
    return { root: r.root, findings: findings.map((f) => [`${f.source.file}:${f.source.line}`, f.message]), interval: hr.interval };
  }

  it('of another version than its object matches nothing: kustomize refuses, and the model does not apply it', async () => {
    const b = await build('helm.toolkit.fluxcd.io/v2beta1', '  - path: patch.yaml\n');
    const oracle = kubectl(join(b.root, 'apps/web/overlay'));
    if (oracle) expect(oracle.stderr).toMatch(/no matches for Id HelmRelease\.v2beta1/);
    expect(oracle?.ok ?? false).toBe(false);
    expect(b.findings).toEqual([
      [
        'apps/web/overlay/kustomization.yaml:4',
        'Kustomization flux-system/web cannot be built: patches: no object matches the patch\'s HelmRelease web (it is written for helm.toolkit.fluxcd.io/v2beta1; the object is helm.toolkit.fluxcd.io/v2); kustomize refuses the build. A strategic-merge patch without a target must match an object of the build by its kind, name and namespace ("failed to find unique target for patch"). Correct them, or remove the patch.',
      ],
    ]);
    expect(b.interval).toBe('1h');
    // A patch file that is missing says nothing of the resources: the other patch is still judged.
    const both = await build('helm.toolkit.fluxcd.io/v2beta1', '  - path: gone.yaml\n  - path: patch.yaml\n');
    expect(both.findings.map(([at]) => at)).toEqual(['apps/web/overlay/kustomization.yaml:5']);
  });

  it('of the same version, or with a target selector, applies', async () => {
    const same = await build('helm.toolkit.fluxcd.io/v2', '  - path: patch.yaml\n');
    expect(kubectl(join(same.root, 'apps/web/overlay'))?.ok ?? true).toBe(true);
    expect([same.findings, same.interval]).toEqual([[], '5m']);
    const targeted = await build('helm.toolkit.fluxcd.io/v2beta1', '  - path: patch.yaml\n    target:\n      kind: HelmRelease\n      name: web\n');
    expect(kubectl(join(targeted.root, 'apps/web/overlay'))?.ok ?? true).toBe(true);
    expect([targeted.findings, targeted.interval]).toEqual([[], '5m']);
  });

  // An outside review: a patch of the Deployment a remote base holds (kustomize fetches it; this build
  // does not) was PATCH_NO_TARGET, "kustomize refuses the build", though kustomize builds it.
  it('of an object the build could not read (a remote base) is not judged', async () => {
    const r = repo('patch-remote-base');
    r.put('clusters/home/apps.yaml', fluxKustomization('nfs', './infra/nfs'));
    r.put('infra/nfs/kustomization.yaml', 'namespace: infra\nresources:\n  - github.com/kubernetes-sigs/nfs-subdir-external-provisioner//deploy?ref=v4.0.2\npatches:\n  - path: server.yaml\n');
    r.put('infra/nfs/server.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nfs-client-provisioner\nspec:\n  template:\n    spec:\n      containers:\n        - name: nfs-client-provisioner\n          env:\n            - name: NFS_SERVER\n              value: nas.example.com\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([]);
  });
});
