/**
 * One manifest in the builds of two Flux Kustomizations of one cluster: a root at `./flux` with no
 * kustomization.yaml, whose generated file takes in `flux/apps/`, which the `apps` Kustomization
 * applies too. Both apply the release, each marks it as its own, and with prune one may delete it
 * from under the other. Outside review (a Raspberry Pi homelab): nothing was said. It is
 * DUPLICATE_OBJECT, naming both; a manifest only one build holds is not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a manifest two Kustomizations apply', () => {
  const repo = tempRepos(afterAll);
  const scan = async (appsListed: boolean) => {
    const r = repo('applied-twice');
    r.put('flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './flux'));
    r.put('flux/flux-system/apps.yaml', fluxKustomization('apps', './flux/apps'));
    if (appsListed) r.put('flux/apps/kustomization.yaml', 'resources:\n  - jellyfin.yaml\n');
    else r.put('flux/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - flux-system/apps.yaml\n');
    r.put('flux/apps/jellyfin.yaml', helmRelease({ name: 'jellyfin', namespace: 'media' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => `${f.source.file}:${f.source.line} ${f.message.split(':')[0]}`);
  };

  it("is said where the root's generated build takes the folder in", async () => {
    expect(await scan(true)).toEqual(['flux/apps/jellyfin.yaml:1 HelmRelease/media/jellyfin is in the builds of 2 Flux Kustomizations, Kustomization/flux-system/flux-system and Kustomization/flux-system/apps']);
  });

  it('not where only one build holds it', async () => {
    expect(await scan(false)).toEqual([]);
  });
});
