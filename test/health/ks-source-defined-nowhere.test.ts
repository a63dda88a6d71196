/**
 * KUSTOMIZATION_SOURCE_MISSING for a GitRepository no document defines: an app's ks.yaml still naming
 * `home-kubernetes` (cluster-template's old name of the repository) or the repository's own name, while
 * the cluster's root reads the repository as `flux-system`. kustomize-controller reports "GitRepository
 * ... not found" and applies nothing. Outside review (ahgraber/homelab-gitops-k3s): nothing was said,
 * and prefect's second Kustomization, whose folder the repository lacked, was read as another
 * repository's content that might define any source, which silenced docat's missing HelmRepository.
 * Not said for the names a bootstrap gives (the root's, a FluxInstance's sync.name) nor for another
 * repository's source (paths that are no folders here).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

/** An app's ks.yaml as the review's repository writes them: in flux-system, a sourceRef of `source`. */
const appKs = (name: string, path: string, source: string, sourceNs = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 30m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n${sourceNs ? `    namespace: ${sourceNs}\n` : ''}`;
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

const codes = async (root: string) => {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return analyse(model, config).findings.filter((f) => f.code === 'KUSTOMIZATION_SOURCE_MISSING' || f.code === 'HELMRELEASE_SOURCE_MISSING');
};

describe('a Kustomization of a GitRepository the repository defines nowhere', () => {
  const repo = tempRepos(afterAll);

  it("is a warning where its path is of this tree and the root reads the tree as flux-system; the releases under such Kustomizations keep theirs", async () => {
    const r = repo('ks-source-defined-nowhere');
    // The review's layout: the root in kubernetes/flux/cluster (the bootstrap's GitRepository is no file
    // of the repository), the namespace folder's kustomization.yaml moving every ks.yaml to datasci.
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('flux-cluster', './kubernetes/apps'));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./datasci\n');
    r.put('kubernetes/apps/datasci/kustomization.yaml', 'namespace: datasci\nresources:\n  - ./docat/ks.yaml\n  - ./prefect/ks.yaml\n  - ./temporal/ks.yaml\n');
    r.put('kubernetes/apps/datasci/docat/ks.yaml', appKs('docat', './kubernetes/apps/datasci/docat/app', 'home-kubernetes') + '  targetNamespace: datasci\n');
    r.put('kubernetes/apps/datasci/docat/app/helmrelease.yaml', helmRelease({ name: 'docat', chart: 'app-template', source: 'bjw-s' }));
    // Two of one name, one of a folder the repository lacks: the name is still this repository's.
    r.put('kubernetes/apps/datasci/prefect/ks.yaml', `${appKs('prefect-db', './kubernetes/apps/datasci/prefect/db', 'homelab-gitops-k3s')}---\n${appKs('prefect-server', './kubernetes/apps/datasci/prefect/server', 'homelab-gitops-k3s')}`);
    r.put('kubernetes/apps/datasci/prefect/server/helmrelease.yaml', helmRelease({ name: 'prefect-server', namespace: 'datasci', source: 'prefect' }));
    r.put('kubernetes/apps/datasci/prefect/server/source.yaml', helmRepository('prefect', 'https://prefecthq.github.io/prefect-helm'));
    // The bootstrap's own, named with its namespace: found.
    r.put('kubernetes/apps/datasci/temporal/ks.yaml', appKs('temporal', './kubernetes/apps/datasci/temporal/app', 'flux-system', 'flux-system'));
    r.put('kubernetes/apps/datasci/temporal/app/cm.yaml', configMap('temporal'));
    const found = await codes(r.root);
    expect(found.map((f) => `${f.code} ${f.severity} ${f.source.file}:${f.source.line}`)).toEqual([
      'HELMRELEASE_SOURCE_MISSING warning kubernetes/apps/datasci/docat/app/helmrelease.yaml:11',
      'KUSTOMIZATION_SOURCE_MISSING warning kubernetes/apps/datasci/docat/ks.yaml:10',
      'KUSTOMIZATION_SOURCE_MISSING warning kubernetes/apps/datasci/prefect/ks.yaml:10',
      'KUSTOMIZATION_SOURCE_MISSING warning kubernetes/apps/datasci/prefect/ks.yaml:23',
    ]);
    const [, docat, db] = found;
    expect(docat!.message).toContain('takes its source from GitRepository datasci/home-kubernetes, which no document of this repository defines and no bootstrap makes');
    expect(docat!.message).toContain('root Kustomization flux-system/flux-cluster reads as GitRepository flux-system/flux-system');
    expect(docat!.message).toContain('Write name: flux-system and namespace: flux-system in the sourceRef, unless another repository sharing this cluster defines home-kubernetes there.');
    expect(db!.message).toContain('The path ./kubernetes/apps/datasci/prefect/server of Kustomization datasci/prefect-server, which reads it too, is a folder of this repository');
  });

  it("is not said for the bootstrap's names, a FluxInstance's sync name, another repository's source, nor where a FluxInstance's sync is unknown", async () => {
    // The root itself reads a name no file defines (a Terraform bootstrap's `home-ops`): so may the rest.
    const terraform = repo('ks-source-root-name');
    terraform.put('clusters/home/flux-system/sync.yaml', fluxKustomization('flux-system', './clusters/home').replace('    name: flux-system\n', '    name: home-ops\n'));
    terraform.put('clusters/home/apps.yaml', appKs('apps', './apps', 'home-ops'));
    terraform.put('apps/cm.yaml', configMap('apps'));
    expect(await codes(terraform.root)).toEqual([]);

    // A FluxInstance whose sync is named home-kubernetes makes that GitRepository.
    const instance = repo('ks-source-instance-name');
    instance.put('clusters/home/flux-system/flux-instance.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n  distribution:\n    version: 2.7.x\n  sync:\n    name: home-kubernetes\n    kind: GitRepository\n    url: https://github.com/example/home-ops.git\n    ref: refs/heads/main\n    path: clusters/home\n');
    instance.put('clusters/home/cluster.yaml', fluxKustomization('cluster', './clusters/home/apps').replace('    name: flux-system\n', '    name: home-kubernetes\n'));
    instance.put('clusters/home/apps/web.yaml', appKs('web', './apps/web', 'home-kubernetes'));
    instance.put('apps/web/cm.yaml', configMap('web'));
    expect(await codes(instance.root)).toEqual([]);

    // Another repository's source: the paths are no folders here (a platform repository sharing the cluster may define it).
    const platform = repo('ks-source-other-repository');
    platform.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    platform.put('clusters/home/platform.yaml', appKs('platform', './deploy/platform', 'platform-repo'));
    platform.put('clusters/home/source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/charts\n  ref:\n    branch: main\n');
    expect(await codes(platform.root)).toEqual([]);

    // A release of the flux-instance chart whose values the repository does not hold: its sync's name is unknown.
    const chart = repo('ks-source-instance-unknown');
    chart.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    chart.put('clusters/home/flux-instance.yaml', helmRelease({ name: 'flux-instance', namespace: 'flux-system', chart: 'flux-instance', source: 'controlplane' }));
    chart.put('clusters/home/repositories.yaml', helmRepository('controlplane', 'oci://ghcr.io/controlplaneio-fluxcd/charts'));
    chart.put('clusters/home/web.yaml', appKs('web', './apps/web', 'home-kubernetes'));
    chart.put('apps/web/cm.yaml', configMap('web'));
    expect(await codes(chart.root)).toEqual([]);
  });
});
