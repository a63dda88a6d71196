/**
 * A chart source written beside the releases of a folder of one file per release belongs to the app
 * whose release names it (chart.spec.sourceRef), whatever its file is called. Outside review (a
 * platform repository): `prometheus-source.yaml` (HelmRepository prometheus-community), used only by
 * `kube-prometheus-stack-release.yaml`, was filed under the cluster's app, while
 * `cert-manager-source.yaml` went to cert-manager by its name alone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('a chart source in a folder of releases', () => {
  const repo = tempRepos(afterAll);

  it("is the app's whose release uses it", async () => {
    const r = repo('chart-source-app');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - prometheus-source.yaml\n  - kube-prometheus-stack-release.yaml\n  - jetstack.yaml\n  - cert-manager-release.yaml\n');
    r.put('infrastructure/controllers/prometheus-source.yaml', helmRepository('prometheus-community', 'https://prometheus-community.github.io/helm-charts'));
    r.put('infrastructure/controllers/kube-prometheus-stack-release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'flux-system', source: 'prometheus-community' }).replace('spec:\n', 'spec:\n  targetNamespace: monitoring\n'));
    r.put('infrastructure/controllers/jetstack.yaml', helmRepository('jetstack', 'https://charts.jetstack.io'));
    r.put('infrastructure/controllers/cert-manager-release.yaml', helmRelease({ name: 'cert-manager', namespace: 'flux-system', source: 'jetstack' }).replace('spec:\n', 'spec:\n  targetNamespace: cert-manager\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (id: string) => model.objects.find((o) => o.id === id)?.appId;
    const release = (name: string) => model.helmReleases.find((h) => h.name === name)?.appId;
    expect(appOf('HelmRepository/flux-system/prometheus-community')).toBe(release('kube-prometheus-stack'));
    expect(appOf('HelmRepository/flux-system/jetstack')).toBe(release('cert-manager'));
  });
});
