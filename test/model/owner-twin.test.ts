/**
 * Two Flux Kustomizations of one name in two files (the one a cluster applies and an old twin nothing
 * lists): the second in file order gets the id `#2`. Objects named their owner by the plain id, so
 * those of the applied one pointed at the unreached twin and read as unreferenced (a public
 * repository's example app; the JSON export said so since its objects' state follows reachability).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isLive } from '../../src/analysis/health/common.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('owner-twin');
afterAll(remove);

describe("an object's owner", async () => {
  put('clusters/home/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
  put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  put('clusters/home/kustomization.yaml', 'resources:\n  - flux-system\n  - web-kustomization.yaml\n');
  // The twin sorts first (apps/ before web-...), so it keeps the plain id.
  put('clusters/home/apps/web.yaml', fluxKustomization('web', './apps/web/old'));
  put('clusters/home/web-kustomization.yaml', fluxKustomization('web', './apps/web/base'));
  put('apps/web/base/kustomization.yaml', 'resources:\n  - cm.yaml\n');
  put('apps/web/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
  const { model } = await scanRepo(root, parseConfig({}));

  it('is the Kustomization that applies it, by its final id, and it is live', () => {
    const applied = model.kustomizations.find((k) => k.source.file === 'clusters/home/web-kustomization.yaml')!;
    const cm = model.objects.find((o) => o.kind === 'ConfigMap' && o.name === 'web')!;
    expect(applied.id).toBe('Kustomization/flux-system/web#2');
    expect(cm.owner).toBe(applied.id);
    expect(isLive(cm, model)).toBe(true);
  });
});
