/**
 * Flux's flux-operator-local-dev layout: CI pushes folders of the repository as OCI artifacts
 * (`flux push artifact --path=kubernetes/infra`), and Kustomizations in clusters/local read them
 * (`./controllers` of `infra-source`, `./` of `apps-source`). Which folder an artifact is pushed from is
 * written only in the script. Where the telling paths of an artifact's Kustomizations are folders
 * under one and the same folder of the tree, that folder is its root, and what they apply is
 * deployed; an artifact read only at its root (`./`) says nothing, and stays another's. Neither is
 * ever this repository itself (an outside review found FLUX_PATH_MISSING for `./controllers`, and
 * then the whole tree under the `./` of the other artifact).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

const source = (name: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1m\n  ref:\n    tag: local\n  url: oci://registry:5000/flux-${name}\n`;
const ks = (name: string, src: string, path: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: OCIRepository\n    name: ${src}\n`;
const release = (name: string, ns: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef:\n        kind: HelmRepository\n        name: ${name}\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 1h\n  url: https://charts.example.org\n`;

describe('OCI artifacts CI pushes from folders of the repository', () => {
  const repo = tempRepos(afterAll);

  it('builds an artifact read at a sub-path from the one folder that has it; one read at its root stays unknown', async () => {
    const r = repo('oci-artifact-folder');
    r.put('kubernetes/clusters/local/infra.yaml', `${source('infra-source')}---\n${ks('infra-controllers', 'infra-source', './controllers')}`);
    r.put('kubernetes/clusters/local/apps.yaml', `${source('apps-source')}---\n${ks('apps-sync', 'apps-source', './')}`);
    r.put('kubernetes/infra/controllers/metrics-server.yaml', release('metrics-server', 'monitoring'));
    r.put('kubernetes/apps/podinfo.yaml', release('podinfo', 'apps'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const owners = Object.fromEntries(model.helmReleases.map((h) => [h.name, h.owner]));
    expect(owners).toEqual({ 'metrics-server': 'Kustomization/flux-system/infra-controllers', podinfo: null });
    expect(model.apps.find((a) => a.name === 'metrics-server')?.notDeployed ?? null).toBeNull();
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'FLUX_PATH_MISSING')).toEqual([]);
  });

  it('leaves an artifact another\'s where its path is a folder under two folders of the tree', async () => {
    const r = repo('oci-artifact-folder-two');
    r.put('clusters/local/infra.yaml', `${source('infra-source')}---\n${ks('infra-controllers', 'infra-source', './controllers')}`);
    r.put('infra/controllers/metrics-server.yaml', release('metrics-server', 'monitoring'));
    r.put('legacy/controllers/metrics-server.yaml', release('metrics-server-old', 'monitoring'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.helmReleases.map((h) => h.owner)).toEqual([null, null]);
  });
});
