import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * kustomize reads a kustomization.yaml only with its kind's apiVersion (v1beta1; v1alpha1 for a
 * Component) or none: `kustomize.config.k8s.io/v1beta1beta1` (a public repository's sed gone wrong)
 * stops the build, and Flux applies nothing of the Kustomization. `kubectl kustomize` is the oracle.
 */
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n';

function kubectlRefuses(dir: string): boolean | null {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  if (run.error) return null;
  return run.status !== 0 && /apiVersion for (Kustomization|Component) should be/.test(run.stderr);
}

describe("a listed kustomization.yaml's apiVersion", () => {
  const repo = tempRepos(afterAll);

  async function check(files: Record<string, string>) {
    const r = repo('kustomize-api-version');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { root: r.root, errors: analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZE_WRONG_API_VERSION').map((f) => `${f.source.file}:${f.source.line}`) };
  }

  it('that kustomize refuses stops the build', async () => {
    const bad = await check({ 'apps/kustomization.yaml': 'resources:\n  - git\n', 'apps/git/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n', 'apps/git/cm.yaml': cm });
    expect(kubectlRefuses(join(bad.root, 'apps')) ?? true).toBe(true);
    expect(bad.errors).toEqual(['apps/git/kustomization.yaml:1']);
    const component = await check({ 'apps/kustomization.yaml': 'components:\n  - comp\n', 'apps/comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources:\n  - cm.yaml\n', 'apps/comp/cm.yaml': cm });
    expect(kubectlRefuses(join(component.root, 'apps')) ?? true).toBe(true);
    expect(component.errors).toEqual(['apps/comp/kustomization.yaml:1']);
  });

  it('that is right, or left out, is fine', async () => {
    const ok = await check({ 'apps/kustomization.yaml': 'resources:\n  - git\n  - plain\n', 'apps/git/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n', 'apps/git/cm.yaml': cm, 'apps/plain/kustomization.yaml': 'resources:\n  - cm.yaml\n', 'apps/plain/cm.yaml': cm.replace('name: a', 'name: b') });
    expect(kubectlRefuses(join(ok.root, 'apps')) ?? false).toBe(false);
    expect(ok.errors).toEqual([]);
  });
});
