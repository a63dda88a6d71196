/**
 * A strategic-merge patch without a target matches an object of the build by its id; where none
 * matches, kustomize stops ("failed to find unique target for patch"), so a Flux Kustomization that
 * builds the folder applies nothing. An outside review found it a warning, with every app of the
 * overlay still deployed. A patch with an explicit target that selects nothing stops nothing (a warning:
 * kustomize applies it to nothing), and where a generator plugin (ksops) makes objects the build does not
 * see, a miss is not known.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: web\ndata:\n  mode: slow\n`;

describe('a kustomization.yaml patch that matches nothing', () => {
  const repo = tempRepos(afterAll);
  async function scan(patches: string, extra = '') {
    const r = repo('patch-no-target');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', `resources:\n  - cm.yaml\n${extra}patches:\n${patches}`);
    r.put('apps/web/cm.yaml', cm('settings'));
    r.put('apps/web/patch.yaml', cm('other').replace('slow', 'fast'));
    r.put('apps/web/secret-generator.yaml', 'apiVersion: viaduct.ai/v1\nkind: ksops\nmetadata:\n  name: secrets\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ksops\nfiles:\n  - ./other.sops.yaml\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const kubectl = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    return {
      found: model.findings.filter((f) => f.code === 'PATCH_NO_TARGET').map((f) => `${f.severity} ${f.source.file}:${f.source.line}`),
      notDeployed: model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed ?? null,
      kubectl: kubectl.error ? null : kubectl.status === 0,
    };
  }

  it('without a target: an error, and the Kustomization applies nothing', async () => {
    const s = await scan('  - path: patch.yaml\n');
    expect(s.found).toEqual(['error apps/web/kustomization.yaml:4']);
    expect(s.notDeployed).toContain('cannot be built');
    expect(s.kubectl ?? false).toBe(false);
  });

  it('with a target that selects nothing: kustomize builds it, applying the patch to nothing (a warning)', async () => {
    // (Harmless to the build, not to what the owner meant: a typo in the target's name leaves the object
    // unpatched; outside review, twenty-eighth round.)
    const s = await scan('  - path: patch.yaml\n    target:\n      kind: ConfigMap\n      name: other\n');
    expect(s.found).toEqual(['warning apps/web/kustomization.yaml:4']);
    expect(s.notDeployed).toBeNull();
    expect(s.kubectl ?? true).toBe(true);
  });

  it('beside a generator plugin, whose objects the build does not see: not known to miss', async () => {
    const s = await scan('  - path: patch.yaml\n', 'generators:\n  - secret-generator.yaml\n');
    expect(s.found).toEqual([]);
    expect(s.notDeployed).toBeNull();
  });
});
