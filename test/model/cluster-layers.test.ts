/**
 * A cluster's folder that holds layer Kustomizations (`clusters/k3s/core.yaml` -> `./core`,
 * `apps.yaml` -> `./apps`, `apps` dependsOn `core`), each applying the Kustomizations of its own tree:
 * one app per layer (outside review: both were one app, `flux-system/apps`, and the order between them
 * was lost from its page, an edge inside one app). A folder named as an app keeps its Kustomizations
 * in one app (that is the existing rule for an app's ks.yaml and stays).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('layer Kustomizations in a cluster folder', async () => {
  const repo = tempRepos(afterAll);
  const r = repo('cluster-layers');
  r.put('clusters/k3s/flux-system/gotk-sync.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  ref: {branch: main}\n  url: https://example.org/home.git\n---\n${fluxKustomization('flux-system', './clusters/k3s')}`);
  r.put('clusters/k3s/core.yaml', fluxKustomization('core', './core'));
  r.put('clusters/k3s/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn:\n    - name: core\n'));
  // No kustomization.yaml: Flux generates one of every manifest under the path.
  r.put('core/istio.yaml', fluxKustomization('istio', './core/istio'));
  r.put('core/istio/release.yaml', helmRelease({ name: 'istiod', namespace: 'istio-system' }));
  r.put('core/vault.yaml', fluxKustomization('vault', './core/vault'));
  r.put('core/vault/release.yaml', helmRelease({ name: 'vault', namespace: 'vault' }));
  r.put('apps/cloud.yaml', fluxKustomization('cloud', './apps/cloud', '  dependsOn:\n    - name: istio\n'));
  r.put('apps/cloud/release.yaml', helmRelease({ name: 'nextcloud', namespace: 'cloud' }));
  r.put('apps/web.yaml', fluxKustomization('web', './apps/web'));
  r.put('apps/web/release.yaml', helmRelease({ name: 'web', namespace: 'web' }));
  const { model } = await scanRepo(r.root, parseConfig({}));
  const appOf = (ks: string) => model.objects.find((o) => o.id === `Kustomization/flux-system/${ks}`)?.appId;

  it('makes one app of each layer', () => {
    expect(appOf('core')).toBe('flux-system/core');
    expect(appOf('apps')).toBe('flux-system/apps');
  });

  it('keeps the dependsOn between them on the app pages', () => {
    const deps = appFacts(model, 'flux-system/apps')!.dependsOn;
    expect(JSON.stringify(deps)).toContain('flux-system/core');
  });
});
