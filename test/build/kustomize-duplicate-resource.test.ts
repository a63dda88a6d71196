import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * kustomize refuses a build in which one object arrives twice ("may not add resource with an
 * already registered id"): a file listed twice, a base two sibling folders of the build list.
 * Flux then applies nothing of that Kustomization. The same name in two namespaces is two objects.
 * `kubectl kustomize` is the oracle where it is installed (it is on CI runners).
 */
const cm = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

function kubectlRefuses(dir: string): boolean | null {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (run.error) return null; // kubectl absent
  return run.status !== 0 && /already registered id/.test(run.stderr);
}

describe('one object twice in a kustomize build', () => {
  const repo = tempRepos(afterAll);

  async function check(files: Record<string, string>) {
    const r = repo('duplicate-resource');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    return { root: r.root, model, errors: findings.filter((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE') };
  }

  it('a file listed twice: an error, and nothing of the Kustomization deployed', async () => {
    const { root, model, errors } = await check({ 'apps/kustomization.yaml': 'resources:\n  - web.yaml\n  - web.yaml\n', 'apps/web.yaml': cm('web', 'web') });
    expect(kubectlRefuses(join(root, 'apps')) ?? true).toBe(true);
    expect(errors.map((f) => [f.source.file, f.severity])).toEqual([['apps/web.yaml', 'error']]);
    expect(model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/apps'))?.notDeployed).toContain('an object is in its build twice');
  });

  it('a base two sibling folders of the build list: an error', async () => {
    const { root, errors } = await check({
      'apps/kustomization.yaml': 'resources:\n  - a\n  - b\n',
      'apps/a/kustomization.yaml': 'resources:\n  - ../base\n',
      'apps/b/kustomization.yaml': 'resources:\n  - ../base\n',
      'apps/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'apps/base/cm.yaml': cm('shared', 'web'),
    });
    expect(kubectlRefuses(join(root, 'apps')) ?? true).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('two files of a folder whose list Flux generates: no error (the source may leave one out: .sourceignore)', async () => {
    const { errors, model } = await check({
      'apps/cm.yaml': cm('web', 'web'),
      'apps/cm.example.yaml': cm('web', 'web'),
      '.sourceignore': '*.example.yaml\n',
    });
    expect(errors).toEqual([]);
    expect(model.apps.some((a) => a.notDeployed)).toBe(false);
  });

  it('two files of a folder whose list Flux generates, with nothing to leave one out: an error (kubectl refuses the list)', async () => {
    const { errors } = await check({ 'apps/cm.yaml': cm('web', 'web'), 'apps/cm-copy.yaml': cm('web', 'web') });
    expect(errors).toHaveLength(1);
  });

  it('the same name in two namespaces, or under two nameSuffix overlays: no error', async () => {
    const { root, errors } = await check({
      'apps/kustomization.yaml': 'resources:\n  - one.yaml\n  - two.yaml\n  - a\n  - b\n',
      'apps/one.yaml': cm('web', 'one'),
      'apps/two.yaml': cm('web', 'two'),
      'apps/a/kustomization.yaml': 'nameSuffix: -a\nresources:\n  - ../base\n',
      'apps/b/kustomization.yaml': 'nameSuffix: -b\nresources:\n  - ../base\n',
      'apps/base/kustomization.yaml': 'resources:\n  - cm.yaml\n',
      'apps/base/cm.yaml': cm('shared', 'web'),
    });
    expect(kubectlRefuses(join(root, 'apps')) ?? false).toBe(false);
    expect(errors).toEqual([]);
  });
});
