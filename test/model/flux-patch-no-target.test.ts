/**
 * A Flux Kustomization's own spec.patches entry that selects nothing its build makes: Flux applies
 * it to nothing, silently. Patches a parent added are never reported on the child. Cases in
 * test/fixtures/repos/flux-patch-no-target/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/flux-patch-no-target');

describe('Flux spec.patches that select nothing', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));

  it('reports the patch written on cluster-apps that targets HelmReleases it does not build, and nothing else', () => {
    const patches = atlas.analysis.findings.filter((f) => f.code.startsWith('PATCH_'));
    expect(patches.map((f) => [f.code, f.severity, `${f.source.file}:${f.source.line}`, f.message])).toEqual([
      ['PATCH_NO_TARGET', 'warning', 'kubernetes/flux/cluster.yaml:14', 'This spec.patches entry (target kind: HelmRelease) selects no object that this Kustomization builds, so Flux applies it to nothing.'],
    ]);
    // About that Kustomization, on its app's page: not the app of whatever applies its file (outside review).
    const ks = atlas.model.kustomizations.find((k) => k.name === 'cluster-apps')!;
    expect([patches[0]!.objectId, patches[0]!.appId]).toEqual([ks.id, ks.appId]);
  });
});
