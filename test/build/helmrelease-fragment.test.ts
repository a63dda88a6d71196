/**
 * A HelmRelease document with no chart (no spec.chart.spec.chart, no spec.chartRef) is a kustomize
 * patch fragment: `patch.yaml` beside an overlay that pins only spec.chart.spec.version. Where no build
 * applies it as an object (the overlay's kustomization.yaml does not name it), it is no release: it
 * became an app "patch" with a page and chart version 1.x (outside review, JvandeLocht/fluxcd). Where
 * the overlay names it as a patch, the release it completes takes its version, as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const FRAGMENT = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  chart:\n    spec:\n      version: "1.x"\n';

describe('a HelmRelease fragment without a chart', () => {
  const repo = tempRepos(afterAll);

  async function certManager(overlay: string) {
    const r = repo('helmrelease-fragment');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure/production/cert-manager'));
    r.put('infrastructure/base/cert-manager/kustomization.yaml', 'resources:\n  - repository.yaml\n  - release.yaml\n');
    r.put('infrastructure/base/cert-manager/repository.yaml', helmRepository('charts', 'https://charts.jetstack.io'));
    r.put('infrastructure/base/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.16.0' }));
    r.put('infrastructure/production/cert-manager/kustomization.yaml', `resources:\n  - ../../base/cert-manager/\n${overlay}`);
    r.put('infrastructure/production/cert-manager/patch.yaml', FRAGMENT);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return { model, findings: analyse(model, config).findings };
  }

  it('that no build applies is no release and no app', async () => {
    const { model, findings } = await certManager('');
    expect(model.helmReleases.map((h) => `${h.namespace}/${h.name} ${h.chart.name} ${h.chart.version} ${h.source.file}`)).toEqual(['cert-manager/cert-manager cert-manager v1.16.0 infrastructure/base/cert-manager/release.yaml']);
    expect(model.apps.map((a) => a.name)).not.toContain('patch');
    expect(model.objects.filter((o) => o.source.file.endsWith('patch.yaml'))).toEqual([]);
    expect(findings.filter((f) => f.source.file.endsWith('patch.yaml'))).toEqual([]);
  });

  it('that the overlay names as a patch completes the release of the base, as before', async () => {
    const { model } = await certManager('patches:\n  - path: patch.yaml\n');
    expect(model.helmReleases.map((h) => `${h.namespace}/${h.name} ${h.chart.name} ${h.chart.version}`)).toEqual(['cert-manager/cert-manager cert-manager 1.x']);
    expect(model.apps.map((a) => a.name)).not.toContain('patch');
  });
});
