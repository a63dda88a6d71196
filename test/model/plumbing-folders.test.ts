/**
 * A folder of Flux plumbing alone (a HelmRepository, with its Namespace) under a Kustomization that
 * applies many releases was an app of its own: a public repository's /apps/ listed `bjw-s` and
 * `zitadel` (HelmRepositories in flux-system) beside the real zitadel app, and counted them. Such
 * objects belong to the Kustomization that applies them; a folder with a release stays an app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('plumbing-folders');
afterAll(remove);

const repo = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  url: https://charts.example.org/${name}\n`;
const release = (name: string, ns: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef: {kind: HelmRepository, name: ${name}, namespace: flux-system}\n`;

describe('folders of Flux plumbing under a collection Kustomization', () => {
  it('are no apps; their objects are the Kustomization’s', async () => {
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/infra.yaml', fluxKustomization('infrastructure-controllers', './infrastructure/controllers'));
    put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - bjw-s\n  - zitadel\n  - cilium\n  - longhorn\n');
    put('infrastructure/controllers/bjw-s/kustomization.yaml', 'resources:\n  - helmrepository.yaml\n');
    put('infrastructure/controllers/bjw-s/helmrepository.yaml', repo('bjw-s'));
    put('infrastructure/controllers/zitadel/kustomization.yaml', 'resources:\n  - helmrepository.yaml\n  - namespace.yaml\n');
    put('infrastructure/controllers/zitadel/helmrepository.yaml', repo('zitadel'));
    put('infrastructure/controllers/zitadel/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: zitadel\n');
    put('infrastructure/controllers/cilium/kustomization.yaml', 'resources:\n  - helmrepository.yaml\n  - helmrelease.yaml\n');
    put('infrastructure/controllers/cilium/helmrepository.yaml', repo('cilium'));
    put('infrastructure/controllers/cilium/helmrelease.yaml', release('cilium', 'kube-system'));
    put('infrastructure/controllers/longhorn/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    put('infrastructure/controllers/longhorn/helmrelease.yaml', release('longhorn', 'longhorn-system'));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.apps.map((a) => a.id).sort()).toEqual(['flux-system/flux-system', 'flux-system/infrastructure-controllers', 'kube-system/cilium', 'longhorn-system/longhorn']);
    const controllers = model.apps.find((a) => a.id === 'flux-system/infrastructure-controllers')!;
    expect(controllers.objects).toEqual(expect.arrayContaining(['HelmRepository/flux-system/bjw-s', 'HelmRepository/flux-system/zitadel', 'Namespace/_cluster/zitadel']));
    // A folder with a release keeps its HelmRepository.
    expect(model.apps.find((a) => a.id === 'kube-system/cilium')!.objects).toContain('HelmRepository/flux-system/cilium');
  });
});
