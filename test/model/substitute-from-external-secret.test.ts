/**
 * postBuild.substituteFrom of a Secret that an ExternalSecret of the repository makes: it is in the
 * cluster, not missing. Cases in test/fixtures/repos/substitute-from-external-secret/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/substitute-from-external-secret');

describe('substituteFrom a Secret made by an ExternalSecret', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));

  it('reports only the ConfigMap that no manifest makes, and no variable as unresolved', () => {
    expect(atlas.analysis.findings.map((f) => [f.code, f.message])).toEqual([
      ['SUBSTITUTE_FROM_MISSING', 'postBuild.substituteFrom ConfigMap "cluster-settings" is not in the repository; unless something outside the repository creates it (a bootstrap script, an operator), Flux fails this Kustomization (configmaps "cluster-settings" not found), as the reference is not optional.'],
    ]);
  });
});
