/**
 * The summary's states count what its totals count: each HelmRelease and Kustomization document
 * once, however many clusters build it, and a document only one failing build applies is not active
 * (outside review: `helmReleases: 3` beside `states.helmReleases.active: 5`, the copies of a base in two
 * clusters counted each, and the copies of a cluster whose build fails counted active).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { countModel } from '../../src/analysis/counts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('the states of the summary counts', () => {
  const repo = tempRepos(afterAll);

  it('count each document once, active where a deployed build applies it', async () => {
    const r = repo('counts-states');
    for (const c of ['dev', 'stage']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
      r.put(`apps/${c}/kustomization.yaml`, c === 'dev' ? 'resources:\n  - ../base\n' : 'resources:\n  - ../base\n  - only-stage.yaml\npatches:\n  - patch: |\n      apiVersion: cert-manager.io/v1\n      kind: Certificate\n      metadata:\n        name: gone\n      spec:\n        secretName: x\n');
    }
    r.put('apps/base/kustomization.yaml', 'resources:\n  - hr.yaml\n');
    r.put('apps/base/hr.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    r.put('apps/stage/only-stage.yaml', helmRelease({ name: 'extra', namespace: 'web' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    // The stage build fails (a patch whose target is not there: kustomize stops).
    expect(model.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['PATCH_NO_TARGET']);
    const counts = countModel(model);
    expect(counts.helmReleases).toBe(2);
    expect(counts.states.helmReleases).toEqual({ active: 1, disabled: 0, unreferenced: 1 });
    const ks = counts.states.fluxKustomizations;
    expect(ks.active + ks.disabled + ks.unreferenced).toBe(counts.fluxKustomizations);
  });
});
