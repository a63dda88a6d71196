/**
 * kustomize reads a strategic-merge patch as an object: one without its kind or metadata.name is
 * "unable to parse SM or JSON patch", a `target:` notwithstanding, and the build stops (an apiVersion
 * it does without where a target selects). Outside review (a k3s homelab): `- target: {kind: HelmRelease, name: plex}` with
 * `patch: | spec: values: ...` in seven kustomization.yaml files; nothing was said, and the patch was
 * merged into the release's values. `kubectl kustomize` is the oracle.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const kubectlRefuses = (dir: string): boolean | null => {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return run.error ? null : run.status !== 0 && /unable to parse SM or JSON patch/.test(run.stderr);
};

describe('a strategic-merge patch that is not a whole object', () => {
  const repo = tempRepos(afterAll);
  const scan = async (patch: string) => {
    const r = repo('patch-partial-object');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n  - release.yaml\npatches:\n  - target:\n      kind: HelmRelease\n      name: plex\n    patch: |\n${patch.replace(/^/gm, '      ')}\n`);
    r.put('apps/release.yaml', helmRelease({ name: 'plex', namespace: 'media', values: '    replicas: 1\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return {
      root: r.root,
      errors: model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`),
      valueKeys: Object.keys((model.helmReleases.find((h) => h.name === 'plex')?.values ?? {}) as object),
    };
  };

  it('stops the build, and is not merged', async () => {
    const bad = await scan('spec:\n  values:\n    affinity: {}');
    expect(kubectlRefuses(join(bad.root, 'apps')) ?? true).toBe(true);
    expect(bad.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:4']);
    expect(bad.valueKeys).not.toContain('affinity');
    const nameOnly = await scan('metadata:\n  name: plex\nspec:\n  values:\n    affinity: {}');
    expect(kubectlRefuses(join(nameOnly.root, 'apps')) ?? true).toBe(true);
    expect(nameOnly.errors).toEqual(['KUSTOMIZE_FIELD_INVALID apps/kustomization.yaml:4']);
  });

  it('one with its kind and name is applied, with or without its apiVersion', async () => {
    const noVersion = await scan('kind: HelmRelease\nmetadata:\n  name: plex\nspec:\n  values:\n    affinity: {}');
    expect(kubectlRefuses(join(noVersion.root, 'apps')) ?? false).toBe(false);
    expect(noVersion.errors).toEqual([]);
    const ok = await scan('apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: plex\nspec:\n  values:\n    affinity: {}');
    expect(kubectlRefuses(join(ok.root, 'apps')) ?? false).toBe(false);
    expect(ok.errors).toEqual([]);
    expect(ok.valueKeys).toContain('affinity');
  });
});

describe("a Flux Kustomization's spec.patches entry that is not an object with its kind and name", () => {
  const repo = tempRepos(afterAll);
  const scan = async (patch: string) => {
    const r = repo('flux-patch-partial-object');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', `  patches:\n    - target:\n        kind: HelmRelease\n        name: plex\n      patch: |\n${patch.replace(/^/gm, '        ')}\n`));
    r.put('apps/release.yaml', helmRelease({ name: 'plex', namespace: 'media', values: '    replicas: 1\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return {
      errors: model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`),
      notDeployed: model.apps.find((a) => a.id === model.helmReleases.find((h) => h.name === 'plex')?.appId)?.notDeployed ?? null,
    };
  };

  it('stops the build (Flux adds it to the kustomization.yaml kustomize reads)', async () => {
    const bad = await scan('spec:\n  values:\n    affinity: {}');
    expect(bad.errors).toEqual(['KUSTOMIZE_FIELD_INVALID clusters/home/apps.yaml:14']);
    expect(bad.notDeployed).toContain('cannot be built');
    const ok = await scan('apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: not-used\nspec:\n  values:\n    affinity: {}');
    expect(ok.errors).toEqual([]);
    expect(ok.notDeployed).toBeNull();
  });
});
