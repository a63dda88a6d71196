/**
 * Two Flux Kustomizations of one name in two files (the one a cluster applies and an old twin nothing
 * lists). Objects named their owner by the plain id, so those of the applied one pointed at the
 * unreached twin and read as unreferenced (a public repository's example app; the JSON export said so
 * since its objects' state follows reachability). The plain id goes to the applied copy, even where
 * the twin's path sorts first: a `#2` copy was once read as made from Helm values, and the applied
 * Kustomization's DEPRECATED_API_VERSION was lost (another public repository's stale twins).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isLive } from '../../src/analysis/health/common.ts';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('owner-twin');
afterAll(remove);

describe("an object's owner", async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/kustomization.yaml', 'resources:\n  - flux-system\n  - web-kustomization.yaml\n');
  // The twin sorts first (apps/ before web-...); the applied copy is written in a deprecated version.
  put('clusters/home/apps/web.yaml', fluxKustomization('web', './apps/web/old'));
  put('clusters/home/web-kustomization.yaml', fluxKustomization('web', './apps/web/base').replace('/v1\n', '/v1beta2\n'));
  put('apps/web/base/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('apps/web/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
  const { model } = await scanRepo(root, parseConfig({}));

  it('is the Kustomization that applies it, which keeps the plain id, and it is live', () => {
    const applied = model.kustomizations.find((k) => k.source.file === 'clusters/home/web-kustomization.yaml')!;
    const twin = model.kustomizations.find((k) => k.source.file === 'clusters/home/apps/web.yaml')!;
    const cm = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'web')!;
    expect(applied.id).toBe('Kustomization/flux-system/web');
    expect(twin.id).toBe('Kustomization/flux-system/web#2');
    expect(cm.owner).toBe(applied.id);
    expect(isLive(cm, model)).toBe(true);
  });

  it("checks the applied copy's apiVersion like any manifest's", async () => {
    const { analysis } = await computeAtlas(root, parseConfig({}));
    const deprecated = analysis.findings.filter((f) => f.code === 'DEPRECATED_API_VERSION');
    expect(deprecated.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['clusters/home/web-kustomization.yaml:1']);
  });
});
