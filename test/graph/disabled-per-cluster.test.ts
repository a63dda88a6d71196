/**
 * A Kustomization switched off in one cluster's folder (left out of `clusters/a/kustomization.yaml`) is
 * no Kustomization of another cluster: a dependent in cluster b that names it waits for something
 * cluster b does not define. It was said to be "disabled in the repository; enable it", advice that
 * cannot help cluster b (outside review: Graceful-star/platform-gitops, staging's `dependsOn:
 * infrastructure` against prod's left-out file). Within its own cluster it is still DEPENDS_ON_DISABLED.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a dependsOn on a Kustomization switched off in a cluster folder', () => {
  const repo = tempRepos(afterAll);
  const depends = async (dependentCluster: 'a' | 'b') => {
    const r = repo(`disabled-per-cluster-${dependentCluster}`);
    bootstrap(r, 'a');
    bootstrap(r, 'b');
    r.put('clusters/a/kustomization.yaml', 'resources:\n  - flux-system\n');
    r.put('clusters/a/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    r.put('clusters/a/infra.yaml', fluxKustomization('infra', './work'));
    r.put(`clusters/${dependentCluster}/apps.yaml`, fluxKustomization('apps', './work', '  dependsOn:\n    - name: infra\n'));
    if (dependentCluster === 'a') r.put('clusters/a/kustomization.yaml', 'resources:\n  - flux-system\n  - apps.yaml\n');
    r.put('work/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\n  namespace: default\ndata:\n  a: b\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code.startsWith('DEPENDS_ON')).map((f) => `${f.code} ${f.severity} ${f.source.file}: ${f.message}`);
  };

  it("is missing for another cluster, with where the switched-off one is", async () => {
    expect(await depends('b')).toEqual([
      "DEPENDS_ON_MISSING error clusters/b/apps.yaml: Kustomization flux-system/apps depends on Kustomization flux-system/infra, which cluster 'b' does not define. One of that name is switched off in the folder of cluster 'a', none is in 'b', and Flux looks for it in this cluster only.",
    ]);
  });

  it('is disabled for its own cluster', async () => {
    expect((await depends('a')).map((f) => f.split(':')[0])).toEqual(['DEPENDS_ON_DISABLED error clusters/a/apps.yaml']);
  });
});
