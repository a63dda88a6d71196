import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * A Kustomization without targetNamespace takes the one namespace its objects agree on. Objects of
 * files its kustomization.yaml does not list (a stray namespace-netbird.yaml beside it, NOT_DEPLOYED)
 * are never applied, so they say nothing of where it runs: the app `infra-controllers`, whose
 * releases are apps of their own, was shown in namespace netbird, taken from the stray files alone.
 */
describe("a Kustomization's app namespace", () => {
  const repo = tempRepos(afterAll);
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

  it('comes from what its build applies, not from files its kustomization.yaml leaves out', async () => {
    const r = repo('ns-undeployed');
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', fluxKustomization('infra-controllers', './infra/controllers'));
    r.put('infra/controllers/kustomization.yaml', 'resources:\n  - ./traefik/\n  - ./cloudflared/\n');
    for (const name of ['traefik', 'cloudflared']) {
      r.put(`infra/controllers/${name}/kustomization.yaml`, `namespace: ${name}\nresources:\n  - namespace.yaml\n  - helmrelease.yaml\n`);
      r.put(`infra/controllers/${name}/namespace.yaml`, ns(name));
      r.put(`infra/controllers/${name}/helmrelease.yaml`, helmRelease({ name }));
    }
    r.put('infra/controllers/namespace-netbird.yaml', ns('netbird'));
    r.put('infra/controllers/netbird.yaml', helmRelease({ name: 'netbird-operator', namespace: 'netbird' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.name === 'infra-controllers');
    expect(app?.namespace).toBe('flux-system');
  });

  it('still follows a deployed object that names its namespace', async () => {
    const r = repo('ns-deployed');
    r.put('clusters/prod/infra.yaml', fluxKustomization('monitoring', './infra/monitoring'));
    r.put('infra/monitoring/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('infra/monitoring/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\n  namespace: observability\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.apps.find((a) => a.name === 'monitoring')?.namespace).toBe('observability');
  });
});

/**
 * An app made of a HelmRelease in a file its folder's kustomization.yaml does not list (an outside
 * review: kyverno-policies beside a kustomization.yaml without resources) showed no chart, where the
 * same app without that kustomization.yaml showed its chart and version.
 */
describe("an unlisted release's app", () => {
  const repo = tempRepos(afterAll);

  it('shows the chart it would deploy', async () => {
    const r = repo('unlisted-chart');
    r.put('clusters/dev/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/dev'));
    r.put('infrastructure/configs/kustomization.yaml', 'resources: []\n');
    r.put('infrastructure/configs/kyverno-policies.yaml', helmRelease({ name: 'kyverno-policies', namespace: 'kyverno', version: '3.6.1' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hr = model.helmReleases.find((h) => h.name === 'kyverno-policies')!;
    expect(hr.disabled).toBe('unlisted');
    expect(appFacts(model, hr.appId!)?.charts.map((c) => [c.chart, c.version])).toEqual([['kyverno-policies', '3.6.1']]);
  });
});
