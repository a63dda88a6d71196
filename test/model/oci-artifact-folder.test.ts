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
import { artifactPushesIn, pushedFolder } from '../../src/repo/artifact-pushes.ts';
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

  const layout = (name: string) => {
    const r = repo(name);
    r.put('kubernetes/clusters/local/apps.yaml', `${source('apps-source')}---\n${ks('apps-sync', 'apps-source', './')}`);
    r.put('kubernetes/apps/podinfo.yaml', release('podinfo', 'apps'));
    r.put('kubernetes/infra/metrics-server.yaml', release('metrics-server', 'monitoring'));
    return r;
  };
  const owners = async (root: string) => {
    const { model } = await scanRepo(root, parseConfig({}));
    return Object.fromEntries(model.helmReleases.map((h) => [h.name, h.owner]));
  };

  it("builds an artifact read at its root from the folder the repository's own script pushes", async () => {
    const r = layout('oci-artifact-script');
    r.put('scripts/push.sh', '#!/bin/sh\nset -e\n# flux push artifact oci://registry:5000/flux-apps-source:old --path=./kubernetes/infra\nflux push artifact oci://registry:5000/flux-apps-source:$(git rev-parse --short HEAD) \\\n  --path="./kubernetes/apps" \\\n  --source="$(git config --get remote.origin.url)" \\\n  --revision="$(git branch --show-current)@sha1:$(git rev-parse HEAD)"\n');
    expect(await owners(r.root)).toEqual({ podinfo: 'Kustomization/flux-system/apps-sync', 'metrics-server': null });
  });

  it('reads the push of a GitHub workflow, whose URL has the expressions of the workflow', async () => {
    const r = layout('oci-artifact-workflow');
    r.put('kubernetes/clusters/local/apps.yaml', `${source('apps-source').replace('oci://registry:5000/flux-apps-source', 'oci://ghcr.io/acme/flux-apps-source')}---\n${ks('apps-sync', 'apps-source', './')}`);
    r.put('.github/workflows/publish.yaml', 'name: publish\non:\n  push:\n    branches: [main]\njobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: fluxcd/flux2/action@main\n      - run: |\n          flux push artifact oci://ghcr.io/${{ github.repository_owner }}/flux-apps-source:${{ github.sha }} \\\n            --path=kubernetes/apps --source=${{ github.repositoryUrl }} --revision=${{ github.sha }}\n');
    expect(await owners(r.root)).toEqual({ podinfo: 'Kustomization/flux-system/apps-sync', 'metrics-server': null });
  });

  it('stays unknown where the pushes name two folders for the artifact, or a folder the tree lacks', async () => {
    const r = layout('oci-artifact-two-pushes');
    r.put('Makefile', 'push-apps:\n\tflux push artifact oci://registry:5000/flux-apps-source:dev --path=kubernetes/apps\npush-infra:\n\tflux push artifact oci://registry:5000/flux-apps-source:dev --path=kubernetes/infra\n');
    expect(await owners(r.root)).toEqual({ podinfo: null, 'metrics-server': null });
    const gone = layout('oci-artifact-push-missing-folder');
    gone.put('push.sh', 'flux push artifact oci://registry:5000/flux-apps-source:dev --path=./deploy\n');
    expect(await owners(gone.root)).toEqual({ podinfo: null, 'metrics-server': null });
  });

  it('reads the command: continuation lines, a path relative to the script, tags and digests off, variables one segment', () => {
    const isDir = (p: string) => ['k8s', 'kubernetes/apps'].includes(p);
    const script = 'pushd $(dirname "$0") >/dev/null\nflux push artifact oci://localhost:5050/${CLUSTER_NAME}:$TIME \\\n  --path=./../k8s \\\n  --source=x\nflux push artifact oci://ghcr.io/acme/apps@sha256:abc --path kubernetes/apps && echo done\n';
    const pushes = artifactPushesIn(script, 'scripts/push.sh', isDir);
    expect(pushes).toEqual([
      { url: 'oci://localhost:5050/${CLUSTER_NAME}', path: 'k8s', file: 'scripts/push.sh', line: 2 },
      { url: 'oci://ghcr.io/acme/apps', path: 'kubernetes/apps', file: 'scripts/push.sh', line: 5 },
    ]);
    expect(pushedFolder('oci://localhost:5050/cluster-00', pushes)).toBe('k8s');
    expect(pushedFolder('oci://ghcr.io/acme/apps', pushes)).toBe('kubernetes/apps');
    expect(pushedFolder('oci://ghcr.io/acme/other', pushes)).toBeNull();
    // A URL that is all variables says nothing of which artifact it is.
    expect(pushedFolder('oci://ghcr.io/acme/apps', artifactPushesIn('flux push artifact oci://${REGISTRY}/${NAME}:v1 --path=k8s\n', 'a.sh', isDir))).toBeNull();
  });
});
