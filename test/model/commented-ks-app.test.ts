import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * A Kustomization commented out in a file of the root's own folder (`base/app-sync.yaml`), whose
 * path is a folder that is not there: it was read as an app of that file's folder, and claimed the
 * releases the root deploys from it (an outside review: the app "nginx-sync" owned flux-operator).
 */
describe('a commented-out Kustomization of a missing folder, in the folder the root builds', () => {
  const repo = tempRepos(afterAll);

  it('is an app of its own, switched off, and owns nothing the root deploys', async () => {
    const r = repo('commented-ks-app');
    r.put('clusters/kind/base/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/kind/base'));
    r.put('clusters/kind/base/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    const commented = fluxKustomization('nginx-sync', './clusters/kind/nginx').replace('namespace: flux-system', 'namespace: kube-system').split('\n').map((l) => (l ? `# ${l}` : l)).join('\n');
    r.put('clusters/kind/base/app-sync.yaml', `${fluxKustomization('alice-sync', './clusters/kind/alice')}# ---\n${commented}`);
    r.put('clusters/kind/alice/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alice\n  namespace: alice\n');
    r.put('clusters/kind/base/flux-operator/kustomization.yaml', 'namespace: flux-system\nresources:\n  - release.yaml\n');
    r.put('clusters/kind/base/flux-operator/release.yaml', helmRelease({ name: 'flux-operator' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (id: string) => model.apps.find((a) => a.id === id);
    const operator = model.helmReleases.find((h) => h.name === 'flux-operator')!;
    expect(operator.owner).toBe('Kustomization/flux-system/flux-system');
    expect(appOf(operator.appId!)?.name).toBe('flux-operator');
    const nginx = model.apps.find((a) => a.name === 'nginx-sync')!;
    expect([nginx.disabled, nginx.dir]).toEqual([true, 'clusters/kind/nginx']);
    expect(model.objects.filter((o) => o.appId === nginx.id).map((o) => o.id)).toEqual(['Kustomization/kube-system/nginx-sync']);
  });

  it("whose folder is there: the app of that folder, switched off, not the cluster's folder as an app (an outside review saw an app \"prod\")", async () => {
    const r = repo('commented-ks-existing');
    r.put('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    const commented = fluxKustomization('infra-observability', './infrastructure/observability').split('\n').map((l) => (l ? `# ${l}` : l)).join('\n');
    r.put('clusters/prod/infrastructure.yaml', `${fluxKustomization('infra-controllers', './infrastructure/controllers')}# ---\n${commented}`);
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - podinfo.yaml\n');
    r.put('infrastructure/controllers/podinfo.yaml', helmRelease({ name: 'podinfo', namespace: 'podinfo' }));
    r.put('infrastructure/observability/kustomization.yaml', 'resources:\n  - monitoring.yaml\n');
    r.put('infrastructure/observability/monitoring.yaml', helmRelease({ name: 'k8s-monitoring', namespace: 'monitoring' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.map((a) => `${a.name} ${a.dir} ${a.disabled ? 'off' : 'on'}`).sort()).toEqual([
      'flux-system clusters/prod/flux-system on',
      'infra-controllers infrastructure/controllers on',
      'infra-observability infrastructure/observability off',
    ]);
  });
});
