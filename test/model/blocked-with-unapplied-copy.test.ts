/**
 * An app whose Kustomization is defined inside a root build that cannot be built is not deployed, also
 * where a second definition of that Kustomization sits in a file nothing applies (outside review: `apps`,
 * defined in `infrastructure/namespaces/apps.yaml` of a failing root build and again in an unlisted
 * `clusters/production/apps.yaml`, was "active" while everything beside it was NOT_DEPLOYED).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('an app of a Kustomization a failing root build defines', () => {
  const repo = tempRepos(afterAll);

  it('is not deployed, whatever an unapplied copy of its Kustomization says', async () => {
    const r = repo('blocked-unapplied-copy');
    r.put('clusters/production/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    r.put('clusters/production/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - ../../infrastructure\n');
    // Left out of the list above: Flux never applies this copy.
    r.put('clusters/production/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - namespaces\n  - storage\n  - storage/repo.yaml\n');
    r.put('infrastructure/namespaces/kustomization.yaml', 'resources:\n  - apps.yaml\n');
    r.put('infrastructure/namespaces/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('infrastructure/storage/kustomization.yaml', 'resources:\n  - repo.yaml\n');
    r.put('infrastructure/storage/repo.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: longhorn\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.longhorn.io\n');
    r.put('apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.some((f) => f.code === 'KUSTOMIZE_DUPLICATE_RESOURCE')).toBe(true);
    const app = model.apps.find((a) => a.name === 'apps');
    expect(app?.notDeployed).toMatch(/^Kustomization flux-system\/flux-system cannot be built/);
  });
});
