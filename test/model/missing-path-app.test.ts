/**
 * A Kustomization whose spec.path names a folder the repository does not have (`./cluster/kubernetes/
 * apps/kube-system/cilium/crd`, left from an old layout) is FLUX_PATH_MISSING, and part of the app of
 * the ks.yaml that defines it, not an app of its own at a folder that is not there (outside review:
 * `flux-system/cilium-crd`; and each ks.yaml moved to `.archive/` was a second app at its old path).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { analyse } from '../../src/analysis/index.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a Kustomization whose path is not there', () => {
  const repo = tempRepos(afterAll);
  it('belongs to its ks.yaml’s app', async () => {
    const r = repo('missing-path-app');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/apps/kube-system/kustomization.yaml', 'namespace: kube-system\nresources:\n  - ./cilium/ks.yaml\n');
    r.put('kubernetes/apps/kube-system/cilium/ks.yaml', [fluxKustomization('cilium', './kubernetes/apps/kube-system/cilium/app'), fluxKustomization('cilium-crd', './cluster/kubernetes/apps/kube-system/cilium/crd')].join('---\n').replaceAll('  namespace: flux-system\n', ''));
    r.put('kubernetes/apps/kube-system/cilium/app/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('kubernetes/apps/kube-system/cilium/app/helmrelease.yaml', helmRelease({ name: 'cilium' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.objects.filter((o) => o.kind === 'Kustomization' && o.name.startsWith('cilium')).map((o) => [o.name, o.appId])).toEqual([
      ['cilium', 'kube-system/cilium'],
      ['cilium-crd', 'kube-system/cilium'],
    ]);
    expect(model.apps.map((a) => a.dir)).not.toContain('cluster/kubernetes/apps/kube-system/cilium/crd');
    expect(analyse(model, config).findings.filter((f) => f.code === 'FLUX_PATH_MISSING').map((f) => f.source.file)).toEqual(['kubernetes/apps/kube-system/cilium/ks.yaml']);
  });
});
