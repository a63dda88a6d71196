/**
 * Each cluster's helm-controller reads only that cluster's sources: a HelmRelease deployed to prod
 * that names a HelmRepository only the dev cluster defines has no chart source, as dependsOn across
 * clusters already said (outside review, sixteenth round). Before, the chart resolved to dev's copy
 * (its URL shown on prod's page) and nothing was reported; and the renamed-source hint counted every
 * cluster's sources (`it defines 2 other HelmRepositories`, the other cluster's name in the text).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('a chart source of another cluster', () => {
  const repo = tempRepos(afterAll);

  const twoClusters = async (prodDefinesIt: boolean) => {
    const r = repo('chart-per-cluster');
    for (const cluster of ['dev', 'prod']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/infra.yaml`, fluxKustomization('infra', `./infra/${cluster}`));
      r.put(`infra/${cluster}/kustomization.yaml`, 'resources:\n  - repos.yaml\n  - release.yaml\n');
      r.put(`infra/${cluster}/release.yaml`, helmRelease({ name: 'operator', namespace: 'flux-system', source: 'vendor' }));
    }
    r.put('infra/dev/repos.yaml', helmRepository('vendor', 'https://charts.vendor.example/dev'));
    r.put('infra/prod/repos.yaml', prodDefinesIt ? helmRepository('vendor', 'https://charts.vendor.example/prod') : helmRepository('bitnami', 'https://charts.bitnami.com/bitnami'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const prod = model.helmReleases.find((h) => h.cluster === 'prod')!;
    const dev = model.helmReleases.find((h) => h.cluster === 'dev')!;
    return { prod, dev, findings: analyse(model, config).findings.filter((f) => f.code === 'HELMRELEASE_SOURCE_MISSING') };
  };

  it('is not the release\'s source: no URL from the other cluster, and HELMRELEASE_SOURCE_MISSING says where it is defined', async () => {
    const { prod, dev, findings } = await twoClusters(false);
    expect(dev.chart.url).toBe('https://charts.vendor.example/dev');
    expect(prod.chart.url).toBeNull();
    expect(prod.chart.sourceAt).toBeNull();
    expect(findings).toHaveLength(1);
    expect(findings[0]!.source.file).toBe('infra/prod/release.yaml');
    expect(findings[0]!.message).toContain("which cluster 'prod' of this repository does not define (it defines 1 other HelmRepository)");
    expect(findings[0]!.message).toContain("It is defined for cluster 'dev', not for 'prod'");
  });

  it('resolves each cluster\'s release to its own cluster\'s copy', async () => {
    const { prod, dev, findings } = await twoClusters(true);
    expect(prod.chart.url).toBe('https://charts.vendor.example/prod');
    expect(dev.chart.url).toBe('https://charts.vendor.example/dev');
    expect(findings).toEqual([]);
  });

  it('is still said where the release\'s cluster defines no source of that kind and another does', async () => {
    const r = repo('chart-none-here');
    for (const cluster of ['dev', 'prod']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/infra.yaml`, fluxKustomization('infra', `./infra/${cluster}`));
    }
    r.put('infra/dev/kustomization.yaml', 'resources:\n  - repos.yaml\n');
    r.put('infra/dev/repos.yaml', helmRepository('bitnami', 'https://charts.bitnami.com/bitnami'));
    r.put('infra/prod/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('infra/prod/release.yaml', helmRelease({ name: 'grafana', namespace: 'flux-system', source: 'grafana-charts' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'HELMRELEASE_SOURCE_MISSING');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('which this repository does not define (it defines 1 other HelmRepository, for other clusters)');
  });

  it('counts and names only the release\'s own cluster\'s sources when a nameSuffix renames them', async () => {
    const r = repo('chart-suffix');
    r.put('infra/base/kustomization.yaml', 'resources:\n  - repo.yaml\n  - release.yaml\n');
    r.put('infra/base/repo.yaml', helmRepository('vendor', 'https://charts.vendor.example'));
    r.put('infra/base/release.yaml', helmRelease({ name: 'operator', namespace: 'flux-system', source: 'vendor' }));
    for (const cluster of ['dev', 'prod']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/infra.yaml`, fluxKustomization('infra', `./infra/${cluster}`));
      r.put(`infra/${cluster}/kustomization.yaml`, `nameSuffix: -${cluster}\nresources:\n  - ../base\n`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code === 'HELMRELEASE_SOURCE_MISSING');
    const prod = findings.find((f) => f.message.includes('operator-prod'))!;
    expect(prod.message).toContain('(it defines 1 other HelmRepository)');
    expect(prod.message).toContain('its build names it flux-system/vendor-prod');
    expect(prod.message).not.toContain('vendor-dev');
  });
});
