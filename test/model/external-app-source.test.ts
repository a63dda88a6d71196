/**
 * An app whose Flux Kustomizations read another repository, more of them than the bootstrap has:
 * this repository's source is the one whose Kustomizations' paths are folders here, not the one used
 * most. Cases in test/fixtures/repos/external-app-source/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/external-app-source');

describe('an app of another repository beside the bootstrap', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
  const { model } = atlas;

  it('keeps the bootstrap as the root and deploys what it reaches', () => {
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.id)).toEqual(['Kustomization/flux-system/flux-system']);
    expect(model.kustomizations.filter((k) => !k.reachedFromRoot).map((k) => k.id)).toEqual([]);
    expect(model.helmReleases.map((h) => [h.id, h.appId])).toEqual([['HelmRelease/podinfo/podinfo', 'podinfo/podinfo']]);
    expect(model.apps.filter((a) => a.notDeployed).map((a) => a.id)).toEqual([]);
  });

  it('does not look for the other repository paths here', () => {
    expect(atlas.analysis.findings.map((f) => f.code)).toEqual(['NETWORK_POLICY_MISSING']);
  });
});
