/**
 * A flat repository's root Kustomization (`path: ./`) applies other Kustomizations and, through its
 * kustomization.yaml, some apps' folders directly: `immich` with a HelmRelease, `ddns` with a
 * Deployment and its SealedSecret. The release's folder was an app; `ddns` was part of the root's
 * app, which then carried its image and findings (outside review). Each such folder with a workload
 * is an app of its own; folders of plain configuration stay the root's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe("a root's folders of plain workloads beside the Kustomizations it applies", () => {
  const repo = tempRepos(afterAll);

  it('are apps of their own', async () => {
    const r = repo('aggregator-workload-folders');
    r.put('flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './'));
    r.put('flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n  - ferriskey-ks.yaml\n');
    r.put('flux-system/ferriskey-ks.yaml', fluxKustomization('ferriskey', './ferriskey'));
    r.put('kustomization.yaml', 'resources:\n  - flux-system\n  - ddns\n  - immich\n  - settings\n');
    r.put('ddns/kustomization.yaml', 'namespace: ddns\nresources:\n  - deployment.yaml\n  - secret.yaml\n');
    r.put('ddns/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: noip-duc\nspec:\n  template:\n    spec:\n      containers:\n        - name: duc\n          image: ghcr.io/noipcom/noip-duc:3.3.0\n');
    r.put('ddns/secret.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: noip\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK\n');
    r.put('immich/kustomization.yaml', 'namespace: immich\nresources:\n  - release.yaml\n');
    r.put('immich/release.yaml', helmRelease({ name: 'immich' }));
    r.put('settings/kustomization.yaml', 'resources:\n  - settings.yaml\n');
    r.put('settings/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  DOMAIN: example.org\n');
    r.put('ferriskey/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ferriskey\n  namespace: ferriskey\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.objects.find((o) => o.name === name)?.appId;
    expect([appOf('noip-duc'), appOf('noip'), appOf('immich'), appOf('cluster-settings'), appOf('ferriskey')]).toEqual(['ddns/ddns', 'ddns/ddns', 'immich/immich', 'flux-system/flux-system', 'ferriskey/ferriskey']);
    expect(model.apps.find((a) => a.id === 'ddns/ddns')?.dir).toBe('ddns');
  });
});
